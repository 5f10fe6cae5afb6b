package io.ctiflow.connectors.otx;

import io.ctiflow.net.HttpAuthorization;
import io.ctiflow.net.HttpConnectionOptions;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
/** Options of the {@code otx:} endpoint: where OTX is, the key, which pulses, paging, retries, TLS and state. */
@UriParams
public class OtxConfiguration extends HttpConnectionOptions {

    @UriParam(label = "common", defaultValue = "https://otx.alienvault.com",
            description = "Base URL of the OTX API server.")
    private String url = "https://otx.alienvault.com";

    @UriParam(label = "security", secret = true,
            description = "OTX API key, sent as the X-OTX-API-KEY header. Give it as a placeholder ({{env:OTX_API_KEY}}), never literally; it is never logged.")
    private String apiKey;

    @UriParam(label = "consumer", defaultValue = "subscribed",
            description = "Which pulses: subscribed (pulses of users and groups you follow, and your own) or activity (your activity feed).")
    private String endpoint = "subscribed";

    @UriParam(label = "consumer", defaultValue = "50",
            description = "Pulses per page (the limit query parameter); pages are followed by their next link until it is null.")
    private int pageSize = 50;

    @UriParam(label = "consumer",
            description = "Where to start when there is no checkpoint yet: an ISO-8601 date or date-time (2024-01-31, 2024-01-31T12:00:00). Unset: every pulse.")
    private String since;

    @UriParam(label = "advanced", defaultValue = "true",
            description = "Send If-None-Match with the ETag of the last poll's first page when the query is the same; a 304 means nothing new.")
    private boolean conditional = true;

    @UriParam(label = "advanced",
            description = "Folder of the checkpoint files. Defaults to the component's checkpointDir, which defaults to {{ctiflow.work}}/state.")
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

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public boolean isConditional() {
        return conditional;
    }

    public void setConditional(boolean conditional) {
        this.conditional = conditional;
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
        return "OtxConfiguration[url=" + url + ", apiKey=" + HttpAuthorization.mask(apiKey)
                + ", endpoint=" + endpoint + ", pageSize=" + pageSize + ", maxRetries=" + getMaxRetries() + "]";
    }
}
