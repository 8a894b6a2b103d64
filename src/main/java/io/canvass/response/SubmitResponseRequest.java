package io.canvass.response;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of a submission; the service reads the body itself to report every fault at once. */
@Schema(description = "A respondent's answers keyed by question id, and the invitation they came with")
public record SubmitResponseRequest(
        @Schema(description = "Answers keyed by question id", required = true, example = "{\"revenue\": \"1b_5b\", \"genai_blockers\": [\"cost\", \"privacy\"], \"genai_priority_2023\": 4, \"ai_use_today\": {\"marketing\": \"limited\"}}")
        Map<String, Object> answers,
        @Schema(description = "A single-use invitation token: required on a survey with access: invitation; "
                + "it admits one response")
        String invitation) {
}
