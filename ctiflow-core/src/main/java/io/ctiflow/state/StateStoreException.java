package io.ctiflow.state;

/** The state store could not be reached or a statement failed; the message names the store's URL or what was being done. */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
