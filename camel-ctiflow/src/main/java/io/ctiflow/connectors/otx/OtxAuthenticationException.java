package io.ctiflow.connectors.otx;

/** OTX answered 401 or 403: the API key is missing, wrong or revoked. Not retried. */
public class OtxAuthenticationException extends OtxException {

    public OtxAuthenticationException(String message) {
        super(message);
    }
}
