package io.canvass.results;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which groups of a breakdown to hide so that no group of fewer than the minimum size can be read
 * or worked out: every small group, and while the hidden groups together are still a small
 * non-empty group (one hidden group is the total minus the others), the next smallest as well.
 */
final class GroupSuppression {

    private GroupSuppression() {
    }

    static boolean[] hide(long[] sizes, int minGroupSize) {
        boolean[] hidden = new boolean[sizes.length];
        long hiddenTotal = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < minGroupSize) {
                hidden[i] = true;
                hiddenTotal += sizes[i];
            }
        }
        Integer[] bySize = IntStream.range(0, sizes.length).boxed().toArray(Integer[]::new);
        Arrays.sort(bySize, Comparator.comparingLong(i -> sizes[i]));
        for (int i : bySize) {
            if (hiddenTotal == 0 || hiddenTotal >= minGroupSize) {
                break;
            }
            if (!hidden[i]) {
                hidden[i] = true;
                hiddenTotal += sizes[i];
            }
        }
        return hidden;
    }
}
