package io.ctiflow.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a foreground command up until Ctrl-C or SIGTERM: the JVM's shutdown hook asks the command
 * to stop and then waits (at most the grace period) until the command has shut its servers and
 * routes down, so the process does not exit under a half-written file.
 */
final class UntilStopped implements AutoCloseable {

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch shutDown = new CountDownLatch(1);
    private final Duration grace;
    private final Thread hook = new Thread(this::stop, "ctiflow-shutdown");

    UntilStopped(Duration grace) {
        this.grace = grace;
    }

    /** From now on, Ctrl-C and SIGTERM call {@link #stop()}. */
    UntilStopped onShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** What Ctrl-C does: asks the command to stop, and waits until it has (at most the grace period). */
    void stop() {
        stopRequested.countDown();
        try {
            shutDown.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Blocks the command until {@link #stop()} is called. */
    void await() throws InterruptedException {
        stopRequested.await();
    }

    /** The command has shut down: a waiting {@link #stop()} returns, and the hook is removed unless the JVM is exiting anyway. */
    @Override
    public void close() {
        shutDown.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hook is running: it returns now that shutDown is counted down
        }
    }
}
