package io.ctiflow.misp;

/** A MISP server or feed could not be read; the message is one line naming the URL and what failed. */
public class MispException extends RuntimeException {

    public MispException(String message) {
        super(message);
    }

    public MispException(String message, Throwable cause) {
        super(message, cause);
    }
}
