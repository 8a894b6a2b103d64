package io.canvass.survey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Grant a staff member, named by their token's subject, a role on a survey. */
public record GrantRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String subject,
        @NotNull @Pattern(regexp = "researcher|analyst", message = "must be researcher or analyst")
        String role) {
}
