package io.canvass.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.questionnaire.SurveyGrant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule for a staff member's role on a survey, without HTTP or a database. */
class StaffMemberTest {

    private static final List<SurveyGrant> NO_GRANTS = List.of();
    private static final List<SurveyGrant> FINANCE_ANALYSTS = List.of(new SurveyGrant("finance", "analyst"),
            new SurveyGrant("core", "researcher"));

    private static StaffMember member(SurveyRole tokenRole, String... groups) {
        return new StaffMember("me@example.com", Set.of(groups), tokenRole, false);
    }

    @Test
    void aSurveyWithoutOwnerOrGrantsIsOpenAtTheTokensRole() {
        assertEquals(SurveyRole.RESEARCHER, member(SurveyRole.RESEARCHER).roleOn(null, NO_GRANTS, null));
        assertEquals(SurveyRole.ANALYST, member(SurveyRole.ANALYST).roleOn(null, NO_GRANTS, null));
        assertNull(member(null, "finance").roleOn(null, NO_GRANTS, null), "no data role in the token: nothing");
    }

    @Test
    void anOwnedSurveyIsTheOwnersAndTheGrantedOnly() {
        assertEquals(SurveyRole.RESEARCHER, member(SurveyRole.RESEARCHER).roleOn("me@example.com", NO_GRANTS, null));
        assertNull(member(SurveyRole.RESEARCHER).roleOn("someone@example.com", NO_GRANTS, null));
        assertEquals(SurveyRole.ANALYST,
                member(SurveyRole.RESEARCHER).roleOn("someone@example.com", NO_GRANTS, SurveyRole.ANALYST));
        assertEquals(SurveyRole.RESEARCHER,
                member(SurveyRole.RESEARCHER).roleOn("someone@example.com", NO_GRANTS, SurveyRole.RESEARCHER));
    }

    @Test
    void definitionGrantsGoByGroupAndCloseTheSurveyToEveryoneElse() {
        assertEquals(SurveyRole.ANALYST, member(SurveyRole.RESEARCHER, "finance").roleOn(null, FINANCE_ANALYSTS, null));
        assertEquals(SurveyRole.RESEARCHER,
                member(SurveyRole.RESEARCHER, "finance", "core").roleOn(null, FINANCE_ANALYSTS, null), "the highest");
        assertNull(member(SurveyRole.RESEARCHER, "sales").roleOn(null, FINANCE_ANALYSTS, null));
        assertEquals(SurveyRole.ANALYST,
                member(SurveyRole.RESEARCHER, "sales").roleOn(null, FINANCE_ANALYSTS, SurveyRole.ANALYST), "a grant adds");
    }

    @Test
    void nothingLiftsAnyoneAboveTheirTokensRole() {
        assertEquals(SurveyRole.ANALYST, member(SurveyRole.ANALYST).roleOn("me@example.com", NO_GRANTS, null));
        assertEquals(SurveyRole.ANALYST, member(SurveyRole.ANALYST, "core").roleOn(null, FINANCE_ANALYSTS, null));
        assertEquals(SurveyRole.ANALYST,
                member(SurveyRole.ANALYST).roleOn("x@example.com", NO_GRANTS, SurveyRole.RESEARCHER));
    }

    @Test
    void grantsAreManagedByTheOwnerWhoIsStillAResearcherOrByAnAdmin() {
        assertTrue(member(SurveyRole.RESEARCHER).managesGrantsOf("me@example.com"));
        assertFalse(member(SurveyRole.ANALYST).managesGrantsOf("me@example.com"));
        assertFalse(member(SurveyRole.RESEARCHER).managesGrantsOf("x@example.com"));
        assertFalse(member(SurveyRole.RESEARCHER).managesGrantsOf(null));
        assertTrue(new StaffMember("ada@example.com", Set.of(), null, true).managesGrantsOf(null));
    }
}
