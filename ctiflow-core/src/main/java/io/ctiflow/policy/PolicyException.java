package io.ctiflow.policy;

/** A policy file that cannot be used: the message names the file, the key and the problem. */
public final class PolicyException extends RuntimeException {

    public PolicyException(String file, String key, String problem) {
        super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
    }

    public PolicyException(String message) {
        super(message);
    }
}
