package io.canvass.survey;

import io.canvass.access.Roles;
import io.canvass.audit.AuditLog;
import io.canvass.audit.AuditReadScope;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyGrant;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that decides what the signed-in staff member may do with a survey.
 *
 * <p>A member's role on a survey comes from ownership (who created it over the API), a grant to their
 * subject ({@code POST …/grants}) and the grants by group in the survey's current definition, and is
 * never above the role their token carries (see {@link StaffMember#roleOn}). A survey the caller has
 * no role on does not exist for them: {@link SurveyNotFoundException}, the same 404 as an unknown id.
 * Access below what is needed is a 403. Members with the {@code admin} group see every survey in lists
 * and manage every survey's grants, but read data only where they have a role like anyone else.
 *
 * <p>The state is read from the database on each check (one primary-key read of the survey and one of
 * the grant; definitions come from the catalog's cache), so a grant or revocation made on one replica
 * holds on every other at once.
 */
@ApplicationScoped
public class SurveyAccess implements AuditReadScope {

    private final SecurityIdentity identity;
    private final SurveyRepository surveys;
    private final SurveyVersionRepository versions;
    private final StaffGrantRepository grants;
    private final SurveyCatalog catalog;
    private final AuditLog audit;

    public SurveyAccess(SecurityIdentity identity, SurveyRepository surveys, SurveyVersionRepository versions,
            StaffGrantRepository grants, SurveyCatalog catalog, AuditLog audit) {
        this.identity = identity;
        this.surveys = surveys;
        this.versions = versions;
        this.grants = grants;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The caller's role on the survey when it is at least {@code needed}; 404 without any role, 403 below it. */
    @Transactional
    public SurveyViewer require(String surveyId, SurveyRole needed) {
        StaffMember caller = caller();
        Survey survey = surveys.findById(surveyId);
        if (survey == null) {
            throw new SurveyNotFoundException(surveyId);
        }
        SurveyRole role = roleOn(caller, survey);
        if (role == null && !caller.admin()) {
            throw new SurveyNotFoundException(surveyId);
        }
        if (role == null || !role.atLeast(needed)) {
            throw SurveyForbiddenException.roleTooLow(surveyId, needed, role);
        }
        return new SurveyViewer(caller.subject(), role);
    }

    /**
     * {@link #require}, and the read written to the audit log in the same short transaction: the
     * connection is held for the check and the insert, never for the read itself.
     */
    @Transactional
    public SurveyViewer requireAudited(String surveyId, SurveyRole needed, String action, String detail) {
        SurveyViewer viewer = require(surveyId, needed);
        audit.record(viewer.subject(), action, surveyId, null, detail);
        return viewer;
    }

    /**
     * The caller's subject when they may manage the survey's grants (its owner, or an admin); 404 when
     * the survey does not exist for them, 403 when they see it but do not manage it.
     */
    @Transactional
    public String requireGrantManager(String surveyId) {
        StaffMember caller = caller();
        Survey survey = surveys.findById(surveyId);
        if (survey == null || (roleOn(caller, survey) == null && !caller.admin())) {
            throw new SurveyNotFoundException(surveyId);
        }
        if (!caller.managesGrantsOf(survey.owner)) {
            throw SurveyForbiddenException.notGrantManager(surveyId);
        }
        return caller.subject();
    }

    /**
     * Refuses a new definition whose grants differ from the latest version's unless the caller manages
     * the survey's grants: editing a definition must not be a way around {@code POST …/grants}.
     */
    @Transactional
    public void requireGrantsUnchangedOrManaged(String surveyId, List<SurveyGrant> newGrants) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null || Set.copyOf(newGrants).equals(Set.copyOf(latestGrants(surveyId)))) {
            return;
        }
        if (!caller().managesGrantsOf(survey.owner)) {
            throw SurveyForbiddenException.grantsChanged(surveyId);
        }
    }

    /** The surveys the caller sees in lists: those they have a role on; every survey for an admin. */
    @Transactional
    public Set<String> visibleSurveys() {
        StaffMember caller = caller();
        if (caller.admin()) {
            Set<String> all = new TreeSet<>();
            surveys.listAll().forEach(survey -> all.add(survey.id));
            return all;
        }
        return rolesOnEverySurvey(caller).keySet();
    }

    /** The surveys on which the caller's role is at least {@code needed}. */
    @Transactional
    public Set<String> surveysWith(SurveyRole needed) {
        Set<String> ids = new TreeSet<>();
        rolesOnEverySurvey(caller()).forEach((id, role) -> {
            if (role.atLeast(needed)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A researcher reads the entries of the surveys they are a researcher on, and their own sign-ins; an admin all. */
    @Override
    @Transactional
    public Readable readable() {
        StaffMember caller = caller();
        if (caller.admin()) {
            return Readable.everything(caller.subject());
        }
        return new Readable(false, caller.subject(), surveysWith(SurveyRole.RESEARCHER));
    }

    private Map<String, SurveyRole> rolesOnEverySurvey(StaffMember caller) {
        Map<String, SurveyRole> granted = grants.rolesOf(caller.subject());
        Map<String, SurveyRole> roles = new HashMap<>();
        for (Survey survey : surveys.listAll()) {
            SurveyRole role = caller.roleOn(survey.owner, definitionGrants(survey), granted.get(survey.id));
            if (role != null) {
                roles.put(survey.id, role);
            }
        }
        return roles;
    }

    private SurveyRole roleOn(StaffMember caller, Survey survey) {
        SurveyRole granted = grants.find(survey.id, caller.subject()).map(grant -> grant.role).orElse(null);
        return caller.roleOn(survey.owner, definitionGrants(survey), granted);
    }

    /** The grants by group that are in force: those of the version respondents get, or of the draft before that. */
    private List<SurveyGrant> definitionGrants(Survey survey) {
        if (survey.currentVersion != null) {
            // As stored: a version unusable under this release's rules still says whom it grants access.
            return catalog.storedDefinition(survey.id, survey.currentVersion).grants();
        }
        return latestGrants(survey.id);
    }

    private List<SurveyGrant> latestGrants(String surveyId) {
        return versions.latest(surveyId).map(v -> DefinitionParser.fromCanonicalJson(v.definitionJson).grants())
                .orElse(List.of());
    }

    private StaffMember caller() {
        Set<String> groups = new HashSet<>(identity.getRoles());
        SurveyRole tokenRole = groups.contains(Roles.RESEARCHER) ? SurveyRole.RESEARCHER
                : groups.contains(Roles.ANALYST) ? SurveyRole.ANALYST : null;
        return new StaffMember(identity.getPrincipal().getName(), groups, tokenRole, groups.contains(Roles.ADMIN));
    }
}
