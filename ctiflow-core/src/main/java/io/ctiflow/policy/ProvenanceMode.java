package io.ctiflow.policy;

import java.util.Locale;

/** How much of ctiflow's provenance extension a destination receives. */
public enum ProvenanceMode {
    /** removed: partners learn nothing of internal sources and record ids */
    STRIP,
    /** source, classification and observable kind only */
    REDUCE,
    KEEP;

    public static ProvenanceMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
