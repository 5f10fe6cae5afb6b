package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML data file (mapping, taxonomy) and checks it against its JSON Schema in
 * mappings/schema/, so every kind of file fails the same way: one message naming the file, the
 * key and the problem.
 */
public final class SchemaCheckedYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchema schema;
    private final String schemaName;

    public SchemaCheckedYaml(Path schemaFile) {
        this(schemaFile, "mappings/schema/" + schemaFile.getFileName());
    }

    /** @param schemaName how errors name the schema, e.g. {@code policies/schema/destinations.schema.json} */
    public SchemaCheckedYaml(Path schemaFile, String schemaName) {
        this.schemaName = schemaName;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new MappingException("cannot read the schema " + schemaFile + ": " + e.getMessage(), e);
        }
    }

    public JsonNode read(Path file) {
        String name = file.toString();
        JsonNode doc;
        try {
            doc = YAML.readTree(Files.newBufferedReader(file));
        } catch (NoSuchFileException e) {
            throw new MappingException(name, null, "file not found");
        } catch (IOException e) {
            throw new MappingException(name, null, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || !doc.isObject()) {
            throw new MappingException(name, null, "empty, or not a YAML mapping");
        }
        Set<ValidationMessage> problems = schema.validate(doc);
        if (!problems.isEmpty()) {
            String text = problems.stream().map(ValidationMessage::getMessage).sorted().limit(5).collect(Collectors.joining("; "));
            throw new MappingException(name, null, "does not follow " + schemaName + ": " + text);
        }
        return doc;
    }
}
