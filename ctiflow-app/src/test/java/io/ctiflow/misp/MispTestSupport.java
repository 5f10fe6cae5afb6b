package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
/** Shared helpers: the converter over mappings/misp, the real samples, bundles checked by both STIX oracles. */
final class MispTestSupport {

    static final Path DATA = Path.of("ctiflow-app/src/test/resources/data/misp");
    static final MispToStix CONVERTER = new MispToStix(Path.of("mappings/misp"));

    private MispTestSupport() {
    }

    static JsonNode sample(String name) {
        try {
            return Stix.mapper().readTree(DATA.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MispConversion convert(String name) {
        return CONVERTER.convert(sample(name));
    }

    /** Writes the conversions' objects into one bundle (shared objects once) and checks it with both oracles. */
    static JsonNode validBundle(String what, Collection<MispConversion> conversions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BundleWriter writer = new BundleWriter(out, false)) {
            for (MispConversion c : conversions) {
                for (StixObject o : c.objects()) {
                    writer.writeOnce(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JsonNode bundle = Stix.mapper().readTree(out.toByteArray());
            StixAssertions.assertValidBundle(bundle, what);
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode validBundle(String what, MispConversion conversion) {
        return validBundle(what, List.of(conversion));
    }

    static List<ObjectNode> ofType(MispConversion c, String type) {
        return c.objects().stream().filter(o -> o.type().equals(type)).map(StixObject::tree).collect(Collectors.toList());
    }

    static List<String> patterns(MispConversion c) {
        return ofType(c, "indicator").stream().map(i -> i.path("pattern").asText()).collect(Collectors.toList());
    }

    static ObjectNode byId(MispConversion c, String id) {
        return c.objects().stream().filter(o -> o.id().equals(id)).findFirst().map(StixObject::tree).orElseThrow();
    }

    static JsonNode provenance(JsonNode object) {
        return object.path("extensions").path(CtiflowExtension.ID);
    }
}
