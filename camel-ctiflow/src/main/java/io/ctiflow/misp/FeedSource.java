package io.ctiflow.misp;

import java.io.InputStream;
import java.util.Optional;

/** Where a MISP feed's files come from: an HTTP(S) base URL or a folder. */
interface FeedSource {

    /**
     * Opens a file of the feed (manifest.json, hashes.csv, {@code <uuid>.json}).
     *
     * @throws MispNotFoundException when the feed has no such file
     * @throws MispException on any other failure (after the retries for HTTP)
     */
    InputStream open(String name);

    /** Opens a file the feed may lack (hashes.csv). */
    default Optional<InputStream> openIfPresent(String name) {
        try {
            return Optional.of(open(name));
        } catch (MispNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The location of a file of the feed, for messages and the CtiflowOrigin header. */
    String describe(String name);

    static FeedSource of(MispFeedConfiguration config) {
        String url = config.baseUrl();
        if (url.startsWith("http://") || url.startsWith("https://")) {
            MispHttpClient http = new MispHttpClient(config);
            return new FeedSource() {
                @Override
                public InputStream open(String name) {
                    return http.get(name);
                }

                @Override
                public String describe(String name) {
                    return url + "/" + name;
                }
            };
        }
        return new DirectoryFeedSource(url);
    }
}
