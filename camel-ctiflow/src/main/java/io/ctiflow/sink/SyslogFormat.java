package io.ctiflow.sink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * RFC 5424 messages ({@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG}) framed for TCP
 * with RFC 6587 octet counting ({@code <length> <message>}). MSG is JSON written with non-ASCII
 * escaped, so it is plain ASCII and needs no BOM.
 */
final class SyslogFormat {

    static final String MSGID = "indicator";
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    private final String pri;
    private final String head;

    SyslogFormat(SiemConfiguration config) {
        int pri = priority(config.getFacility(), config.getSeverity(), "siem");
        String hostname = config.getHostname() != null && !config.getHostname().isBlank() ? config.getHostname() : localName();
        this.head = " " + field(hostname, 255) + " " + field(config.getAppName(), 48) + " "
                + ProcessHandle.current().pid() + " " + MSGID + " - ";
        this.pri = "<" + pri + ">1 ";
    }

    /** One framed message: {@code <len> <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG}. */
    byte[] frame(String msg, Instant time) {
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS));
        byte[] message = (pri + timestamp + head + msg).getBytes(StandardCharsets.UTF_8);
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[length.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(message, 0, frame, length.length, message.length);
        return frame;
    }

    /** facility * 8 + severity, from names or numbers. */
    static int priority(String facility, String severity, String endpoint) {
        return code(facility, FACILITIES, "facility", endpoint) * 8 + code(severity, SEVERITIES, "severity", endpoint);
    }

    private static int code(String value, List<String> names, String what, String endpoint) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        int index = names.indexOf(v.equals("warn") ? "warning" : v.equals("error") ? "err" : v);
        if (index >= 0) {
            return index;
        }
        if (v.matches("\\d{1,2}") && Integer.parseInt(v) < names.size()) {
            return Integer.parseInt(v);
        }
        throw new IllegalArgumentException(endpoint + " " + what + " must be one of " + names + " or 0-"
                + (names.size() - 1) + ", not " + value);
    }

    /** A header field: printable US-ASCII without spaces, at most max characters, "-" when empty. */
    private static String field(String value, int max) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            s.append(c > 32 && c < 127 ? c : '_');
        }
        return s.length() > max ? s.substring(0, max) : s.toString();
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
