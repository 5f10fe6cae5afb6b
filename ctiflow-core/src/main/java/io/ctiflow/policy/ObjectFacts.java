package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * What the filter knows of one object before any destination is considered: derived once per
 * bundle and shared by the decisions for every destination. Fields that could not be determined
 * are null and carry a {@code ...Problem} saying why; rules that need them then withhold.
 */
final class ObjectFacts {

    /** Position in the bundle: per-destination state is kept in arrays indexed by it. */
    final int index;
    final StixObject original;
    final ObjectNode tree;
    final String id;
    final String type;
    final boolean support;
    /** Carries ctiflow's provenance extension, which destinations may receive reduced or stripped. */
    final boolean hasProvenance;

    /** Why the object is not valid STIX 2.1, or null: an invalid object is withheld before any other rule. */
    String invalid;
    /** Set when a support object carries the id of a definition ctiflow knows (its own identity and extension) with another body. */
    String impostor;

    /** The bundle's input context, for the audit log. */
    InputContext context = InputContext.NONE;
    /** The source's own id of the record the object came from (provenance {@code source_record}), or null. */
    String sourceRecord;

    String source;
    SourcePolicy sourcePolicy;
    /** Set when the input claimed another source than the one that applies. */
    String sourceNote;

    Tlp tlp;
    String tlpBasis;
    /**
     * Standard TLP ids this object carries that its bundle contradicted with a stricter body, and the id of
     * the stricter level: what leaves is marked with the level the filter decided on.
     */
    Map<String, String> remarked = Map.of();
    String markingProblem;
    Iep iep;

    String origin;
    String originBasis;
    Jurisdiction originJurisdiction;

    Integer mispDistribution;
    String mispSharingGroup;

    Set<String> flaggedPersonalData = Set.of();
    List<PersonalDataScanner.Hit> personalHits = List.of();
    /** Classes the source flagged but the scanner could not find in the object. */
    Set<String> unlocatedPersonalData = Set.of();

    List<GranularMarking> granularMarkings = List.of();
    List<Reference> references = List.of();

    /** The object with its provenance reduced or stripped, cached per mode across destinations. */
    private final StixObject[] provenanceVariants = new StixObject[ProvenanceMode.values().length];

    ObjectFacts(int index, StixObject original, ObjectNode tree) {
        this.index = index;
        this.original = original;
        this.tree = tree;
        this.id = original.id();
        this.type = original.type();
        // ctiflow's own system identity is public and created every definition ctiflow writes
        this.hasProvenance = tree.path("extensions").has(CtiflowExtension.ID);
        this.support = Policy.SUPPORT_TYPES.contains(type) || id.equals(CtiflowExtension.IDENTITY_ID);
    }

    private String sharedReason;

    /** Why a destination got the object unchanged: the same for every destination, so built once. */
    String sharedReason() {
        if (sharedReason == null) {
            sharedReason = "passed every rule (" + tlpBasis + "; " + originBasis + (sourceNote == null ? "" : "; " + sourceNote) + ")";
        }
        return sharedReason;
    }

    boolean holdsPersonalData() {
        return !personalHits.isEmpty() || !unlocatedPersonalData.isEmpty();
    }

    /** The definitions the unchanged object uses, with its provenance extension kept or removed, cached across destinations. */
    private List<String> definitionsWithProvenance;
    private List<String> definitionsWithoutProvenance;

    List<String> definitionsUsed(boolean provenanceRemoved) {
        if (provenanceRemoved) {
            if (definitionsWithoutProvenance == null) {
                definitionsWithoutProvenance = JurisdictionFilter.definitionsUsed(tree, true);
            }
            return definitionsWithoutProvenance;
        }
        if (definitionsWithProvenance == null) {
            definitionsWithProvenance = JurisdictionFilter.definitionsUsed(tree, false);
        }
        return definitionsWithProvenance;
    }

    StixObject provenanceVariant(ProvenanceMode mode) {
        return provenanceVariants[mode.ordinal()];
    }

    void provenanceVariant(ProvenanceMode mode, StixObject variant) {
        provenanceVariants[mode.ordinal()] = variant;
    }

    /** A granular marking: the marking and the top-level properties its selectors reach. */
    record GranularMarking(String markingRef, Tlp tlp, String problem, Set<String> properties) {
    }

    /** A reference to another object: where it is, the target's position in the bundle (-1: not in it) and whether the object cannot exist without it. */
    record Reference(String property, String target, int targetIndex, boolean required, boolean list) {
    }
}
