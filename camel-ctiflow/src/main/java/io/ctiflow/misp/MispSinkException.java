package io.ctiflow.misp;

/** The misp: producer could not write an event: names endpoint, MISP URL, event uuid and MISP's answer. */
public class MispSinkException extends MispException {

    public MispSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
