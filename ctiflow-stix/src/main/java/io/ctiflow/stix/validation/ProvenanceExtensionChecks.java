package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ctiflow.stix.CtiflowExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;

/**
 * ctiflow's provenance extension, checked against its published schema
 * ({@code mappings/schema/ctiflow-extension.schema.json}, copied onto the classpath by the build). The
 * jurisdiction filter decides on these properties (source, origin, personal-data classes, MISP distribution):
 * a value of the wrong JSON type would otherwise read as absent, and absent often means "no restriction".
 */
final class ProvenanceExtensionChecks {

    private static final JsonSchema SCHEMA = load();

    void check(ObjectContext o) {
        JsonNode extensions = o.get("extensions");
        if (extensions == null || !extensions.has(CtiflowExtension.ID)) {
            return;
        }
        String property = "extensions." + CtiflowExtension.ID;
        JsonNode extension = extensions.get(CtiflowExtension.ID);
        if (!extension.isObject()) {
            o.error(property, "ctiflow's provenance extension must be an object");
            return;
        }
        SCHEMA.validate(extension).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .forEach(m -> o.error(property + instancePath(m), "does not follow ctiflow-extension.schema.json: " + m.getMessage()));
    }

    private static String instancePath(ValidationMessage m) {
        String path = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        return path.equals("$") || path.isEmpty() ? "" : path.startsWith("$") ? path.substring(1) : "." + path;
    }

    private static JsonSchema load() {
        try (InputStream in = ProvenanceExtensionChecks.class.getResourceAsStream("ctiflow-extension.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("ctiflow-extension.schema.json is not on the classpath (the build copies it from mappings/schema)");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
