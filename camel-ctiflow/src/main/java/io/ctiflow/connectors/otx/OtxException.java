package io.ctiflow.connectors.otx;

/** OTX could not be read: one line naming the URL, the page and what failed (never the API key). */
public class OtxException extends RuntimeException {

    public OtxException(String message) {
        super(message);
    }

    public OtxException(String message, Throwable cause) {
        super(message, cause);
    }
}
