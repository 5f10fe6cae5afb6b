package io.ctiflow.ops;

import io.ctiflow.pipeline.SecretMasker;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void secretLookingVariablesAreMaskedWherever() {
        SecretMasker.fromEnvironment(Map.of("MISP_API_KEY", "k3y-abcdef123456", "CTIFLOW_IMAP_PASSWORD", "pa55-word-xyz",
                "CTIFLOW_BATCH_SIZE", "1000000", "HOME", "/root/some/where"));
        assertThat(SecretMasker.mask("GET https://misp/x/k3y-abcdef123456/y failed")).isEqualTo("GET https://misp/x/***/y failed");
        assertThat(SecretMasker.mask("login pa55-word-xyz refused")).isEqualTo("login *** refused");
        assertThat(SecretMasker.mask("batch 1000000 in /root/some/where")).as("not secret names").isEqualTo("batch 1000000 in /root/some/where");
    }

    @Test
    void inlineCredentialsAreMasked() {
        assertThat(SecretMasker.mask("Authorization: Basic ZGVtbzpzZWNyZXQ= sent")).isEqualTo("Authorization: Basic *** sent");
        assertThat(SecretMasker.mask("header authorization=Bearer eyJhbGciOi.x.y")).isEqualTo("header authorization=Bearer ***");
        assertThat(SecretMasker.mask("http://h/p?apikey=abc123&page=2")).isEqualTo("http://h/p?apikey=***&page=2");
        assertThat(SecretMasker.mask("imaps://h?password=RAW(s3cr3t)&user=x")).isEqualTo("imaps://h?password=***&user=x");
        assertThat(SecretMasker.mask("{\"token\":\"abcdef\"}")).isEqualTo("{\"token\":\"***\"}");
        assertThat(SecretMasker.mask("nothing to hide here")).isEqualTo("nothing to hide here");
    }

    @Test
    void secretNamesAreRecognised() {
        assertThat(SecretMasker.looksSecret("ctiflow.taxii.embedded.token")).isTrue();
        assertThat(SecretMasker.looksSecret("OTX_API_KEY")).isTrue();
        assertThat(SecretMasker.looksSecret("ctiflow.taxii.server.admin-password-hash")).isTrue();
        assertThat(SecretMasker.looksSecret("ctiflow.batch.size")).isFalse();
        assertThat(SecretMasker.looksSecret("ctiflow.kafka.topic")).isFalse();
    }
}
