package io.canvass.export;

import io.canvass.response.ResponseStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which responses an export holds: {@code ?status=}, repeated or comma-separated; complete ones by default. */
public final class StatusFilter {

    private StatusFilter() {
    }

    public static Set<ResponseStatus> parse(List<String> values) {
        EnumSet<ResponseStatus> statuses = EnumSet.noneOf(ResponseStatus.class);
        if (values != null) {
            for (String value : values) {
                for (String code : value.split(",", -1)) {
                    statuses.add(statusOf(code.trim(), value));
                }
            }
        }
        return statuses.isEmpty() ? EnumSet.of(ResponseStatus.COMPLETE) : statuses;
    }

    private static ResponseStatus statusOf(String code, String given) {
        for (ResponseStatus status : ResponseStatus.values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new InvalidStatusFilterException(given.length() > 100 ? given.substring(0, 100) + "…" : given);
    }
}
