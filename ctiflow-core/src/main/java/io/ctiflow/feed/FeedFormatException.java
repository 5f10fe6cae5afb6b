package io.ctiflow.feed;

/** A feed that cannot be read at all (not one bad record: those are rejects). */
public final class FeedFormatException extends RuntimeException {

    public FeedFormatException(String message) {
        super(message);
    }

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
