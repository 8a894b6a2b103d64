package io.canvass.invitation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Either how many anonymous invitations to make, or one label per invitation (e.g. a CRM id). */
public record CreateInvitationsRequest(
        @Min(1) @Max(InvitationService.MAX_BATCH) Integer count,
        @Size(min = 1, max = InvitationService.MAX_BATCH) List<@NotBlank @Size(max = 200) String> labels) {
}
