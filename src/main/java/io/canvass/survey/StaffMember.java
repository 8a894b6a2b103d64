package io.canvass.survey;

import io.canvass.questionnaire.SurveyGrant;
import java.util.List;
import java.util.Set;

/**
 * A signed-in staff member as access decisions see them: the subject their token names, its groups,
 * the highest data role the token carries ({@code null} for none) and whether it has the admin group.
 *
 * @param tokenRole the ceiling: no grant lifts anyone above the role their token carries today
 */
public record StaffMember(String subject, Set<String> groups, SurveyRole tokenRole, boolean admin) {

    public StaffMember {
        groups = Set.copyOf(groups);
    }

    /**
     * This member's role on a survey, or {@code null} for none. The highest role from ownership
     * (researcher), a grant to their subject and the definition's grants to their groups, capped at
     * the token's role. A survey with neither an owner nor definition grants is open: the token's
     * role applies, as it did before surveys had grants.
     *
     * @param owner who created the survey over the API, or null
     * @param definitionGrants the grants by group in the survey's current definition
     * @param subjectGrant the role granted to this member's subject, or null
     */
    public SurveyRole roleOn(String owner, List<SurveyGrant> definitionGrants, SurveyRole subjectGrant) {
        if (tokenRole == null) {
            return null;
        }
        SurveyRole granted = subjectGrant;
        if (owner == null && definitionGrants.isEmpty()) {
            granted = SurveyRole.higher(granted, tokenRole);
        }
        if (subject.equals(owner)) {
            granted = SurveyRole.higher(granted, SurveyRole.RESEARCHER);
        }
        for (SurveyGrant byGroup : definitionGrants) {
            if (groups.contains(byGroup.group())) {
                granted = SurveyRole.higher(granted, SurveyRole.ofCode(byGroup.role()));
            }
        }
        if (granted == null) {
            return null;
        }
        return granted.atLeast(tokenRole) ? tokenRole : granted;
    }

    /** Whether this member may grant and revoke access to a survey: its owner (still a researcher), or an admin. */
    public boolean managesGrantsOf(String owner) {
        return admin || (tokenRole == SurveyRole.RESEARCHER && subject.equals(owner));
    }
}
