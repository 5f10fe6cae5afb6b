package io.ctiflow.sink;

import io.ctiflow.net.HttpAuthorization;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code webhook:} endpoint: receiver URL, signing secret, credentials, size cap, retries, time-outs. */
@UriParams
public class WebhookConfiguration {

    @UriParam(description = "The receiver's URL (http or https); each request POSTs one STIX 2.1 bundle to it.")
    @Metadata(required = true)
    private String url;

    @UriParam(label = "security", secret = true, description = "Shared secret for the X-Signature header"
            + " (sha256=<hex HMAC-SHA-256 of the body>). Give it as a placeholder ({{env:WEBHOOK_SECRET}}); never logged.")
    private String secret;

    @UriParam(label = "security", secret = true, description = "Token sent as Authorization: Bearer <token>"
            + " (instead of username/password). Give it as a placeholder; never logged.")
    private String token;

    @UriParam(label = "security", secret = true, description = "User for HTTP Basic authentication.")
    private String username;

    @UriParam(label = "security", secret = true, description = "Password for HTTP Basic authentication; never logged.")
    private String password;

    @UriParam(label = "security", defaultValue = "false", description = "Trust any server certificate (test receivers only).")
    private boolean trustAllCertificates;

    @UriParam(label = "security", description = "Trust store (PKCS12 or JKS) with the CA certificates to trust instead"
            + " of the JVM's.")
    private String trustStore;

    @UriParam(label = "security", secret = true, description = "Password of the trust store.")
    private String trustStorePassword;

    @UriParam(defaultValue = "1048576", description = "Largest request body in bytes: the objects are split over as"
            + " many bundles as needed. An object that with the objects it refers to is larger goes alone.")
    private long maxBundleBytes = 1_048_576;

    @UriParam(defaultValue = "5", description = "Retries of a request after HTTP 429, HTTP 5xx, a time-out or a refused"
            + " connection before the exchange fails.")
    private int maxRetries = 5;

    @UriParam(defaultValue = "1000", description = "Wait before the first retry in milliseconds, doubled for each"
            + " further retry (at most 60 s); a Retry-After from the receiver is honoured up to 60 s.")
    private long backoff = 1_000;

    @UriParam(label = "advanced", defaultValue = "10000", description = "Time-out for opening a connection, in milliseconds.")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "60000", description = "Time-out for the receiver to answer, in milliseconds.")
    private long readTimeout = 60_000;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
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

    public long getMaxBundleBytes() {
        return maxBundleBytes;
    }

    public void setMaxBundleBytes(long maxBundleBytes) {
        this.maxBundleBytes = maxBundleBytes;
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

    /** Checks the combination of options; messages name the endpoint. */
    public void validate(String endpoint) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(endpoint + " needs url=<receiver URL>");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(endpoint + " url must be http(s): " + url);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(endpoint + " needs secret= (the shared HMAC key, e.g. {{env:WEBHOOK_SECRET}})");
        }
        if (token != null && !token.isEmpty() && username != null && !username.isEmpty()) {
            throw new IllegalArgumentException(endpoint + ": give either token or username/password, not both");
        }
        if (maxBundleBytes < 64) {
            throw new IllegalArgumentException(endpoint + " maxBundleBytes must be at least 64");
        }
    }

    /** Never shows the secret or credentials. */
    @Override
    public String toString() {
        return "WebhookConfiguration[url=" + url + ", secret=" + HttpAuthorization.mask(secret)
                + ", token=" + HttpAuthorization.mask(token) + ", username=" + HttpAuthorization.mask(username)
                + ", password=" + HttpAuthorization.mask(password) + ", maxBundleBytes=" + maxBundleBytes
                + ", maxRetries=" + maxRetries + ", backoff=" + backoff + "]";
    }
}
