package io.ctiflow.misp;

import io.ctiflow.testing.PollingConsumerTestSupport;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A {@code misp:} consumer test against the in-suite MISP server holding the real sample events, with a checkpoint folder. */
abstract class MispServerTestSupport extends PollingConsumerTestSupport {

    @TempDir
    Path state;

    MispTestServer server;

    @Override
    protected void setupResources() {
        server = MispTestServer.start().withEvents(MispSamples.EVENTS);
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }
}
