package io.ctiflow.net;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options every ctiflow HTTP client endpoint shares (misp:, taxii:, signed-webhook:, otx:): server
 * trust, time-outs and retries with back-off. Endpoint configurations extend it so each option is
 * declared, documented and defaulted once.
 */
@UriParams
public abstract class HttpConnectionOptions {

    @UriParam(label = "security", defaultValue = "false", description = "Trust any server certificate."
            + " Only for test servers with self-signed certificates: it disables server authentication.")
    private boolean trustAllCertificates;

    @UriParam(label = "security", description = "Trust store (PKCS12 or JKS file) holding the CA certificates to trust"
            + " for the server instead of the JVM's default ones.")
    private String trustStore;

    @UriParam(label = "security", secret = true, description = "Password of the trust store.")
    private String trustStorePassword;

    @UriParam(label = "advanced", defaultValue = "10000", description = "Time-out for opening a connection, in milliseconds.")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "60000",
            description = "Time-out for the server to start answering a request, in milliseconds.")
    private long readTimeout = 60_000;

    @UriParam(defaultValue = "3", description = "How often a request is retried after HTTP 429, HTTP 5xx, a time-out"
            + " or a refused connection before the poll or the exchange fails (the webhook sink defaults to 5).")
    private int maxRetries = 3;

    @UriParam(defaultValue = "1000", description = "Wait before the first retry, in milliseconds; doubled for each"
            + " further retry (at most 60 s). A Retry-After from the server is honoured up to 60 s.")
    private long backoff = 1_000;

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
}
