package io.ctiflow.state;

/** A checkpoint could not be read, was corrupt, or could not be written durably. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    public CheckpointException(String message) {
        super(message);
    }
}
