package io.ctiflow.misp;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options the MISP consumers and the misp: producer share: where MISP is, how to authenticate, time-outs, TLS, retries, state. */
@UriParams
public class MispConnectionConfiguration implements Cloneable {

    @UriParam(label = "common", description = "Base URL of the MISP server (https://misp.example.org) or of the feed;"
            + " misp-feed also takes a folder (a path or a file: URL).")
    @Metadata(required = true)
    private String url;

    @UriParam(label = "security", secret = true, description = "MISP automation key, sent as the Authorization header."
            + " Give it as a placeholder ({{env:MISP_API_KEY}}), never literally; it is never logged.")
    private String apiKey;

    @UriParam(label = "advanced", defaultValue = "10000",
            description = "Time-out for opening a connection, in milliseconds.")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "60000",
            description = "Time-out for the server to start answering a request, in milliseconds.")
    private long readTimeout = 60_000;

    @UriParam(label = "security", defaultValue = "false", description = "Trust any server certificate."
            + " Only for test servers with self-signed certificates: it disables server authentication.")
    private boolean trustAllCertificates;

    @UriParam(label = "security", description = "Trust store (PKCS12 or JKS file) holding the CA certificates to trust"
            + " for the server instead of the JVM's default ones.")
    private String trustStore;

    @UriParam(label = "security", secret = true, description = "Password of the trust store.")
    private String trustStorePassword;

    @UriParam(label = "common", defaultValue = "3", description = "How often a request is retried after HTTP 429,"
            + " HTTP 5xx, a time-out or a refused connection before the poll (or the producer's exchange) fails.")
    private int maxRetries = 3;

    @UriParam(label = "common", defaultValue = "1000",
            description = "Wait before the first retry, in milliseconds; doubled for each further retry (at most 60 s).")
    private long backoff = 1_000;

    @UriParam(label = "advanced", description = "Folder of the checkpoint files. Defaults to the component's"
            + " checkpointDir, which defaults to {{ctiflow.work}}/state.")
    private String checkpointDir;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
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

    public String getCheckpointDir() {
        return checkpointDir;
    }

    public void setCheckpointDir(String checkpointDir) {
        this.checkpointDir = checkpointDir;
    }

    /** The URL without a trailing slash. */
    public String baseUrl() {
        String u = url == null ? "" : url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** Never shows the key or the trust store password. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "xxxxxx")
                + ", maxRetries=" + maxRetries + ", backoff=" + backoff + "]";
    }
}
