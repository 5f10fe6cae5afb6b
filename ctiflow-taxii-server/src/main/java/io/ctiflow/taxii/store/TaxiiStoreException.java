package io.ctiflow.taxii.store;

/** The store failed (database unreachable, constraint broken); the server answers 500 without details. */
public final class TaxiiStoreException extends RuntimeException {

    public TaxiiStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
