package io.ctiflow.misp;

/** MISP answered 401 or 403: the API key is missing, wrong or lacks rights. Not retried. */
public class MispAuthenticationException extends MispException {

    public MispAuthenticationException(String message) {
        super(message);
    }
}
