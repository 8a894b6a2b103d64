package io.canvass.invitation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An invitation as researchers see it: the token, the link to send, its label and state, and the
 * day it was used. {@code usedAt} (the moment) is given on identified surveys only.
 */
public record InvitationView(String token, String link, String label, InvitationState state, Instant createdAt,
        LocalDate usedOn, Instant usedAt) {
}
