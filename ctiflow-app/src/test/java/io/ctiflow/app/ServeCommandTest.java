package io.ctiflow.app;

import io.ctiflow.taxii.server.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** ctiflow serve as a user meets it before the server runs: help, token helper, config errors with exit code 2. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpNamesTheHashHelpers() {
        CliTest.Run run = CliTest.run("serve", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: ctiflow serve", "--hash-password", "--hash-token", "--new-token", "--store-url");
    }

    @Test
    void newTokenPrintsATokenAndItsHash() {
        CliTest.Run run = CliTest.run("serve", "--new-token");
        assertThat(run.code()).isZero();
        String token = run.out().lines().filter(l -> l.startsWith("token: ")).findFirst().orElseThrow().substring(7);
        String hash = run.out().lines().filter(l -> l.startsWith("token_hash: ")).findFirst().orElseThrow().substring(12);
        assertThat(ApiTokens.verify(token, hash)).isTrue();
    }

    @Test
    void aBrokenConfigStopsTheStartWithFileAndKey() throws IOException {
        Path config = tmp.resolve("taxii.yaml");
        Files.writeString(config, "users: []\napi_roots: [{path: r, title: R, collections: [{id: 42, title: C}]}]\n");
        CliTest.Run run = CliTest.run("serve", "--config", config.toString());
        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(run.err()).contains("ctiflow: error: " + config + ": api_roots[0].collections[0].id: not a UUID: '42'");
    }

    @Test
    void storeUrlsThatCannotKeepAcknowledgedObjectsAreRefusedWithExit2() throws IOException {
        Path config = tmp.resolve("taxii.yaml");
        Files.writeString(config, "users: [{name: a, token_hash: \"" + ApiTokens.hash("t") + "\"}]\n"
                + "api_roots: [{path: r, title: R, collections: [{id: 9cfa669c-ee94-4ece-afd2-f8edac37d8fd, title: C, can_write: [a]}]}]\n");
        CliTest.Run memory = CliTest.run("serve", "--config", config.toString(), "--port", "0", "--store-url", "jdbc:h2:mem:taxii");
        assertThat(memory.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(memory.err()).contains("jdbc:h2:mem:taxii is an in-memory H2 database", "--in-memory-store");
        String delayed = "jdbc:h2:file:" + tmp.resolve("x") + ";WRITE_DELAY=500";
        CliTest.Run delay = CliTest.run("serve", "--config", config.toString(), "--port", "0", "--store-url", delayed);
        assertThat(delay.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(delay.err()).contains(delayed + ": WRITE_DELAY=500 lets H2 lose commits");
        assertThat(tmp.resolve("x.mv.db")).doesNotExist();
    }

    @Test
    void aMissingConfigIsNamed() {
        CliTest.Run run = CliTest.run("serve", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(run.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(run.err()).contains("no such config file");
    }
}
