package io.ctiflow.state;

import io.ctiflow.db.Dialect;
import io.ctiflow.db.SchemaMigrator;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state store written while the webhook sink was still called webhook: keeps what it recorded once the
 * scheme is signed-webhook: a partner is not sent again what it received, and its failed deliveries are
 * still found by the endpoint the policy now names.
 */
class SignedWebhookMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void ledgerAndDeadLettersOfWebhookEndpointsFollowTheNewScheme() throws Exception {
        String url = StateStore.h2Url(tmp.resolve("state"));
        StixObject sent = StixObject.ofJson("indicator--6d1b5f0a-3c1e-4b43-9a57-2f6c6f0e2b11", "indicator",
                "2026-01-01T00:00:00.000Z", "{}".getBytes(StandardCharsets.UTF_8));
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
            SchemaMigrator.migrate(c, "state", Dialect.H2, StateStore.SCRIPTS.subList(0, 2));
            s.execute("INSERT INTO state_published VALUES ('ncsc-uk', 'webhook:ncsc-uk-0', '" + sent.id()
                    + "', '2026-01-01T00:00:00.000Z', 0)");
            s.execute("INSERT INTO state_dead_letter (created_at, kind, source, location, reason, status, status_at)"
                    + " VALUES (0, 'failed-delivery', 'ncsc-uk', 'webhook:ncsc-uk-0', 'HTTP 503', 'new', 0)");
        }

        try (StateStore store = StateStore.open(url, "", "")) {
            assertThat(new JdbcPublishLedger(store).unpublished("ncsc-uk", "signed-webhook:ncsc-uk-0", List.of(sent)))
                    .as("already received by the partner").isEmpty();
            String location = store.run("read the dead letter", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT location FROM state_dead_letter")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(location).isEqualTo("signed-webhook:ncsc-uk-0");
        }
    }
}
