package io.ctiflow.app;

import org.apache.camel.spi.PropertiesComponent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The fixed ports ctiflow listens on (management: health and metrics; the web console), checked before anything
 * starts. Vert.x only logs a port it cannot bind and carries on, so a second instance on one host used to run
 * without health checks, while its printed health URL answered for the other process.
 */
final class ListenPorts {

    private ListenPorts() {
    }

    /** Fails naming the port, the option and its environment variable when an enabled server's port is taken. */
    static void requireFree(PropertiesComponent properties) {
        requireFree(properties, "management (health and metrics)", "ctiflow.management");
        requireFree(properties, "web console", "ctiflow.console");
    }

    private static void requireFree(PropertiesComponent properties, String what, String prefix) {
        if (!Boolean.parseBoolean(properties.resolveProperty(prefix + ".enabled").orElse("false"))) {
            return;
        }
        String host = properties.resolveProperty(prefix + ".host").orElse("127.0.0.1");
        int port = Integer.parseInt(properties.resolveProperty(prefix + ".port").orElse("0"));
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("the " + what + " port " + host + ":" + port + " is in use (another ctiflow on this host?): stop "
                    + "that process, or give this one another port with " + ConfigReference.envName(prefix + ".port") + " (" + prefix + ".port)", e);
        }
    }
}
