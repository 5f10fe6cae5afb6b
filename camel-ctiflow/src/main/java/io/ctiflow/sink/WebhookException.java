package io.ctiflow.sink;

/**
 * A webhook request failed for good: the receiver refused it (4xx other than 429) or kept failing
 * (429, 5xx, time-out, refused connection) after every retry. The message names the URL, the last
 * status (0 when no answer came) and the reason, so a dead letter records why.
 */
public class WebhookException extends RuntimeException {

    private final String url;
    private final int status;
    private final int attempts;

    public WebhookException(String message, String url, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
        this.attempts = attempts;
    }

    public String url() {
        return url;
    }

    /** The last HTTP status, 0 when the receiver never answered. */
    public int status() {
        return status;
    }

    /** Requests made for the failing bundle. */
    public int attempts() {
        return attempts;
    }
}
