package io.ctiflow.app;

import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.nio.file.Path;

/** {@code convert}'s default output: a STIX bundle streamed object by object to a file or standard output. */
final class StixBundleSink implements ConvertSink {

    private final BundleOutput out;
    private final BundleWriter bundle;

    StixBundleSink(Path output, boolean pretty) throws IOException {
        this.out = new BundleOutput(output);
        try {
            this.bundle = new BundleWriter(out.stream(), pretty);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public void write(StixObject object) throws IOException {
        bundle.write(object);
    }

    @Override
    public boolean writeOnce(StixObject object) throws IOException {
        return bundle.writeOnce(object);
    }

    @Override
    public int count() {
        return bundle.count();
    }

    @Override
    public void commit() throws IOException {
        bundle.close();
        out.commit();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
