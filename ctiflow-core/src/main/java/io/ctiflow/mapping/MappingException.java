package io.ctiflow.mapping;

/** A mapping file that cannot be used; the message names the file, the key and the problem. */
public final class MappingException extends RuntimeException {

    public MappingException(String file, String key, String problem) {
        super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
