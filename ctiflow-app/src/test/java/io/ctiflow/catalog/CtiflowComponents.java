package io.ctiflow.catalog;

import java.util.List;
import java.util.Map;

/** ctiflow's Camel components and, per scheme, the options a user's routes rely on (the catalog must list them). */
final class CtiflowComponents {

    static final Map<String, List<String>> OPTIONS_USERS_RELY_ON = Map.of(
            "taxii", List.of("url", "collection", "token", "username", "password", "addedAfter", "pageSize", "delay", "checkpointDir"),
            "misp", List.of("url", "apiKey", "since", "tags", "pageSize", "distribution", "sharingGroup", "delay", "checkpointDir"),
            "misp-feed", List.of("url", "hashes", "delay", "checkpointDir"),
            "otx", List.of("apiKey", "endpoint", "since", "pageSize", "delay", "checkpointDir"),
            "signed-webhook", List.of("url", "secret", "token", "username", "password", "maxBundleBytes", "maxRetries", "backoff"),
            "siem", List.of("transport", "host", "port", "file", "facility", "maxRetries"),
            "jurisdiction", List.of("source", "origin", "policies", "auditDir"),
            "stix-normalize", List.of("mappings", "deadLetterDir", "batchSize"));

    /** Options whose values the catalog must mark secret, so tooling masks them. */
    static final List<String> SECRETS = List.of("apiKey", "token", "secret", "password", "trustStorePassword");

    private CtiflowComponents() {
    }
}
