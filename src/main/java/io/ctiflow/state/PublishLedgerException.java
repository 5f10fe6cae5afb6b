package io.ctiflow.state;

/** The publish ledger could not be read or written; the delivery fails rather than risk duplicates or losses unnoticed. */
public final class PublishLedgerException extends RuntimeException {

    public PublishLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
