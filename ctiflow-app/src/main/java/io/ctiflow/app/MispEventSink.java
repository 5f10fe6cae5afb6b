package io.ctiflow.app;

import io.ctiflow.misp.StixToMisp;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code convert --to misp}: gathers the STIX objects of the conversion, then writes them as one MISP event
 * ({@code {"Event": {...}}}, the body MISP's /events/add takes) built by {@link StixToMisp} as the misp: producer
 * builds it. Not streamed: one event is built from all objects at once. What has no MISP equivalent is listed.
 */
final class MispEventSink implements ConvertSink {

    private final Path output;
    private final boolean pretty;
    private final String source;
    private final String origin;
    private final StixToMisp.Options options;
    private final PrintWriter err;
    private final List<StixObject> objects = new ArrayList<>();
    private final Set<String> written = new HashSet<>();

    MispEventSink(Path output, boolean pretty, String source, String origin, StixToMisp.Options options, PrintWriter err) {
        this.output = output;
        this.pretty = pretty;
        this.source = source;
        this.origin = origin;
        this.options = options;
        this.err = err;
    }

    @Override
    public void write(StixObject object) {
        objects.add(object);
    }

    @Override
    public boolean writeOnce(StixObject object) {
        if (!written.add(object.id() + '|' + object.modified())) {
            return false;
        }
        objects.add(object);
        return true;
    }

    @Override
    public int count() {
        return objects.size();
    }

    @Override
    public void commit() throws IOException {
        StixToMisp.Result result = new StixToMisp(CtiflowHome.get().resolve("mappings/misp")).convert(source, origin, objects, options);
        try (BundleOutput out = new BundleOutput(output)) {
            out.stream().write((pretty ? Stix.mapper().writerWithDefaultPrettyPrinter() : Stix.mapper().writer()).writeValueAsBytes(result.event()));
            out.stream().write('\n');
            out.commit();
        }
        for (String u : result.unmapped()) {
            err.println("not in the MISP event: " + u);
        }
        err.printf("%s: MISP event %s with %d attributes (%d MISP objects) written%s, %d STIX objects without MISP equivalent%n", origin,
                result.eventUuid(), result.attributes(), result.objects(), output != null ? " to " + output : "", result.unmapped().size());
        if (result.attributes() == 0) {
            err.println("warning: the MISP event has no attribute (nothing in the input maps to MISP)");
        }
        err.flush();
    }

    @Override
    public void close() {
        // nothing written before commit(): nothing to discard
    }
}
