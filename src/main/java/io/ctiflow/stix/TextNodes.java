package io.ctiflow.stix;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared JSON text nodes for vocabulary values that repeat on every object (type names, spec
 * version, marking ids, source names). Text nodes are immutable, so sharing is safe; it saves an
 * allocation per property and keeps a million indicators' trees smaller and warmer in cache.
 */
public final class TextNodes {

    private static final int LIMIT = 4096;
    private static final ConcurrentHashMap<String, TextNode> SHARED = new ConcurrentHashMap<>();

    private TextNodes() {
    }

    /** A shared node for a value from a small vocabulary; callers never pass per-record values. */
    public static TextNode of(String value) {
        TextNode node = SHARED.get(value);
        if (node != null) {
            return node;
        }
        node = TextNode.valueOf(value);
        if (SHARED.size() < LIMIT) {
            SHARED.putIfAbsent(value, node);
        }
        return node;
    }
}
