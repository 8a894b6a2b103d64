package io.canvass.interview;

/** One cell of a quota: the quota's id, the answer code it caps, and its cap in this version. */
public record QuotaCell(String quotaId, String code, int cap) {

    /** How a full cell is recorded as a response's reason, e.g. {@code industry:it}. */
    public String reason() {
        return quotaId + ":" + code;
    }
}
