package io.ctiflow.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One STIX object as it travels through the pipeline: its serialised JSON (written once, while the
 * data is hot) plus the id, type and modified that routing, de-duplication and file names need.
 * Immutable: {@link #tree()} parses a fresh, freely modifiable copy for steps that inspect or change
 * content. Keeping bytes instead of Jackson trees costs a third of the memory per object and makes
 * writing a bundle a copy.
 */
public final class StixObject {

    private final String id;
    private final String type;
    private final String modified;
    private final byte[] json;

    private StixObject(String id, String type, String modified, byte[] json) {
        this.id = id;
        this.type = type;
        this.modified = modified;
        this.json = json;
    }

    /** Serialises a tree (the tree is not kept: later changes to it do not change this object). */
    public static StixObject of(ObjectNode tree) {
        try {
            return new StixObject(tree.path("id").asText(), tree.path("type").asText(), tree.path("modified").asText(null),
                    Stix.mapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise STIX object " + tree.path("id").asText(), e);
        }
    }

    /** An object already serialised by a streaming writer; the caller vouches for id, type and modified. */
    public static StixObject ofJson(String id, String type, String modified, byte[] json) {
        return new StixObject(id, type, modified, json);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** The modified timestamp, or null for objects without one (SCOs, marking definitions). */
    public String modified() {
        return modified;
    }

    /** The serialised JSON; callers must not modify the array. */
    public byte[] json() {
        return json;
    }

    /** A fresh parsed copy of the object. */
    public ObjectNode tree() {
        try {
            JsonNode node = Stix.mapper().readTree(json);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt serialised STIX object " + id, e);
        }
    }

    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
