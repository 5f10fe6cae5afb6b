package io.ctiflow.sink;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code siem:} endpoint: where the lines go (syslog over TCP or a file) and the syslog header. */
@UriParams
public class SiemConfiguration {

    @UriParam(defaultValue = "tcp", enums = "tcp,file", description = "tcp: RFC 5424 syslog messages with RFC 6587"
            + " octet-counting framing over one persistent connection; file: append the JSON lines to file.")
    private String transport = "tcp";

    @UriParam(defaultValue = "127.0.0.1", description = "Syslog listener host (transport=tcp).")
    private String host = "127.0.0.1";

    @UriParam(defaultValue = "6514", description = "Syslog listener port (transport=tcp).")
    private int port = 6514;

    @UriParam(description = "File the JSON lines are appended to (transport=file); missing folders are created.")
    private String file;

    @UriParam(defaultValue = "ctiflow", description = "APP-NAME of the syslog header.")
    private String appName = "ctiflow";

    @UriParam(description = "HOSTNAME of the syslog header; defaults to this machine's name.")
    private String hostname;

    @UriParam(defaultValue = "local0", description = "Syslog facility: a name (kern, user, daemon, auth, local0..local7,"
            + " ...) or its number.")
    private String facility = "local0";

    @UriParam(defaultValue = "notice", description = "Syslog severity: a name (emerg, alert, crit, err, warning,"
            + " notice, info, debug) or its number.")
    private String severity = "notice";

    @UriParam(defaultValue = "5", description = "Reconnects and resends of a batch after a failed connection or write"
            + " before the exchange fails.")
    private int maxRetries = 5;

    @UriParam(defaultValue = "1000", description = "Wait before the first retry in milliseconds, doubled for each"
            + " further retry (at most 60 s).")
    private long backoff = 1_000;

    @UriParam(label = "advanced", defaultValue = "10000", description = "Time-out for connecting, in milliseconds.")
    private int connectTimeout = 10_000;

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getFacility() {
        return facility;
    }

    public void setFacility(String facility) {
        this.facility = facility;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getBackoff() {
        return backoff;
    }

    public void setBackoff(long backoff) {
        this.backoff = backoff;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Checks the combination of options; messages name the endpoint. */
    public void validate(String endpoint) {
        switch (transport == null ? "" : transport) {
            case "tcp" -> {
                if (host == null || host.isBlank() || port < 1 || port > 65535) {
                    throw new IllegalArgumentException(endpoint + " needs host and port (1-65535) for transport=tcp");
                }
            }
            case "file" -> {
                if (file == null || file.isBlank()) {
                    throw new IllegalArgumentException(endpoint + " needs file=<path> for transport=file");
                }
            }
            default -> throw new IllegalArgumentException(endpoint + " transport must be tcp or file, not " + transport);
        }
        SyslogFormat.priority(facility, severity, endpoint);
    }

    @Override
    public String toString() {
        return "SiemConfiguration[transport=" + transport + ("file".equals(transport) ? ", file=" + file
                : ", host=" + host + ", port=" + port) + ", appName=" + appName + ", facility=" + facility
                + ", severity=" + severity + "]";
    }
}
