package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** Accepting a rejected complete again needs a place in its quota cell, and the cell is full. */
public class QuotaCellFullException extends RequestProblem {

    public QuotaCellFullException(String cell) {
        super(ProblemType.QUOTA_CELL_FULL, "The response's quota cell " + cell + " is full: it cannot count again until "
                + "a place is free (reject another complete of the cell first).");
    }
}
