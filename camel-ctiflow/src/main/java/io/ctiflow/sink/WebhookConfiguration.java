package io.ctiflow.sink;

import io.ctiflow.net.HttpAuthorization;
import io.ctiflow.net.HttpConnectionOptions;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code signed-webhook:} endpoint: receiver URL, signing secret, credentials, size cap, retries, time-outs. */
@UriParams
public class WebhookConfiguration extends HttpConnectionOptions {

    public WebhookConfiguration() {
        setMaxRetries(5); // a partner's receiver briefly down should not cost a dead letter
    }

    @UriParam(description = "The receiver's URL (http or https); each request POSTs one STIX 2.1 bundle to it.")
    @Metadata(required = true)
    private String url;

    @UriParam(label = "security", secret = true, description = "Shared secret for the X-Signature header"
            + " (sha256={hex HMAC-SHA-256 of the body}). Give it as a placeholder ({{env:WEBHOOK_SECRET}}); never logged.")
    private String secret;

    @UriParam(label = "security", secret = true, description = "Token sent as Authorization: Bearer {token}"
            + " (instead of username/password). Give it as a placeholder; never logged.")
    private String token;

    @UriParam(label = "security", secret = true, description = "User for HTTP Basic authentication.")
    private String username;

    @UriParam(label = "security", secret = true, description = "Password for HTTP Basic authentication; never logged.")
    private String password;

    @UriParam(defaultValue = "1048576", description = "Largest request body in bytes: the objects are split over as"
            + " many bundles as needed. An object that with the objects it refers to is larger goes alone.")
    private long maxBundleBytes = 1_048_576;

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

    public long getMaxBundleBytes() {
        return maxBundleBytes;
    }

    public void setMaxBundleBytes(long maxBundleBytes) {
        this.maxBundleBytes = maxBundleBytes;
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
                + ", maxRetries=" + getMaxRetries() + ", backoff=" + getBackoff() + "]";
    }
}
