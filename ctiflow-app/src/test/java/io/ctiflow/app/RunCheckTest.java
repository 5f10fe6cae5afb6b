package io.ctiflow.app;

import io.ctiflow.policy.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ctiflow run --check}: an operator validates a deployment's configuration before starting it. */
class RunCheckTest {

    @TempDir
    Path tmp;

    @Test
    void aGoodConfigurationIsCheckedWithoutStartingAnything() throws IOException {
        Path work = tmp.resolve("work");
        CliTest.Run run = CliTest.run("run", "--check", "--config", config("ctiflow.work = " + work, "ctiflow.batch.size = 500"));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("OK, nothing was started", "2 option(s) overridden", "csv-files-to-stix-files",
                "feed mappings checked", "destinations (");
        // the inbox consumer never ran: it would have created the inbox folder
        assertThat(work.resolve("inbox")).doesNotExist();
    }

    @Test
    void theShippedProductionExampleIsValid() {
        // the example's work folder is /var/lib/ctiflow; system properties override it here, as -D does for an operator
        System.setProperty("ctiflow.work", tmp.resolve("work").toString());
        try {
            CliTest.Run run = CliTest.run("run", "--check", "--config", "config/production.properties");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("OK, nothing was started", "misp-to-stix-files", "imap-to-stix-files");
        } finally {
            System.clearProperty("ctiflow.work");
        }
    }

    @Test
    void aMistypedOptionIsNamedWithTheOptionMeant() throws IOException {
        CliTest.Run run = CliTest.run("run", "--check", "--config", config("ctiflow.batch.sise = 500"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option 'ctiflow.batch.sise' (did you mean ctiflow.batch.size?)")
                .contains("ctiflow: error: the configuration has 1 problem(s)");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedWithItsSource() throws IOException {
        CliTest.Run run = CliTest.run("run", "--check", "--config", config("ctiflow.batch.size = many", "ctiflow.share.enabled = yes"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ctiflow.batch.size = 'many': not a whole number (file)")
                .contains("ctiflow.share.enabled = 'yes': must be true or false (file)");
    }

    @Test
    void aBrokenPolicyFailsTheCheckNamingFileAndKey() throws IOException {
        Path policies = tmp.resolve("policies");
        Files.createDirectories(policies);
        for (String f : PolicyLoader.FILES) {
            Files.copy(Path.of("policies").resolve(f), policies.resolve(f));
        }
        Path destinations = policies.resolve("destinations.yaml");
        Files.writeString(destinations, Files.readString(destinations).replaceFirst("jurisdiction: EU", "jurisdiction: EUU"));

        CliTest.Run run = CliTest.run("run", "--check", "--config",
                config("ctiflow.work = " + tmp.resolve("work"), "ctiflow.policies = " + policies));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ctiflow: error:").contains("destinations").contains("EUU");
    }

    @Test
    void aBrokenRouteFailsTheCheck() throws IOException {
        Path home = tmp.resolve("home");
        for (String dir : new String[] {"routes", "mappings", "policies"}) {
            copyTree(Path.of(dir), home.resolve(dir));
        }
        Files.writeString(home.resolve("routes/broken.camel.yaml"), "- route:\n    id: broken\n    from:\n      uri: \"file:x?noSuchOption=1\"\n      steps:\n        - log: x\n");
        String before = System.getProperty("ctiflow.home");
        System.setProperty("ctiflow.home", home.toString());
        try {
            CliTest.Run run = CliTest.run("run", "--check", "--config", config("ctiflow.work = " + tmp.resolve("work")));

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("ctiflow: error:").contains("noSuchOption");
        } finally {
            if (before == null) {
                System.clearProperty("ctiflow.home");
            } else {
                System.setProperty("ctiflow.home", before);
            }
        }
    }

    @Test
    void configShowsEffectiveValuesWithTheirSourceAndMasksSecrets() throws IOException {
        CliTest.Run run = CliTest.run("config", "--config", config("ctiflow.work = /srv/ctiflow", "ctiflow.imap.password = hunter2-secret"));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("ctiflow.work\\s+file\\s+/srv/ctiflow")
                .containsPattern("ctiflow.outbox\\s+default\\s+/srv/ctiflow/stix")
                .containsPattern("ctiflow.imap.password\\s+file\\s+\\*+")
                .doesNotContain("hunter2-secret");
    }

    private String config(String... lines) throws IOException {
        Path file = Files.createTempFile(tmp, "ctiflow-", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
