package io.ctiflow.sink;

/** Lines could not be delivered to the SIEM (listener unreachable after every retry, file not writable). */
public class SiemException extends RuntimeException {

    public SiemException(String message, Throwable cause) {
        super(message, cause);
    }
}
