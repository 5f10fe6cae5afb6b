package io.ctiflow.policy;

import io.ctiflow.stix.StixIds;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded, cross-checked set of policy files: jurisdictions, destinations, sources and defaults.
 * Immutable and shared by every filter.
 */
public final class Policy {

    /** Objects that describe other objects; they travel when something shared refers to them. */
    public static final Set<String> SUPPORT_TYPES = Set.of("marking-definition", "extension-definition", "language-content");

    private final Map<String, Jurisdiction> jurisdictions;
    private final Map<String, Jurisdiction> byCountry;
    private final Map<String, Destination> destinations;
    private final Map<String, SourcePolicy> sources;
    private final List<String> trustLevels;
    private final int attributionMinTrust;
    private final Set<String> embargoedJurisdictions;
    private final Set<String> embargoedDestinations;
    private final Jurisdiction unlistedOrigins;
    private final Pseudonymiser pseudonymiser;
    private final Map<String, String> contentClassOfType;
    private final String location;

    Policy(String location, Map<String, Jurisdiction> jurisdictions, Map<String, Jurisdiction> byCountry,
           Map<String, Destination> destinations, Map<String, SourcePolicy> sources, List<String> trustLevels,
           int attributionMinTrust, Set<String> embargoedJurisdictions, Set<String> embargoedDestinations,
           Jurisdiction unlistedOrigins, Pseudonymiser pseudonymiser, Map<String, String> contentClassOfType) {
        this.location = location;
        this.jurisdictions = jurisdictions;
        this.byCountry = byCountry;
        this.destinations = destinations;
        this.sources = sources;
        this.trustLevels = trustLevels;
        this.attributionMinTrust = attributionMinTrust;
        this.embargoedJurisdictions = embargoedJurisdictions;
        this.embargoedDestinations = embargoedDestinations;
        this.unlistedOrigins = unlistedOrigins;
        this.pseudonymiser = pseudonymiser;
        this.contentClassOfType = contentClassOfType;
    }

    /** Where the policy was read from, for messages. */
    public String location() {
        return location;
    }

    public Collection<Destination> destinations() {
        return destinations.values();
    }

    public Optional<Destination> destination(String id) {
        return Optional.ofNullable(destinations.get(id));
    }

    public Destination requireDestination(String id) {
        Destination d = destinations.get(id);
        if (d == null) {
            throw new PolicyException("no destination '" + id + "' in " + location + "/destinations.yaml (configured: "
                    + String.join(", ", destinations.keySet()) + ")");
        }
        return d;
    }

    public Optional<SourcePolicy> source(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sources.get(id));
    }

    public Collection<SourcePolicy> sources() {
        return sources.values();
    }

    public Optional<Jurisdiction> jurisdiction(String code) {
        return Optional.ofNullable(jurisdictions.get(code));
    }

    public Collection<Jurisdiction> jurisdictions() {
        return jurisdictions.values();
    }

    /**
     * The jurisdiction an origin country belongs to; the unlisted-origins rule for countries no
     * jurisdiction lists, when the policy has one; empty otherwise (the object is then withheld).
     */
    public Optional<Jurisdiction> jurisdictionOfOrigin(String country) {
        Jurisdiction j = byCountry.get(country);
        if (j == null) {
            j = jurisdictions.get(country);
        }
        return Optional.ofNullable(j != null ? j : unlistedOrigins);
    }

    public String trustName(int level) {
        return level < 0 ? "(none)" : trustLevels.get(level);
    }

    public int attributionMinTrust() {
        return attributionMinTrust;
    }

    public boolean embargoed(Destination d) {
        return embargoedDestinations.contains(d.id()) || embargoedJurisdictions.contains(d.jurisdiction());
    }

    /**
     * The legal basis the policy names for transferring personal data that originates in {@code from} (null: unknown
     * origin) to a destination: none needed inside one jurisdiction; else the destination's own basis (e.g. its standard
     * contractual clauses), else what the origin jurisdiction names for the destination's jurisdiction.
     */
    public String legalBasis(Jurisdiction from, Destination d) {
        if (from != null && from.code().equals(d.jurisdiction())) {
            return "no transfer: stays within " + from.code();
        }
        if (d.legalBasis() != null) {
            return d.legalBasis();
        }
        String basis = from == null ? null : from.legalBasis().get(d.jurisdiction());
        if (basis != null) {
            return basis;
        }
        return from == null ? "none named (origin unknown)" : "none named in jurisdictions.yaml for " + from.code() + " to " + d.jurisdiction();
    }

    public Pseudonymiser pseudonymiser() {
        return pseudonymiser;
    }

    /**
     * The content class of an object type: the configured one, {@code observables} for SCO types,
     * or null for relationships and support objects (which follow what they refer to) and for
     * unknown types (which only destinations accepting all content receive).
     */
    public String contentClass(String type) {
        String c = contentClassOfType.get(type);
        if (c != null) {
            return c;
        }
        return StixIds.isObservableType(type) ? "observables" : null;
    }
}
