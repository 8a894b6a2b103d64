package io.canvass.invitation;

import java.time.Instant;

/** An invitation as researchers see it: the token, the link to send, its label and state. */
public record InvitationView(String token, String link, String label, InvitationState state, Instant createdAt,
        Instant usedAt) {
}
