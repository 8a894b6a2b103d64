package io.canvass.dashboard;

import java.util.List;

/** One filter of the dashboard: respondents whose answer to {@code question} is any of {@code codes}. */
public record DashboardFilter(String question, List<String> codes) {

    /** As the results API takes it: {@code question:code,code}. */
    public String parameter() {
        return question + ":" + String.join(",", codes);
    }
}
