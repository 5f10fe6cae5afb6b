package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ctiflow publish and ctiflow poll as a user runs them: a separate JVM with the password in an
 * environment variable, against the real embedded server.
 */
class TaxiiCliTest {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() {
        server = EmbeddedTaxii.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run ctiflow(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path argfile = Files.createTempFile(dir, "cp", ".args");
        Files.writeString(argfile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argfile, "io.ctiflow.app.CtiflowCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ctiflow finished").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Path bundleFile(String name, List<StixObject> objects) throws IOException {
        return Files.writeString(dir.resolve(name), TaxiiPublishTest.bundle(objects), StandardCharsets.UTF_8);
    }

    private String[] login(String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--collection", server.collectionUrl(), "--user", EmbeddedTaxii.ALICE, "--password-env", "TAXII_PW"));
        return args.toArray(String[]::new);
    }

    private static final Map<String, String> ENV = Map.of("TAXII_PW", EmbeddedTaxii.ALICE_PASSWORD);

    @Test
    void publishThenPollRoundTrip() throws Exception {
        List<StixObject> first = TestObjects.indicators("cli-a", 120);
        List<StixObject> second = TestObjects.indicators("cli-b", 30);
        Path a = bundleFile("a.json", first);
        Path b = bundleFile("b.json", second);

        Run publish = ctiflow(ENV, login("publish", a.toString(), b.toString()));
        assertThat(publish.code()).as(publish.err()).isZero();
        assertThat(publish.out()).contains(a + ": 120 objects posted to " + server.collectionUrl())
                .contains("120 succeeded, 0 failed").contains("total: 150 objects posted, 150 succeeded, 0 failed");
        assertThat(publish.out() + publish.err()).doesNotContain(EmbeddedTaxii.ALICE_PASSWORD);

        Path out = dir.resolve("polled.json");
        Run poll = ctiflow(ENV, login("poll", "-o", out.toString(), "--page-size", "40"));
        assertThat(poll.code()).as(poll.err()).isZero();
        assertThat(poll.err()).contains("150 objects in 4 pages written to " + out);
        JsonNode bundle = Stix.mapper().readTree(out.toFile());
        StixAssertions.assertValidBundle(bundle, "ctiflow poll output");
        List<String> ids = new ArrayList<>();
        bundle.get("objects").forEach(o -> ids.add(o.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(TaxiiConsumerPagingTest.idsOf(first, second));

        Run none = ctiflow(ENV, login("poll", "--added-after", "2999-01-01T00:00:00Z"));
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(Stix.mapper().readTree(none.out()).get("objects")).isEmpty();
    }

    @Test
    void failedObjectsAreListedWithReasonsAndExitCodeOne() throws Exception {
        List<StixObject> objects = new ArrayList<>(TestObjects.indicators("cli-ok", 5));
        StixObject old = StixObject.of(TestObjects.indicator("cli-old", 1, 0).tree().put("spec_version", "2.0"));
        objects.add(old);
        Run publish = ctiflow(ENV, login("publish", bundleFile("mixed.json", objects).toString()));
        assertThat(publish.code()).as(publish.err()).isEqualTo(1);
        assertThat(publish.out()).contains("6 objects posted").contains("5 succeeded, 1 failed")
                .contains("failed " + old.id()).contains("spec_version 2.0");
    }

    @Test
    void credentialProblemsAreOneClearLineWithExitCodeTwo() throws Exception {
        Path bundle = bundleFile("x.json", TestObjects.indicators("cli-x", 1));
        Run wrong = ctiflow(Map.of("TAXII_PW", "wrong-password-4711"), login("publish", bundle.toString()));
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("ctiflow: error: ").contains("HTTP 401").contains("127.0.0.1")
                .doesNotContain("wrong-password-4711").doesNotContain("\tat ");

        Run unset = ctiflow(Map.of(), login("poll"));
        assertThat(unset.code()).isEqualTo(2);
        assertThat(unset.err()).contains("--password-env: environment variable TAXII_PW is not set");
    }
}
