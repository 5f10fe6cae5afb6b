package io.ctiflow.taxii.server;

/** Who sent a request: an authenticated user name, or nobody ({@link #ANONYMOUS}). */
public record Caller(String name) {

    public static final Caller ANONYMOUS = new Caller(null);

    public boolean anonymous() {
        return name == null;
    }
}
