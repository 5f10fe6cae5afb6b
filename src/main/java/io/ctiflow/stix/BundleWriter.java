package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Streams a STIX bundle to an output stream object by object, so a bundle of any size is written
 * with bounded memory. Shared objects (markings, identities, malware families) go through
 * {@link #writeOnce} so they appear once per bundle; only their keys are remembered.
 */
public final class BundleWriter implements AutoCloseable {

    private final JsonGenerator generator;
    private final Set<String> written = new HashSet<>();
    private int count;

    public BundleWriter(OutputStream out, boolean pretty) throws IOException {
        this.generator = Stix.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        if (pretty) {
            generator.useDefaultPrettyPrinter();
        }
        generator.writeStartObject();
        generator.writeStringField("type", "bundle");
        generator.writeStringField("id", "bundle--" + UUID.randomUUID());
        generator.writeArrayFieldStart("objects");
    }

    public void write(ObjectNode stixObject) throws IOException {
        Stix.mapper().writeTree(generator, stixObject);
        count++;
    }

    /** Writes the object unless an object with the same id and modified was written to this bundle already. */
    public boolean writeOnce(ObjectNode stixObject) throws IOException {
        String key = stixObject.path("id").asText() + '|' + stixObject.path("modified").asText();
        if (!written.add(key)) {
            return false;
        }
        write(stixObject);
        return true;
    }

    public int count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        generator.writeEndArray();
        generator.writeEndObject();
        generator.close();
    }
}
