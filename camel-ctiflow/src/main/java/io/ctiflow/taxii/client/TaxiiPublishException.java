package io.ctiflow.taxii.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some objects of a publish were not taken (server failures, still pending after the status
 * time-out, too large for any envelope, or not sent because the server became unreachable). The
 * message names the collection and the failed objects with their reasons; {@link #result()} has all
 * of them.
 */
public class TaxiiPublishException extends TaxiiException {

    private static final int LISTED = 10;
    private final transient PublishResult result;

    public TaxiiPublishException(PublishResult result) {
        super(message(result, null));
        this.result = result;
    }

    public TaxiiPublishException(PublishResult result, TaxiiException cause) {
        super(message(result, cause), cause);
        this.result = result;
    }

    public PublishResult result() {
        return result;
    }

    public List<ObjectFailure> failures() {
        return result.failures();
    }

    private static String message(PublishResult result, TaxiiException cause) {
        StringBuilder m = new StringBuilder("TAXII collection ").append(result.collection()).append(": ");
        if (cause != null) {
            m.append("publishing stopped after ").append(result.succeeded()).append(" objects succeeded: ")
                    .append(cause.getMessage());
            if (!result.hasFailures()) {
                return m.toString();
            }
            m.append("; earlier ");
        }
        List<ObjectFailure> failures = result.failures();
        m.append(failures.size()).append(" of ").append(result.total()).append(" objects failed: ")
                .append(failures.stream().limit(LISTED).map(ObjectFailure::toString).collect(Collectors.joining("; ")));
        if (failures.size() > LISTED) {
            m.append("; and ").append(failures.size() - LISTED).append(" more");
        }
        return m.toString();
    }
}
