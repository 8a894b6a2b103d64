package io.canvass.response;

/** How many stored items an erasure removed (0 when there was nothing to erase). */
public record ErasureReceipt(long erased) {
}
