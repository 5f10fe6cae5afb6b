package io.ctiflow.taxii.client;

import io.ctiflow.net.HttpConnectionOptions;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code taxii:} endpoint: where the collection is, credentials, TLS, time-outs, retries, paging, publishing. */
@UriParams
public class TaxiiConfiguration extends HttpConnectionOptions {

    @UriParam(description = "A collection URL (https://host/api1/collections/<id>/), an API root URL or a discovery"
            + " URL (https://host/taxii2/); with the latter two, collection names the collection.")
    @Metadata(required = true)
    private String url;

    @UriParam(description = "Collection id or title, when url is an API root or discovery URL. Not needed when the"
            + " API root has exactly one collection.")
    private String collection;

    @UriParam(label = "security", secret = true, description = "User for HTTP Basic authentication.")
    private String username;

    @UriParam(label = "security", secret = true, description = "Password for HTTP Basic authentication. Give it as a"
            + " placeholder ({{env:TAXII_PASSWORD}}), never literally; it is never logged.")
    private String password;

    @UriParam(label = "security", secret = true, description = "API token, sent as Authorization: Bearer {token}"
            + " (instead of username/password). Give it as a placeholder ({{env:TAXII_TOKEN}}); it is never logged.")
    private String token;

    @UriParam(label = "consumer", defaultValue = "1000", description = "Objects asked for per page (the limit parameter);"
            + " servers may answer with fewer or more.")
    private int pageSize = 1000;

    @UriParam(label = "consumer", description = "Where to start when there is no checkpoint yet: an RFC 3339 timestamp"
            + " (sent as added_after). Unset: the whole collection.")
    private String addedAfter;

    @UriParam(label = "advanced", description = "Folder of the checkpoint files. Defaults to the component's"
            + " checkpointDir, which defaults to {{ctiflow.work}}/state.")
    private String checkpointDir;

    @UriParam(label = "producer", defaultValue = "120000", description = "How long to follow a status resource until"
            + " it is complete, in milliseconds; objects still pending then fail the exchange.")
    private long statusTimeout = 120_000;

    @UriParam(label = "producer", defaultValue = "250", description = "First wait between status requests, in"
            + " milliseconds; doubled up to 5 s.")
    private long statusInterval = 250;

    @UriParam(label = "producer", defaultValue = "0", description = "Upper bound for an envelope in bytes, below the"
            + " server's max_content_length (0: the server's value alone).")
    private long maxEnvelopeBytes;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getCollection() {
        return collection;
    }

    public void setCollection(String collection) {
        this.collection = collection;
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

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getAddedAfter() {
        return addedAfter;
    }

    public void setAddedAfter(String addedAfter) {
        this.addedAfter = addedAfter;
    }

    public String getCheckpointDir() {
        return checkpointDir;
    }

    public void setCheckpointDir(String checkpointDir) {
        this.checkpointDir = checkpointDir;
    }

    public long getStatusTimeout() {
        return statusTimeout;
    }

    public void setStatusTimeout(long statusTimeout) {
        this.statusTimeout = statusTimeout;
    }

    public long getStatusInterval() {
        return statusInterval;
    }

    public void setStatusInterval(long statusInterval) {
        this.statusInterval = statusInterval;
    }

    public long getMaxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    public void setMaxEnvelopeBytes(long maxEnvelopeBytes) {
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    /** Checks the combination of options; messages name the endpoint. */
    public void validate(String endpoint) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(endpoint + " needs url=<TAXII collection, API root or discovery URL>");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(endpoint + " url must be http(s): " + url);
        }
        if (token != null && !token.isEmpty() && username != null && !username.isEmpty()) {
            throw new IllegalArgumentException(endpoint + ": give either token or username/password, not both");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException(endpoint + " pageSize must be at least 1");
        }
        if (addedAfter != null && !addedAfter.isBlank()) {
            TaxiiTime.parse(addedAfter, endpoint + " addedAfter");
        }
    }

    /** Never shows credentials or the trust store password. */
    @Override
    public String toString() {
        return "TaxiiConfiguration[url=" + url + ", collection=" + collection
                + ", username=" + (username == null ? "none" : "xxxxxx")
                + ", password=" + (password == null ? "none" : "xxxxxx")
                + ", token=" + (token == null ? "none" : "xxxxxx")
                + ", maxRetries=" + getMaxRetries() + ", backoff=" + getBackoff() + "]";
    }
}
