package io.ctiflow.misp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
/**
 * The JSON body of {@code POST /events/restSearch}: {"returnFormat":"json","timestamp":..,"page":..,
 * "limit":.., filters..}. Tags become MISP's {"OR":[..],"NOT":[..]} form, {@code !tag} being a negation.
 */
final class RestSearchQuery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MispConfiguration config;

    RestSearchQuery(MispConfiguration config) {
        this.config = config;
    }

    /**
     * @param fromTimestamp events changed at or after this epoch second; null: no timestamp filter
     * @param page 1-based page number
     */
    ObjectNode body(Long fromTimestamp, int page) {
        ObjectNode body = JSON.createObjectNode();
        body.put("returnFormat", "json");
        if (fromTimestamp != null) {
            body.put("timestamp", fromTimestamp);
        }
        body.put("page", page);
        body.put("limit", config.getPageSize());
        ObjectNode tags = tags(config.getTags());
        if (tags != null) {
            body.set("tags", tags);
        }
        if (config.getPublished() != null) {
            body.put("published", config.getPublished());
        }
        if (notBlank(config.getOrg())) {
            body.put("org", config.getOrg().trim());
        }
        if (config.getThreatLevel() != null) {
            body.put("threat_level_id", config.getThreatLevel());
        }
        List<String> ids = list(config.getEventIds());
        if (!ids.isEmpty()) {
            ArrayNode eventIds = body.putArray("eventid");
            ids.forEach(eventIds::add);
        }
        if (notBlank(config.getOrder())) {
            body.put("order", config.getOrder().trim());
        }
        return body;
    }

    byte[] bytes(Long fromTimestamp, int page) {
        try {
            return JSON.writeValueAsBytes(body(fromTimestamp, page));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write restSearch body", e);
        }
    }

    static ObjectNode tags(String tags) {
        List<String> all = list(tags);
        if (all.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        ArrayNode or = JSON.createArrayNode();
        ArrayNode not = JSON.createArrayNode();
        for (String tag : all) {
            if (tag.startsWith("!")) {
                String negated = tag.substring(1).trim();
                if (!negated.isEmpty()) {
                    not.add(negated);
                }
            } else {
                or.add(tag);
            }
        }
        if (!or.isEmpty()) {
            node.set("OR", or);
        }
        if (!not.isEmpty()) {
            node.set("NOT", not);
        }
        return node.isEmpty() ? null : node;
    }

    static List<String> list(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
