package io.ctiflow.misp;

/** MISP kept failing (429, 5xx, time-out, refused connection) after every retry. */
public class MispUnavailableException extends MispException {

    public MispUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
