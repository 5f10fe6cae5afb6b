package io.ctiflow.misp;

/**
 * The checkpoint arithmetic of one complete restSearch poll. The checkpoint T means "every event
 * with a timestamp up to T was delivered". After a poll that saw every page, it may move to the
 * highest delivered timestamp, but never to or past the lowest timestamp of an event that failed;
 * so the result is right whatever order MISP answered in.
 */
final class TimestampProgress {

    private final long start;
    private long maxDelivered = Long.MIN_VALUE;
    private long minFailed = Long.MAX_VALUE;
    private int delivered;
    private int failed;

    TimestampProgress(long start) {
        this.start = start;
    }

    void delivered(long timestamp) {
        delivered++;
        maxDelivered = Math.max(maxDelivered, timestamp);
    }

    void failed(long timestamp) {
        failed++;
        minFailed = Math.min(minFailed, timestamp);
    }

    int deliveredCount() {
        return delivered;
    }

    int failedCount() {
        return failed;
    }

    /** The new checkpoint: never lower than the one the poll started from. */
    long checkpoint() {
        long candidate = failed == 0 ? maxDelivered : Math.min(maxDelivered, minFailed - 1);
        return Math.max(start, candidate);
    }
}
