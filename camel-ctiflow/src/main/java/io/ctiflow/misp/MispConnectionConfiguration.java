package io.ctiflow.misp;

import io.ctiflow.net.HttpConnectionOptions;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
/** Options the MISP consumers and the misp: producer share: where MISP is, how to authenticate, time-outs, TLS, retries, state. */
@UriParams
public class MispConnectionConfiguration extends HttpConnectionOptions implements Cloneable {

    @UriParam(label = "common", description = "Base URL of the MISP server (https://misp.example.org) or of the feed;"
            + " misp-feed also takes a folder (a path or a file: URL).")
    @Metadata(required = true)
    private String url;

    @UriParam(label = "security", secret = true, description = "MISP automation key, sent as the Authorization header."
            + " Give it as a placeholder ({{env:MISP_API_KEY}}), never literally; it is never logged.")
    private String apiKey;

    @UriParam(label = "advanced", description = "Folder of the checkpoint files. Defaults to the component's"
            + " checkpointDir, which defaults to {{ctiflow.work}}/state.")
    private String checkpointDir;

    @UriParam(label = "consumer", defaultValue = "false", description = "Also write, for each indicator, the observed-data"
            + " with its observables and an indicator based-on observed-data relationship, as misp-stix does (sets the"
            + " CtiflowMispObservedData header the conversion reads). Off: an indicator alone, the observables only for"
            + " attributes and objects without to_ids.")
    private boolean observedData;

    @UriParam(label = "consumer", defaultValue = "false", description = "Forward binaries: the data of attachment and"
            + " malware-sample attributes as an artifact's payload_bin (malware samples are MISP's password-protected zips),"
            + " as misp-stix does (sets the CtiflowMispBinaries header). Off: their file names and hashes only.")
    private boolean binaries;

    public boolean isBinaries() {
        return binaries;
    }

    public void setBinaries(boolean binaries) {
        this.binaries = binaries;
    }

    public boolean isObservedData() {
        return observedData;
    }

    public void setObservedData(boolean observedData) {
        this.observedData = observedData;
    }

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
                + ", maxRetries=" + getMaxRetries() + ", backoff=" + getBackoff() + "]";
    }
}
