package io.ctiflow.taxii.server;

import java.util.Locale;

/** The TAXII 2.1 media type and the Accept / Content-Type rules of the spec (section 1.6.8). */
final class TaxiiMedia {

    static final String TAXII = "application/taxii+json;version=2.1";

    private TaxiiMedia() {
    }

    /** Whether an Accept header admits TAXII 2.1 JSON (a missing header does). */
    static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.strip().toLowerCase(Locale.ROOT).split(";");
            String type = parts[0].strip();
            String version = version(parts);
            boolean q0 = false;
            for (int i = 1; i < parts.length; i++) {
                q0 |= parts[i].strip().matches("q=0(\\.0*)?");
            }
            if (q0) {
                continue;
            }
            if (type.equals("*/*") || type.equals("application/*")
                    || type.equals("application/taxii+json") && (version == null || version.equals("2.1"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a POST Content-Type is TAXII 2.1 JSON. */
    static boolean isTaxii(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.strip().toLowerCase(Locale.ROOT).split(";");
        String version = version(parts);
        return parts[0].strip().equals("application/taxii+json") && (version == null || version.equals("2.1"));
    }

    private static String version(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("version=")) {
                return p.substring("version=".length()).replace("\"", "");
            }
        }
        return null;
    }
}
