package io.canvass.export;

/** One value a column may hold and what it means. */
public record ValueLabel(String code, String label) {
}
