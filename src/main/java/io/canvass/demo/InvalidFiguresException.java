package io.canvass.demo;

/** A figures file that cannot be turned into a plan: the message says which figure and why. */
public class InvalidFiguresException extends RuntimeException {

    public InvalidFiguresException(String message) {
        super(message);
    }
}
