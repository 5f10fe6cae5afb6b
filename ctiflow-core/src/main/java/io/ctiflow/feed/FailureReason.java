package io.ctiflow.feed;

import org.apache.camel.CamelExchangeException;

import java.util.ArrayList;
import java.util.List;

/**
 * One line saying why an input or delivery failed: the error that happened (not the splitter or
 * multicast wrapped around it) and, when it differs, its root cause — "Cannot store file:
 * /work/stix/.writing-x.csv" alone does not tell a disk is full, the root cause's "No space left on
 * device" does.
 */
final class FailureReason {

    private FailureReason() {
    }

    static String of(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable first = chain.stream().filter(t -> !(t instanceof CamelExchangeException) || t.getCause() == null).findFirst().orElse(error);
        Throwable root = chain.get(chain.size() - 1);
        String reason = describe(first);
        if (root != first && root.getMessage() != null && !reason.contains(root.getMessage())) {
            reason += " (caused by " + describe(root) + ")";
        }
        return reason;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
