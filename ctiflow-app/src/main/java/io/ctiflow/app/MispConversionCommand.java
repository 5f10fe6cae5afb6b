package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.misp.FeedManifest;
import io.ctiflow.misp.MispConversion;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code ctiflow convert --format misp}: a MISP event file (with or without the Event wrapper, or a
 * restSearch {"response": [...]} answer) or a MISP feed folder (manifest.json + one file per event)
 * to one STIX bundle, written atomically (or, through the sink {@code convert --to misp} opens, one MISP event); rejected attributes are listed with event and attribute uuid.
 */
final class MispConversionCommand {

    private final Path input;
    private final ConvertSink.Opener sinks;
    private final String writtenTo;
    private final boolean strict;
    private final PrintWriter err;
    private final MispToStix converter = new MispToStix(CtiflowHome.get().resolve("mappings/misp"));
    private int events;
    private long attributes;
    private long rejects;

    /** {@code writtenTo} ends the summary line: where the STIX objects went. */
    MispConversionCommand(Path input, ConvertSink.Opener sinks, String writtenTo, boolean strict, PrintWriter err) {
        this.input = input;
        this.sinks = sinks;
        this.writtenTo = writtenTo;
        this.strict = strict;
        this.err = err;
    }

    int convertFile() throws IOException {
        JsonNode doc = Stix.mapper().readTree(input.toFile());
        List<MispConversion> conversions = converter.convertDocument(doc);
        if (conversions.isEmpty()) {
            throw new IllegalArgumentException(input + " holds no MISP event (expected an Event, {\"Event\": ...} or {\"response\": [...]})");
        }
        return write(conversions.iterator());
    }

    int convertFeedFolder() throws IOException {
        Path manifest = input.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest + " (a MISP feed folder holds manifest.json)");
        }
        // the manifest's keys name the event files: read (and checked) like the misp-feed: consumer does
        List<String> uuids = new ArrayList<>(FeedManifest.read(Files.newInputStream(manifest), manifest.toString()).keySet());
        Iterator<MispConversion> perEvent = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < uuids.size();
            }

            @Override
            public MispConversion next() {
                Path event = input.resolve(uuids.get(next++) + ".json");
                try {
                    return converter.convert(Stix.mapper().readTree(event.toFile()));
                } catch (IOException e) {
                    throw new IllegalArgumentException(event + ": " + e.getMessage(), e);
                }
            }
        };
        return write(perEvent);
    }

    private int write(Iterator<MispConversion> conversions) throws IOException {
        int objects;
        try (ConvertSink bundle = sinks.open()) {
            while (conversions.hasNext()) {
                MispConversion conversion = conversions.next();
                events++;
                attributes += conversion.attributes();
                for (StixObject o : conversion.objects()) {
                    bundle.writeOnce(o);
                }
                for (Reject r : conversion.rejects()) {
                    rejects++;
                    err.println("rejected " + r.origin() + ": " + r.reason());
                }
            }
            objects = bundle.count();
            bundle.commit();
        }
        err.printf("%s: %d MISP events, %d attributes, %d STIX objects written%s, %d attributes rejected%n", input, events, attributes,
                objects, writtenTo, rejects);
        err.flush();
        return strict && rejects > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }
}
