package io.ctiflow.policy;

/**
 * What the caller knows of a bundle's objects beyond what they carry themselves.
 *
 * @param source  the configured source of objects without ctiflow provenance (e.g. the feed a batch came from), or null
 * @param origin  the origin country of objects that carry none, or null (then the source's default applies)
 */
public record InputContext(String source, String origin) {

    public static final InputContext NONE = new InputContext(null, null);
}
