package io.canvass.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoggablePathTest {

    @Test
    void leavesTokensOutOfLoggedPaths() {
        assertEquals("/s/aiia/r/…/3", ProblemMapper.loggablePath("/s/aiia/r/Zk3-secret_token/3"));
        assertEquals("/s/aiia/r/…", ProblemMapper.loggablePath("/s/aiia/r/Zk3-secret_token"));
        assertEquals("/api/surveys/aiia/invitations/…", ProblemMapper.loggablePath("/api/surveys/aiia/invitations/abc"));
        assertEquals("/api/surveys/aiia/responses", ProblemMapper.loggablePath("/api/surveys/aiia/responses"));
    }
}
