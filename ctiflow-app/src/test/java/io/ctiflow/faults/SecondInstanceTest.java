package io.ctiflow.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second ctiflow on a host whose management port is taken stops at start with the reason, instead of running half-blind. */
class SecondInstanceTest {

    @TempDir
    Path work;

    @Test
    void aTakenManagementPortIsAStartUpErrorNamingTheOption() throws Exception {
        try (ServerSocket first = new ServerSocket()) {
            first.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = first.getLocalPort();
            Path log = work.resolve("second.log");
            Process second = ChildCtiflow.start(work, log, List.of("-Dctiflow.work=" + work.resolve("work"),
                    "-Dctiflow.management.enabled=true", "-Dctiflow.management.port=" + port), List.of("run"));
            boolean exited = second.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                second.destroyForcibly();
            }
            assertThat(exited).as("the second instance stops instead of running on").isTrue();
            assertThat(second.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log)).contains("port 127.0.0.1:" + port + " is in use").contains("CTIFLOW_MANAGEMENT_PORT");
        }
    }
}
