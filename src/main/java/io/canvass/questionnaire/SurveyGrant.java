package io.canvass.questionnaire;

/**
 * Access to a survey granted in its definition: every staff member whose token lists {@code group}
 * in its groups gets {@code role} ({@code researcher} or {@code analyst}) on this survey. A
 * definition that names no grant is open to every researcher and analyst.
 */
public record SurveyGrant(String group, String role) {
}
