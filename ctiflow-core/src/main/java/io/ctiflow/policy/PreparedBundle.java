package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.stix.validation.ValidationProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundle parsed once and annotated with everything the rules need (TLP, IEP, origin, source
 * policy, MISP restrictions, personal data, references), so that filtering it for many
 * destinations costs one parse.
 */
public final class PreparedBundle {

    private static final StixValidator VALIDATOR = new StixValidator();

    final List<ObjectFacts> objects;
    final Map<String, ObjectFacts> byId;
    /** Identities that created other objects of the bundle: who produced the intelligence. */
    final Set<String> creators;
    private Set<String> hiddenProviders;
    private int[][] referrers;

    private PreparedBundle(List<ObjectFacts> objects, Map<String, ObjectFacts> byId, Set<String> creators) {
        this.objects = objects;
        this.byId = byId;
        this.creators = creators;
    }

    public int size() {
        return objects.size();
    }

    public static PreparedBundle prepare(List<StixObject> input, InputContext context, Policy policy) {
        List<ObjectFacts> objects = new ArrayList<>(input.size());
        Map<String, ObjectFacts> byId = new HashMap<>(input.size() * 2);
        Markings markings = new Markings();
        for (StixObject o : input) {
            ObjectFacts f = new ObjectFacts(objects.size(), o, o.tree());
            f.context = context;
            f.invalid = invalidReason(f.tree);
            if (f.support && f.invalid == null) {
                f.impostor = JurisdictionFilter.StandardDefinitions.of(f.id).filter(standard -> !standard.tree().equals(f.tree))
                        .map(standard -> "carries the id of " + (f.id.equals(CtiflowExtension.IDENTITY_ID) ? "ctiflow's own identity"
                                : "a definition ctiflow publishes") + " with another body; the published one goes instead").orElse(null);
            }
            objects.add(f);
            byId.put(f.id, f);
            if (f.type.equals("marking-definition")) {
                markings.add(f.tree, f.invalid);
            }
        }
        Map<String, String> personal = new LinkedHashMap<>();
        for (ObjectFacts f : objects) {
            if (!f.support) {
                describe(f, context, policy, markings, byId);
                PersonalDataScanner.collect(f.tree, f.flaggedPersonalData, personal);
            }
        }
        Set<String> creators = new HashSet<>();
        for (ObjectFacts f : objects) {
            if (f.tree.hasNonNull("created_by_ref")) {
                creators.add(f.tree.path("created_by_ref").asText());
            }
        }
        PhraseIndex phrases = PersonalDataScanner.phrases(personal);
        for (ObjectFacts f : objects) {
            if (!f.support) {
                f.personalHits = PersonalDataScanner.locate(f.tree, personal, phrases);
                f.unlocatedPersonalData = unlocated(f);
            }
        }
        return new PreparedBundle(objects, byId, creators);
    }

    /**
     * Why the object breaks a MUST of STIX 2.1 (what {@code ctiflow validate} reports for it), or null. The filter
     * decides only on objects it can read exactly: anything else is withheld, never repaired into something shareable.
     */
    private static String invalidReason(JsonNode tree) {
        List<ValidationProblem> errors = VALIDATOR.objectErrors(tree);
        if (errors.isEmpty()) {
            return null;
        }
        ValidationProblem first = errors.get(0);
        String where = first.property() == null ? "" : first.property() + ": ";
        return "not valid STIX 2.1: " + where + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    private static void describe(ObjectFacts f, InputContext context, Policy policy, Markings markings, Map<String, ObjectFacts> byId) {
        JsonNode ext = f.tree.path("extensions").path(CtiflowExtension.ID);
        readSource(f, ext.path("source").asText(null), context, policy);
        f.sourceRecord = ext.path("source_record").asText(null);
        readMarkings(f, markings);
        readOrigin(f, ext, context, policy);
        if (ext.has("misp_distribution")) {
            f.mispDistribution = ext.path("misp_distribution").asInt();
            f.mispSharingGroup = ext.path("misp_sharing_group").asText(null);
        }
        if (ext.path("personal_data").isArray()) {
            Set<String> flagged = new LinkedHashSet<>();
            ext.path("personal_data").forEach(c -> flagged.add(c.asText()));
            f.flaggedPersonalData = flagged;
        }
        f.references = references(f, byId);
    }

    /**
     * The operator's word on where an input came from (the route's feed, {@code --source}) decides, not what the
     * objects claim: an input must not make itself a laxer source. Only an input the policy marks as a relay of
     * ctiflow's own output (the Kafka topic between instances) lets each object's own provenance decide.
     */
    private static void readSource(ObjectFacts f, String claimed, InputContext context, Policy policy) {
        String given = context.source();
        SourcePolicy givenPolicy = given == null ? null : policy.source(given).orElse(null);
        boolean relayed = givenPolicy != null && givenPolicy.relay() && claimed != null;
        f.source = given == null || relayed ? claimed : given;
        f.sourcePolicy = f.source == null ? null : policy.source(f.source).orElse(null);
        if (!relayed && given != null && claimed != null && !claimed.equals(given)) {
            f.sourceNote = "the input's provenance claims source " + claimed + ", the configured source " + given + " applies";
        }
    }

    private static void readMarkings(ObjectFacts f, Markings markings) {
        Tlp tlp = null;
        String basis = null;
        for (JsonNode ref : f.tree.path("object_marking_refs")) {
            Markings.Meaning m = markings.meaning(ref.asText());
            if (m.problem() != null && f.markingProblem == null) {
                f.markingProblem = m.problem();
            }
            if (m.tlp() != null && (tlp == null || m.tlp().isMoreRestrictiveThan(tlp))) {
                tlp = m.tlp();
                basis = m.basis();
            }
            remark(f, ref.asText(), m);
            if (m.iep() != null) {
                f.iep = m.iep().combine(f.iep);
            }
        }
        if (tlp != null) {
            f.tlp = tlp;
            f.tlpBasis = "marked " + (basis != null ? basis : tlp.label());
        } else if (f.iep != null && f.iep.tlp() != null) {
            f.tlp = f.iep.tlp();
            f.tlpBasis = f.iep.tlp().label() + " from IEP policy " + f.iep.name();
        } else if (f.sourcePolicy != null && f.sourcePolicy.defaultTlp() != null) {
            f.tlp = f.sourcePolicy.defaultTlp();
            f.tlpBasis = "unmarked, " + f.tlp.label() + " by default of source " + f.source;
        }
        List<ObjectFacts.GranularMarking> granular = new ArrayList<>();
        for (JsonNode g : f.tree.path("granular_markings")) {
            if (!g.has("marking_ref")) {
                continue; // a language marking restricts nothing
            }
            Set<String> properties = new HashSet<>();
            for (JsonNode selector : g.path("selectors")) {
                String s = selector.asText();
                int dot = s.indexOf('.');
                properties.add(dot < 0 ? s : s.substring(0, dot));
            }
            Markings.Meaning m = markings.meaning(g.path("marking_ref").asText());
            remark(f, g.path("marking_ref").asText(), m);
            granular.add(new ObjectFacts.GranularMarking(g.path("marking_ref").asText(), m.tlp(), m.problem(), properties));
        }
        f.granularMarkings = granular;
    }

    private static void remark(ObjectFacts f, String ref, Markings.Meaning m) {
        if (m.basis() != null && m.tlp() != null) {
            if (f.remarked.isEmpty()) {
                f.remarked = new HashMap<>();
            }
            f.remarked.put(ref, m.tlp().markingId());
        }
    }

    private static void readOrigin(ObjectFacts f, JsonNode ext, InputContext context, Policy policy) {
        if (ext.hasNonNull("origin_jurisdiction")) {
            f.origin = ext.path("origin_jurisdiction").asText();
            f.originBasis = "origin " + f.origin + " from provenance";
        } else if (context.origin() != null) {
            f.origin = context.origin();
            f.originBasis = "origin " + f.origin + " given for objects without one";
        } else if (f.sourcePolicy != null && f.sourcePolicy.origin() != null) {
            f.origin = f.sourcePolicy.origin();
            f.originBasis = "origin " + f.origin + " by default of source " + f.source;
        }
        if (f.origin != null) {
            f.originJurisdiction = policy.jurisdictionOfOrigin(f.origin).orElse(null);
        }
    }

    private static List<ObjectFacts.Reference> references(ObjectFacts f, Map<String, ObjectFacts> byId) {
        List<ObjectFacts.Reference> refs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("object_marking_refs")) {
                continue;
            }
            boolean required = RequiredProperties.isRequired(f.type, key);
            if (key.endsWith("_ref") && e.getValue().isTextual()) {
                refs.add(new ObjectFacts.Reference(key, e.getValue().asText(), index(byId, e.getValue().asText()), required, false));
            } else if (key.endsWith("_refs") && e.getValue().isArray()) {
                for (JsonNode r : e.getValue()) {
                    refs.add(new ObjectFacts.Reference(key, r.asText(), index(byId, r.asText()), required, true));
                }
            }
        }
        return refs;
    }

    private static int index(Map<String, ObjectFacts> byId, String id) {
        ObjectFacts f = byId.get(id);
        return f == null ? -1 : f.index;
    }

    /** Per object (by position): the positions of the objects of the bundle that refer to it. */
    int[][] referrers() {
        if (referrers == null) {
            int n = objects.size();
            int[] counts = new int[n];
            for (ObjectFacts f : objects) {
                for (ObjectFacts.Reference r : f.references) {
                    if (r.targetIndex() >= 0) {
                        counts[r.targetIndex()]++;
                    }
                }
            }
            int[][] by = new int[n][];
            for (int i = 0; i < n; i++) {
                by[i] = new int[counts[i]];
                counts[i] = 0;
            }
            for (ObjectFacts f : objects) {
                for (ObjectFacts.Reference r : f.references) {
                    if (r.targetIndex() >= 0) {
                        by[r.targetIndex()][counts[r.targetIndex()]++] = f.index;
                    }
                }
            }
            referrers = by;
        }
        return referrers;
    }

    /** Identities that created objects whose IEP policy forbids provider attribution (the same for every destination). */
    Set<String> hiddenProviders() {
        if (hiddenProviders == null) {
            Set<String> hidden = new HashSet<>();
            for (ObjectFacts o : objects) {
                if (o.iep != null && o.iep.providerAttributionMustNot() && o.tree.hasNonNull("created_by_ref")) {
                    hidden.add(o.tree.path("created_by_ref").asText());
                }
            }
            hiddenProviders = hidden;
        }
        return hiddenProviders;
    }

    /** Flagged classes the scanner found no value of: the filter cannot remove what it cannot find. */
    private static Set<String> unlocated(ObjectFacts f) {
        if (f.flaggedPersonalData.isEmpty()) {
            return Set.of();
        }
        Set<String> missing = new LinkedHashSet<>(f.flaggedPersonalData);
        for (PersonalDataScanner.Hit h : f.personalHits) {
            for (PersonalValue v : h.values()) {
                missing.remove(v.personalDataClass());
                if (v.personalDataClass().equals("contact-information")) {
                    missing.remove(PersonalValue.PHONE);
                    missing.remove(PersonalValue.EMAIL);
                }
            }
        }
        // an e-mail message's addresses live in the email-addr objects it refers to
        missing.removeIf(c -> c.startsWith("communication-") && !f.type.equals("email-message"));
        return missing.isEmpty() ? Set.of() : missing;
    }
}
