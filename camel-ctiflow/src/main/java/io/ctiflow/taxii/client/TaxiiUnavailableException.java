package io.ctiflow.taxii.client;

/** The TAXII server kept failing (429, 5xx, time-out, refused connection) after every retry. */
public class TaxiiUnavailableException extends TaxiiException {

    public TaxiiUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
