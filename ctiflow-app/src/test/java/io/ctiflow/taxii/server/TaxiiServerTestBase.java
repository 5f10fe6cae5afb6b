package io.ctiflow.taxii.server;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a test class once per store (H2 file, PostgreSQL when configured) against one real server per
 * run; tests use fresh object ids or the collection of their own, so they do not see each other.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TaxiiBackend.class)
abstract class TaxiiServerTestBase {

    static TaxiiTestServer taxii;
    static Path dir;

    @Parameter
    TaxiiBackend backend;

    static String skipped;

    @BeforeParameterizedClassInvocation
    static void startServer(TaxiiBackend backend) throws IOException {
        skipped = backend.unavailable();
        if (skipped == null) {
            dir = Files.createTempDirectory("taxii-" + backend);
            taxii = TaxiiTestServer.start(backend, dir);
        }
    }

    /** Per test, so that a run without PostgreSQL lists every skipped test with the reason. */
    @BeforeEach
    void requireBackend() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @AfterParameterizedClassInvocation
    static void stopServer() throws IOException {
        if (taxii != null) {
            taxii.close();
            taxii = null;
        }
        TestFiles.deleteTree(dir);
    }

    static TaxiiHttp http() {
        return taxii.http;
    }
}
