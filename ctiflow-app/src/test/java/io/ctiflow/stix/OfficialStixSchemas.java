package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official OASIS STIX 2.1 JSON schemas as a test oracle. As the schemas' PROVENANCE.md says:
 * check the bundle envelope, then each object against its own type's schema (custom types against
 * core.json or cyber-observable-core.json); the schema $ids are mapped to the local copy, never fetched.
 * The directory comes from the {@code stix.schemas.dir} system property (../shared/stix2-json-schemas
 * under Maven); without it the checks are skipped with a message saying so.
 */
public final class OfficialStixSchemas {

    private static final String ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/";

    private final Path dir;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> byType = new ConcurrentHashMap<>();

    private OfficialStixSchemas(Path dir) {
        this.dir = dir;
        String local = dir.toUri().toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, local)));
    }

    public static Optional<OfficialStixSchemas> find() {
        String configured = System.getProperty("stix.schemas.dir", "../shared/stix2-json-schemas");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        return Files.isDirectory(dir.resolve("schemas/sdos")) ? Optional.of(new OfficialStixSchemas(dir)) : Optional.empty();
    }

    /** The schemas, or the calling test is skipped with a message naming where they were looked for. */
    public static OfficialStixSchemas require() {
        Optional<OfficialStixSchemas> schemas = find();
        assumeTrue(schemas.isPresent(), () -> "official STIX 2.1 schemas not found at "
                + System.getProperty("stix.schemas.dir", "../shared/stix2-json-schemas") + ": schema cross-check skipped");
        return schemas.get();
    }

    /** Every problem of a bundle: envelope, then each object against its type's schema; empty when valid. */
    public List<String> validateBundle(JsonNode bundle) {
        List<String> problems = new ArrayList<>();
        if (!"bundle".equals(bundle.path("type").asText())) {
            problems.add("bundle: type is not 'bundle'");
        }
        if (!bundle.path("id").asText().matches("^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")) {
            problems.add("bundle: bad id " + bundle.path("id"));
        }
        if (!bundle.path("objects").isArray() || bundle.path("objects").isEmpty()) {
            problems.add("bundle: objects must be a non-empty array");
        }
        for (JsonNode object : bundle.path("objects")) {
            problems.addAll(validateObject(object));
        }
        return problems;
    }

    public List<String> validateObject(JsonNode object) {
        String type = object.path("type").asText();
        Set<ValidationMessage> messages = schemaFor(object).validate(object);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : messages) {
            problems.add(object.path("id").asText(type) + ": " + m.getInstanceLocation() + ": " + m.getMessage());
        }
        return problems;
    }

    private JsonSchema schemaFor(JsonNode object) {
        String type = object.path("type").asText();
        String path = locate(type, object);
        return byType.computeIfAbsent(path, p -> factory.getSchema(SchemaLocation.of(ID_PREFIX + p), config));
    }

    private String locate(String type, JsonNode object) {
        for (String folder : List.of("sdos", "sros", "observables", "common")) {
            String candidate = "schemas/" + folder + "/" + type + ".json";
            if (!"common".equals(folder) || List.of("marking-definition", "extension-definition", "language-content").contains(type)) {
                if (Files.isRegularFile(dir.resolve(candidate))) {
                    return candidate;
                }
            }
        }
        return object.has("created") ? "schemas/common/core.json" : "schemas/common/cyber-observable-core.json";
    }
}
