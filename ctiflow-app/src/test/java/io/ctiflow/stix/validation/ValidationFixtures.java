package io.ctiflow.stix.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Valid STIX objects to break one property at a time, and helpers to validate and read problems. */
final class ValidationFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String T = "2016-05-12T08:17:27.000Z";
    static final String INDICATOR_ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    static final String MALWARE_ID = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b";
    static final String IDENTITY_ID = "identity--311b2d2d-f010-4473-83ec-1edf84858f4c";

    private ValidationFixtures() {
    }

    static ObjectNode indicator() {
        return object("""
                {"type": "indicator", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s",
                 "name": "Malicious site", "indicator_types": ["malicious-activity"],
                 "pattern": "[url:value = 'http://x4z9arb.cn/4712/']", "pattern_type": "stix",
                 "valid_from": "%s"}""".formatted(INDICATOR_ID, T, T, T));
    }

    static ObjectNode malware() {
        return object("""
                {"type": "malware", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s",
                 "name": "Poison Ivy", "malware_types": ["remote-access-trojan"], "is_family": true}"""
                .formatted(MALWARE_ID, T, T));
    }

    static ObjectNode identity() {
        return object("""
                {"type": "identity", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s",
                 "name": "ACME CERT", "identity_class": "organization"}""".formatted(IDENTITY_ID, T, T));
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
    }

    static ObjectNode bundle(JsonNode... objects) {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--4a1a6f37-1a7e-4b3a-8d2f-0b6f5a0c9e11");
        ArrayNode list = bundle.putArray("objects");
        for (JsonNode o : objects) {
            list.add(o);
        }
        return bundle;
    }

    static JsonNode resource(String path) {
        try (InputStream in = ValidationFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ValidationProblem> validate(JsonNode node) {
        return new StixValidator().validate(node);
    }

    static List<ValidationProblem> errors(JsonNode node) {
        return validate(node).stream().filter(ValidationProblem::isError).toList();
    }

    static List<ValidationProblem> warnings(JsonNode node) {
        return validate(node).stream().filter(p -> !p.isError()).toList();
    }
}
