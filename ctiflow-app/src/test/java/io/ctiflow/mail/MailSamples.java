package io.ctiflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample mails of ctiflow-app/src/test/resources/data/email and helpers to look into what they became. */
final class MailSamples {

    static final Path DIR = Path.of("ctiflow-app/src/test/resources/data/email");
    static final String DEFANGED = "synthetic-defanged-report.eml";
    static final String BROKEN = "synthetic-broken-mime.eml";
    private static Mappings mappings;

    private MailSamples() {
    }

    static synchronized Mappings mappings() {
        if (mappings == null) {
            mappings = new Mappings(Path.of("mappings"));
        }
        return mappings;
    }

    static MailToStix converter(MailLimits limits) {
        return MailToStix.fromMappings(mappings(), limits, "mail", Tlp.AMBER);
    }

    static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(DIR.resolve(name));
    }

    /** A batch's objects as a bundle, the way direct:batch-to-stix-files writes it. */
    static ObjectNode bundle(Batch batch) {
        ObjectNode bundle = Stix.mapper().createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--6f2f7a4e-1d0a-4c1e-9a41-6d9c7a6b2a10");
        ArrayNode objects = bundle.putArray("objects");
        for (StixObject o : batch.objects()) {
            objects.add(o.tree());
        }
        return bundle;
    }

    static List<JsonNode> ofType(JsonNode bundle, String type) {
        List<JsonNode> out = new ArrayList<>();
        bundle.path("objects").forEach(o -> {
            if (type.equals(o.path("type").asText())) {
                out.add(o);
            }
        });
        return out;
    }

    static JsonNode byId(JsonNode bundle, String id) {
        for (JsonNode o : bundle.path("objects")) {
            if (id.equals(o.path("id").asText())) {
                return o;
            }
        }
        return null;
    }

    static List<String> patterns(JsonNode bundle) {
        return ofType(bundle, "indicator").stream().map(i -> i.path("pattern").asText()).toList();
    }
}
