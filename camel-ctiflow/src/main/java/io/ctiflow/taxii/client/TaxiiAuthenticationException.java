package io.ctiflow.taxii.client;

/** The TAXII server answered 401 or 403: credentials missing, wrong or without the right to this collection. Not retried. */
public class TaxiiAuthenticationException extends TaxiiException {

    private final int status;

    public TaxiiAuthenticationException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** 401 (not authenticated) or 403 (authenticated, but not allowed). */
    public int status() {
        return status;
    }
}
