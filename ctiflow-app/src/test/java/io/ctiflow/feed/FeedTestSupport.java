package io.ctiflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a sample feed through the real converter and collects everything it produced. */
final class FeedTestSupport {

    static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));

    record Result(long records, List<JsonNode> bundles, List<Reject> rejects) {
        List<JsonNode> objects(String type) {
            List<JsonNode> out = new ArrayList<>();
            bundles.forEach(b -> b.path("objects").forEach(o -> {
                if (type.equals(o.path("type").asText())) {
                    out.add(o);
                }
            }));
            return out;
        }
    }

    static Result convert(String feed, Path file, int batchSize) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return convert(feed, in, file.getFileName().toString(), batchSize);
        }
    }

    static Result convert(String feed, InputStream in, String origin, int batchSize) throws IOException {
        long records = 0;
        List<JsonNode> bundles = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        try (FeedConverter converter = new FeedConverter(in, origin, MAPPINGS.feed(feed), MAPPINGS.toStix(), batchSize)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                records += batch.recordsRead();
                rejects.addAll(batch.rejects());
                if (batch.hasObjects()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (BundleWriter writer = new BundleWriter(bytes, false)) {
                        for (StixObject o : batch.objects()) {
                            writer.writeOnce(o);
                        }
                    }
                    bundles.add(Stix.mapper().readTree(bytes.toByteArray()));
                }
            }
        }
        return new Result(records, bundles, rejects);
    }

    static ArrayNode ids(List<JsonNode> objects) {
        ArrayNode ids = Stix.mapper().createArrayNode();
        objects.forEach(o -> ids.add(o.get("id")));
        return ids;
    }

    private FeedTestSupport() {
    }
}
