package io.ctiflow.stix;

import java.util.Locale;

/**
 * Which URLs may stand in a STIX {@code external_references} entry: http and https only. A consumer
 * renders them as links, so {@code javascript:}, {@code data:}, {@code vbscript:} or {@code file:}
 * from a feed would be a script or a local file one click away. One rule for every converter.
 */
public final class ReferenceUrls {

    private ReferenceUrls() {
    }

    /** The url when it may be shared as a reference, else null (the reference keeps its other properties). */
    public static String shareable(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        boolean web = lower.startsWith("http://") || lower.startsWith("https://");
        return web && u.length() > lower.indexOf("://") + 3 && u.chars().noneMatch(Character::isWhitespace) ? u : null;
    }
}
