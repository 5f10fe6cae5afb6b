package io.ctiflow.policy;

/**
 * What the caller knows of a bundle's objects beyond what they carry themselves.
 *
 * @param source  the configured source of objects without ctiflow provenance (e.g. the feed a batch came from), or null
 * @param origin  the origin country of objects that carry none, or null (then the source's default applies)
 * @param input   where the bundle was read from, for the audit log: a file, a MISP event, a mail, a TAXII collection page; or null
 * @param bundle  the name of the bundle the objects travel in (the batch's bundle file, the input bundle's id); or null
 */
public record InputContext(String source, String origin, String input, String bundle) {

    public static final InputContext NONE = new InputContext(null, null);

    public InputContext(String source, String origin) {
        this(source, origin, null, null);
    }
}
