package io.ctiflow.misp;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code misp-feed:} consumer. */
@UriParams
public class MispFeedConfiguration extends MispConnectionConfiguration {

    @UriParam(label = "consumer", defaultValue = "true", description = "Read the feed's hashes.csv (MISP format"
            + " {md5 of value},{event uuid}) when it has one, and set the CtiflowMispFeedHashCount header.")
    private boolean hashes = true;

    public boolean isHashes() {
        return hashes;
    }

    public void setHashes(boolean hashes) {
        this.hashes = hashes;
    }
}
