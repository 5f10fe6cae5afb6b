package io.ctiflow.connectors;

import io.ctiflow.ops.BuildVersion;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ctiflow connector new}: a connector folder shaped like the contract asks (Kamelet polling
 * one URL with its fetch failures sent to the dead letters, a mapping.yaml stub with a worked
 * example, one good and one malformed sample, connector-test.yaml, README, SOURCE.md), for a vendor
 * to fill in. Every placeholder carries the {@value ScaffoldMarkers#MARKER} marker, so
 * {@link ConnectorCheck} reports the folder unfinished until the last one is replaced.
 */
public final class ConnectorScaffold {

    public enum Format { csv, json }

    private ConnectorScaffold() {
    }

    /** Writes {@code <connectorsDir>/<name>/}; refuses to overwrite an existing folder. */
    public static Path create(Path connectorsDir, String name, Format format) throws IOException {
        if (!ConnectorCheck.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector name '" + name
                    + "': expected <system>-<feed>-<kind>, lowercase and hyphenated, kind source, sink or action (e.g. acme-ioc-csv-source)");
        }
        if (!name.endsWith("-source")) {
            throw new IllegalArgumentException("connector name '" + name + "': the scaffold makes sources (…-source) only");
        }
        Path dir = connectorsDir.resolve(name);
        if (Files.exists(dir)) {
            throw new FileAlreadyExistsException(dir + " (a connector of that name exists)");
        }
        String feed = source(name);
        String ext = format.name();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + ConnectorCheck.KAMELET_SUFFIX, kamelet(name, feed, ext));
        files.put(ConnectorCheck.MAPPING_FILE, format == Format.csv ? csvMapping(feed) : jsonMapping(feed));
        files.put("samples/good.input." + ext, format == Format.csv ? CSV_GOOD : JSON_GOOD);
        files.put("samples/malformed.input." + ext, format == Format.csv ? CSV_MALFORMED : JSON_MALFORMED);
        files.put("samples/good.expected.json", "{\n  \"objects_by_type\": {\"extension-definition\": 1, \"identity\": 2, \"indicator\": 2, \"marking-definition\": 1}\n}\n");
        files.put("samples/SOURCE.md", sampleProvenance(name));
        files.put(ConnectorCheck.TEST_FILE, test(name));
        files.put("README.md", readme(name, feed));
        Files.createDirectories(dir.resolve("samples"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    /** The source a scaffolded connector's objects carry: its mapping's name, the connector name without {@code -source}. */
    public static String source(String name) {
        return name.substring(0, name.length() - "-source".length());
    }

    /** {@code acme-ioc-csv} as {@code Acme Ioc Csv}. */
    public static String title(String feed) {
        StringBuilder t = new StringBuilder();
        for (String w : feed.split("-")) {
            t.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)).append(' ');
        }
        return t.toString().trim();
    }

    private static String kamelet(String name, String feed, String ext) {
        return """
                # %1$s: polls one %3$s feed over HTTP (conditional GET, 429 Retry-After honoured by
                # io.ctiflow.connectors.http.HttpFeedFetcher) and hands it on with the feed header set to this
                # folder's mapping.yaml; a failed fetch goes to failureUri (ctiflow's dead letters) and the next
                # period polls again. TODO: scaffolded by `ctiflow connector new`: set provider, URL, descriptions.
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: %1$s
                  annotations:
                    camel.apache.org/provider: "TODO: vendor name"
                    camel.apache.org/kamelet.support.level: "Preview"
                  labels:
                    camel.apache.org/kamelet.type: source
                spec:
                  definition:
                    title: %2$s Source
                    description: |-
                      TODO: what the feed holds, who publishes it, how often it changes.
                    type: object
                    required: [url]
                    properties:
                      url:
                        title: Feed URL
                        description: Where the feed is downloaded from.
                        type: string
                        # TODO: the real feed's URL, as example (or as default if everyone fetches the same one)
                        example: https://feeds.example.org/%4$s.%3$s
                      period:
                        title: Poll Period
                        description: Milliseconds between polls.
                        type: integer
                        default: 3600000
                      failureUri:
                        title: Failure Endpoint
                        description: Where a failed fetch goes with its exception (ctiflow records it in deadletter/failed-inputs.jsonl and the connector polls again next period).
                        type: string
                        default: "%5$s"
                  dependencies:
                    - "camel:timer"
                    - "camel:bean"
                    - "camel:kamelet"
                    - "%6$s"
                  template:
                    beans:
                      - name: fetcher
                        type: "#class:io.ctiflow.connectors.http.HttpFeedFetcher"
                        properties:
                          url: "{{url}}"
                          method: GET
                    from:
                      uri: "timer:%1$s"
                      parameters:
                        period: "{{period}}"
                      steps:
                        - doTry:
                            steps:
                              - bean:
                                  ref: "{{fetcher}}"
                                  method: fetch
                            doCatch:
                              - exception:
                                  - java.lang.Exception
                                steps:
                                  - setHeader:
                                      name: CtiflowOrigin
                                      simple: "${routeId}"
                                  - to: "{{failureUri}}"
                                  - setBody:
                                      constant: null
                        - filter:
                            simple: "${body} != null"
                            steps:
                              - setHeader:
                                  name: CtiflowFeed
                                  constant: connectors/%1$s/mapping.yaml
                              - setHeader:
                                  name: CtiflowOrigin
                                  simple: "%1$s-${date:now:yyyyMMdd'T'HHmmss}.%3$s"
                              - to: "kamelet:sink"
                """.formatted(name, title(feed), ext, feed, FetchFailureHandling.DEFAULT_FAILURE_URI,
                KameletDependencies.CTIFLOW_ARTIFACT + BuildVersion.current());
    }

    private static String csvMapping(String feed) {
        return """
                # TODO: the feed's real columns; see mappings/taxonomy/fields.yaml for the target fields.
                mapping: %s
                title: %s (TODO publisher)
                version: 1
                format: csv
                csv:
                  comment: "#"
                  header: true
                  columns: [first_seen, indicator, description]
                defaults:
                  tlp: amber
                  confidence: 50
                fields:
                  observable.value: {from: indicator, transforms: [trim, refang]}
                  observable.kind: {detect: observable.value}
                  description: {from: description}
                  time.first_seen:
                    from: first_seen
                    transforms: [{date: {format: iso, zone: UTC}}]
                # TODO: worked examples from the real feed (run by `ctiflow connector test`)
                examples:
                  - name: an IPv4 address
                    input: '2024-05-01T10:00:00Z,203.0.113.7,C2 server'
                    expect:
                      observable.value: 203.0.113.7
                      observable.kind: ipv4
                      time.first_seen: "2024-05-01T10:00:00Z"
                  - name: a record without a date
                    input: 'not a date,203.0.113.8,unparseable date'
                    reject: unparseable date
                """.formatted(feed, title(feed));
    }

    private static String jsonMapping(String feed) {
        return """
                # TODO: the feed's real fields; see mappings/taxonomy/fields.yaml for the target fields.
                mapping: %s
                title: %s (TODO publisher)
                version: 1
                format: json
                json:
                  records: data
                defaults:
                  tlp: amber
                  confidence: 50
                fields:
                  observable.value: {from: indicator, transforms: [trim, refang]}
                  observable.kind: {detect: observable.value}
                  description: {from: description}
                  time.first_seen:
                    from: first_seen
                    transforms: [{date: {format: iso, zone: UTC}}]
                # TODO: worked examples from the real feed (run by `ctiflow connector test`)
                examples:
                  - name: an IPv4 address
                    input: {first_seen: "2024-05-01T10:00:00Z", indicator: 203.0.113.7, description: C2 server}
                    expect:
                      observable.value: 203.0.113.7
                      observable.kind: ipv4
                      time.first_seen: "2024-05-01T10:00:00Z"
                  - name: a record without an indicator
                    input: {first_seen: "2024-05-01T12:00:00Z", description: no indicator}
                    reject: observable.value
                """.formatted(feed, title(feed));
    }

    private static final String CSV_GOOD = """
            # TODO: placeholder rows (documentation addresses): replace with a real, anonymised sample
            first_seen,indicator,description
            2024-05-01T10:00:00Z,203.0.113.7,placeholder C2 server
            2024-05-01T11:00:00Z,hxxp://malware.example[.]org/x.exe,placeholder payload URL
            """;
    private static final String CSV_MALFORMED = """
            # TODO: placeholder rows: replace with real records the feed got wrong (bad dates, missing columns)
            first_seen,indicator,description
            2024-05-01T10:00:00Z,203.0.113.7,placeholder C2 server
            not a date,203.0.113.8,unparseable date
            2024-05-01T12:00:00Z,203.0.113.9
            """;
    private static final String JSON_GOOD = """
            {"data": [
              {"first_seen": "2024-05-01T10:00:00Z", "indicator": "203.0.113.7", "description": "TODO: placeholder C2 server"},
              {"first_seen": "2024-05-01T11:00:00Z", "indicator": "hxxp://malware.example[.]org/x.exe", "description": "TODO: placeholder payload URL"}
            ]}
            """;
    private static final String JSON_MALFORMED = """
            {"data": [
              {"first_seen": "2024-05-01T10:00:00Z", "indicator": "203.0.113.7", "description": "TODO: placeholder C2 server"},
              {"first_seen": "not a date", "indicator": "203.0.113.8", "description": "unparseable date"},
              {"first_seen": "2024-05-01T12:00:00Z", "description": "no indicator"}
            ]}
            """;

    private static String sampleProvenance(String name) {
        return """
                # Samples of %s

                | file | what | source | licence |
                |---|---|---|---|
                | `good.input.*`, `malformed.input.*` | TODO: placeholder rows written by `ctiflow connector new` (documentation addresses) | - | - |

                TODO: replace with real, anonymised payloads and name where they come from (URL or repo @ commit : path,
                date fetched) and under which licence they may be redistributed.
                """.formatted(name);
    }

    private static String test(String name) {
        return """
                # Run with: ./ctiflow connector test connectors/%s   (and mvn verify: ConnectorContractTest)
                connector: %s
                # no 'mapping:' key: the samples run through this folder's mapping.yaml
                samples:
                  - case: good
                    records: 2
                    objects: 6
                    rejects: 0
                  - case: malformed
                    records: 3
                    objects: 5
                    rejects: 2
                """.formatted(name, name);
    }

    private static String readme(String name, String feed) {
        return """
                # %s

                TODO: what it collects (%s), from where, how often.

                - **Auth:** none (TODO: if the feed needs a key, add a property with `format: password` and
                  `x-descriptors: [urn:camel:group:credentials]`, passed as `headerName`/`headerValue` to the fetcher).
                - **Rate limits:** TODO (the fetcher honours 429 + Retry-After and sends conditional GETs).
                - **Mapping:** `mapping.yaml` in this folder.
                - **Maintainer:** TODO: name <email>.

                Check it: `./ctiflow connector test connectors/%s`.
                """.formatted(name, feed, name);
    }
}
