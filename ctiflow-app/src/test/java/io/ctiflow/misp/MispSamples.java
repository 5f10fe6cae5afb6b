package io.ctiflow.misp;

import java.nio.file.Path;
import java.util.Properties;

/** The sample events the test server holds, their uuids, and endpoint URIs for tests. */
final class MispSamples {

    /** Added in this (not timestamp) order; timestamps in the comments. */
    static final String[] EVENTS = {
        "ursnif-with-sightings",                                 // 1533306089, published, Synovus Financial
        "circl-osint-regin-stage1-events-view",                  // 1418217625, published, tag Type:OSINT
        "misp-rest-events-add-response",                         // 1569281525, unpublished, tag test
        "circl-osint-asert-four-element-sword-370-attributes",   // 1467971098, published, tlp:white
        "circl-us-cert-samsam-mar-objects-only",                 // 1550654276, published, tlp:white
        "circl-ransomware-xorist-small",                         // 1472541011, published, tlp:white
        "circl-osint-pubg-ransomware-galaxies",                  // 1551342138, unpublished, tlp:white
    };

    static final String URSNIF = "5b646415-7b48-40d5-86b4-c0070acd0835";
    static final String REGIN = "54884656-2da8-4625-bf07-43ef950d210b";
    static final String ADD_RESPONSE = "5d8955f5-b948-4dfa-b879-67680a00020f";
    static final String ASERT = "57153590-f73c-49fa-be4b-4737950d210f";
    static final String SAMSAM = "5c066053-0e94-46eb-9746-4b7d950d210f";
    static final String XORIST = "57c4445b-c548-4654-af0b-4be3950d210f";
    static final String PUBG = "5acc88e9-265c-4f22-9d2b-b702950d210f";

    private MispSamples() {
    }

    /** A misp: URI against the test server with the key from the {{misp.key}} placeholder. */
    static String restUri(MispTestServer server, Path checkpointDir, String options) {
        return "misp:circl?url=" + server.url() + "&apiKey={{misp.key}}&checkpointDir=" + checkpointDir
                + "&backoff=10"
                + (options.isEmpty() ? "" : "&" + options);
    }

    static Properties key(String apiKey) {
        Properties properties = new Properties();
        properties.setProperty("misp.key", apiKey);
        return properties;
    }

    static Properties goodKey() {
        return key(MispTestServer.API_KEY);
    }
}
