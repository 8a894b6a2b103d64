package io.canvass.results;

import io.canvass.response.RecordKey;

/**
 * A cell of a table (the completes in some set): how many there are and its cell key, the sum of
 * their record keys modulo {@link RecordKey#RANGE}. Both add up over disjoint cells, so a
 * question's base or answered count is the sum of its answer codes' cells.
 */
record CellCount(long count, int key) {

    static final CellCount EMPTY = new CellCount(0, 0);

    CellCount plus(CellCount other) {
        return new CellCount(count + other.count, Math.floorMod(key + other.key, RecordKey.RANGE));
    }
}
