package io.ctiflow.app;

import io.ctiflow.stix.StixObject;

import java.io.IOException;

/**
 * Where {@code convert} puts the STIX objects it made: a streamed STIX bundle ({@link StixBundleSink}) or,
 * with {@code --to misp}, one MISP event built from all of them ({@link MispEventSink}).
 */
interface ConvertSink extends AutoCloseable {

    void write(StixObject object) throws IOException;

    /** Writes the object unless one with the same id and modified was written already (shared markings, identities). */
    boolean writeOnce(StixObject object) throws IOException;

    /** STIX objects written so far. */
    int count();

    /** Completes the output (a file appears only now); call once, after the last object. */
    void commit() throws IOException;

    /** Discards the output unless {@link #commit()} ran. */
    @Override
    void close() throws IOException;

    /** Opens the sink of one conversion (the command decides which). */
    @FunctionalInterface
    interface Opener {
        ConvertSink open() throws IOException;
    }
}
