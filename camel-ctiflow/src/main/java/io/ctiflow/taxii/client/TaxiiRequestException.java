package io.ctiflow.taxii.client;

/** The TAXII server refused a request for good (4xx other than 401/403/429); retrying the same request cannot help. */
public class TaxiiRequestException extends TaxiiException {

    private final int status;

    public TaxiiRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
