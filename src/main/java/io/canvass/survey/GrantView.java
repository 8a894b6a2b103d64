package io.canvass.survey;

import java.time.Instant;

/** A grant as its survey's owner sees it: who, which role, granted by whom and when. */
public record GrantView(String subject, String role, String grantedBy, Instant grantedAt) {

    static GrantView of(StaffGrant grant) {
        return new GrantView(grant.subject, grant.role.code(), grant.grantedBy, grant.grantedAt);
    }
}
