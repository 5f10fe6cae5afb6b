package io.ctiflow.taxii.client;

/** A TAXII server could not be used; the message is one line naming the URL and what went wrong. */
public class TaxiiException extends RuntimeException {

    public TaxiiException(String message) {
        super(message);
    }

    public TaxiiException(String message, Throwable cause) {
        super(message, cause);
    }
}
