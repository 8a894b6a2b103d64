package io.canvass.response;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The personal data to erase, by its value: an e-mail address, say. */
public record ErasureRequest(@NotBlank @Size(max = PersonalDataEntry.MAX_CONTENT_LENGTH) String value) {
}
