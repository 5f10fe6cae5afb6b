package io.ctiflow.taxii.server;

/**
 * A request that fails with a TAXII error message: HTTP status, title and description, written as the
 * spec's error JSON by {@link ErrorResponses}.
 */
public final class TaxiiError extends RuntimeException {

    private final int status;
    private final String title;

    public TaxiiError(int status, String title, String description) {
        super(description);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return getMessage();
    }

    static TaxiiError badRequest(String description) {
        return new TaxiiError(400, "Bad request", description);
    }

    static TaxiiError unauthorized(String description) {
        return new TaxiiError(401, "Authentication required", description);
    }

    static TaxiiError forbidden(String description) {
        return new TaxiiError(403, "Forbidden", description);
    }

    static TaxiiError notFound(String description) {
        return new TaxiiError(404, "Not found", description);
    }
}
