package io.ctiflow.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name for records that say where something happened (audit records, instance ids). */
public final class HostName {

    private HostName() {
    }

    /** {@code HOSTNAME} when set (a container's or pod's name), else what the resolver says, else "localhost". */
    public static String get() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
