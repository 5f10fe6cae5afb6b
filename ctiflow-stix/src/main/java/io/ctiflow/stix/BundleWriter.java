package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Streams a STIX bundle to an output stream object by object, so a bundle of any size is written
 * with bounded memory; serialised objects are copied as they are. Shared objects (markings,
 * identities, malware families) go through {@link #writeOnce} so they appear once per bundle; only
 * their keys are remembered.
 */
public final class BundleWriter implements AutoCloseable {

    private static final byte[] COMMA = {','};
    private static final byte[] NEWLINE_INDENT = "\n    ".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final boolean pretty;
    private final Set<String> written = new HashSet<>();
    private int count;

    public BundleWriter(OutputStream out, boolean pretty) throws IOException {
        this.out = out;
        this.pretty = pretty;
        String head = pretty
                ? "{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--" + UUID.randomUUID() + "\",\n  \"objects\": ["
                : "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[";
        out.write(head.getBytes(StandardCharsets.UTF_8));
    }

    public void write(StixObject object) throws IOException {
        if (count > 0) {
            out.write(COMMA);
        }
        if (pretty) {
            out.write(NEWLINE_INDENT);
            JsonGenerator g = Stix.mapper().getFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            Stix.mapper().writeTree(g, object.tree());
            g.flush();
        } else {
            out.write(object.json());
        }
        count++;
    }

    public void write(ObjectNode tree) throws IOException {
        write(StixObject.of(tree));
    }

    /** Writes the object unless an object with the same id and modified was written to this bundle already. */
    public boolean writeOnce(StixObject object) throws IOException {
        if (!written.add(object.id() + '|' + object.modified())) {
            return false;
        }
        write(object);
        return true;
    }

    public int count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.write((pretty ? "\n  ]\n}\n" : "]}").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
