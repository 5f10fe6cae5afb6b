package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
/**
 * Applies a policy to a bundle for one destination, or fans one bundle out to many. Per object and
 * destination: every gate rule may withhold it; objects that pass get the destination's edits
 * (attribution, granular markings, personal data, provenance). Then the bundle is made consistent
 * again: references to withheld objects are pruned, objects that cannot exist without them are
 * withheld too, renamed observables are referred to by their new ids, and the marking and
 * extension definitions that shared objects use travel along. A rule that throws withholds the
 * object (fail closed). Every decision goes to the listener.
 */
public final class JurisdictionFilter {

    private static final List<Rule> GATES = List.of(new InvalidRule(), new EmbargoRule(), new SourceRule(), new TlpRule(), new MispDistributionRule(),
            new LocalisationRule(), new ContentClassRule(), new IepRule(), new AttributionRule(), new PersonalDataRule());
    private static final List<Rule> EDITS = List.of(new TlpRule(), new IepRule(), new GranularMarkingRule(), new AttributionRule(), new PersonalDataRule());
    private static final String INTEGRITY = "references";
    private static final String SUPPORT = "support";

    private final Policy policy;
    private final DecisionListener listener;

    public JurisdictionFilter(Policy policy, DecisionListener listener) {
        this.policy = policy;
        this.listener = listener;
    }

    public Policy policy() {
        return policy;
    }

    public PreparedBundle prepare(List<StixObject> objects, InputContext context) {
        return PreparedBundle.prepare(objects, context, policy);
    }

    public FilterResult filter(List<StixObject> objects, InputContext context, String destinationId) {
        return filter(prepare(objects, context), policy.requireDestination(destinationId));
    }

    /** Every destination's own view of one bundle, parsed once. */
    public Map<String, FilterResult> fanOut(List<StixObject> objects, InputContext context, Collection<Destination> destinations) {
        return fanOut(prepare(objects, context), destinations);
    }

    /** Every destination's own view of a bundle prepared before. */
    public Map<String, FilterResult> fanOut(PreparedBundle bundle, Collection<Destination> destinations) {
        Map<String, FilterResult> results = new LinkedHashMap<>();
        for (Destination d : destinations) {
            results.put(d.id(), filter(bundle, d));
        }
        return results;
    }

    public FilterResult filter(PreparedBundle bundle, Destination d) {
        RuleContext context = new RuleContext(policy, bundle, bundle.hiddenProviders());
        // per-destination state indexed by the object's position in the bundle: no id hashing per object
        int n = bundle.objects.size();
        ObjectEdit[] kept = new ObjectEdit[n];
        Decision[] withheld = new Decision[n];
        for (ObjectFacts o : bundle.objects) {
            if (o.support) {
                continue;
            }
            ObjectEdit edit = evaluate(o, d, context);
            if (edit.withheld()) {
                withheld[o.index] = decision(d, o, Outcome.WITHHELD, edit.withheldBy(), edit.withheldReason());
            } else {
                kept[o.index] = edit;
            }
        }
        keepReferencesConsistent(d, bundle, kept, withheld);
        return assemble(bundle, d, kept, withheld);
    }

    private ObjectEdit evaluate(ObjectFacts o, Destination d, RuleContext context) {
        ObjectEdit edit = new ObjectEdit(o);
        Rule current = null;
        try {
            for (Rule rule : GATES) {
                current = rule;
                String reason = rule.withholdReason(o, d, context);
                if (reason != null) {
                    edit.withhold(rule.name(), reason);
                    return edit;
                }
            }
            for (Rule rule : EDITS) {
                current = rule;
                rule.edit(o, d, context, edit);
                if (edit.withheld()) {
                    return edit;
                }
            }
        } catch (RuntimeException e) {
            // fail closed: a rule that cannot decide means the object does not leave
            ObjectEdit failed = new ObjectEdit(o);
            failed.withhold(current.name(), "rule failed, withheld to be safe: " + e);
            return failed;
        }
        return edit;
    }

    /** Prunes references to withheld objects until nothing refers to one; renamed observables are referred to by their new ids. */
    private void keepReferencesConsistent(Destination d, PreparedBundle bundle, ObjectEdit[] kept, Decision[] withheld) {
        Map<String, String> renamed = new HashMap<>();
        for (ObjectEdit e : kept) {
            if (e != null && e.newId() != null) {
                renamed.put(e.facts().id, e.newId());
            }
        }
        Predicate<String> isWithheld = id -> {
            ObjectFacts f = bundle.byId.get(id);
            return f != null && withheld[f.index] != null;
        };
        // a worklist, not passes over the whole bundle until nothing changes: only the objects referring to one that
        // was just withheld are looked at again (a bundle whose withholding cascades through n levels cost n passes)
        int[] work = new int[Math.max(16, kept.length)];
        int size = 0;
        for (int i = kept.length - 1; i >= 0; i--) {
            if (kept[i] != null) {
                work[size++] = i;
            }
        }
        while (size > 0) {
            int i = work[--size];
            ObjectEdit e = kept[i];
            if (e == null) {
                continue;
            }
            String reason = repairReferences(e, withheld, isWithheld, renamed);
            if (reason != null) {
                kept[i] = null;
                withheld[i] = decision(d, e.facts(), Outcome.WITHHELD, INTEGRITY, reason);
                for (int referrer : bundle.referrers()[i]) { // built once per bundle, and only when something cascades
                    if (kept[referrer] != null) {
                        if (size == work.length) {
                            work = Arrays.copyOf(work, size * 2);
                        }
                        work[size++] = referrer;
                    }
                }
            }
        }
    }

    /** Null when the object stays (possibly with pruned references), else why it cannot. */
    private static String repairReferences(ObjectEdit e, Decision[] withheldAt, Predicate<String> isWithheld,
                                           Map<String, String> renamed) {
        ObjectFacts o = e.facts();
        boolean touched = false;
        for (ObjectFacts.Reference r : o.references) {
            boolean gone = r.targetIndex() >= 0 && withheldAt[r.targetIndex()] != null;
            if (gone || !renamed.isEmpty() && renamed.containsKey(r.target())) {
                touched = true;
                if (gone && r.required() && !r.list()) {
                    return r.property() + " refers to " + r.target() + ", which " + "is withheld";
                }
            }
        }
        if (!touched) {
            return null;
        }
        ObjectNode t = e.tree();
        Set<String> pruned = new LinkedHashSet<>();
        Set<String> rewrittenIn = new LinkedHashSet<>();
        for (ObjectFacts.Reference r : o.references) {
            JsonNode value = t.get(r.property());
            if (value == null) {
                continue;
            }
            if (!r.list()) {
                if (isWithheld.test(value.asText())) {
                    t.remove(r.property());
                    pruned.add(r.property());
                } else if (renamed.containsKey(value.asText())) {
                    t.put(r.property(), renamed.get(value.asText()));
                    rewrittenIn.add(r.property());
                }
                continue;
            }
            ArrayNode rewritten = t.arrayNode();
            for (JsonNode ref : value) {
                String target = ref.asText();
                if (isWithheld.test(target)) {
                    pruned.add(r.property());
                } else {
                    if (renamed.containsKey(target)) {
                        rewrittenIn.add(r.property());
                    }
                    rewritten.add(renamed.getOrDefault(target, target));
                }
            }
            if (rewritten.isEmpty()) {
                if (r.required()) {
                    return "every object in " + r.property() + " is withheld";
                }
                t.remove(r.property());
            } else {
                t.set(r.property(), rewritten);
            }
        }
        if (!pruned.isEmpty()) {
            e.changed(INTEGRITY, "references to withheld objects removed from " + String.join(", ", pruned));
        }
        if (!rewrittenIn.isEmpty()) {
            e.changed(INTEGRITY, "references to redacted observables renamed in " + String.join(", ", rewrittenIn));
        }
        return null;
    }

    private FilterResult assemble(PreparedBundle bundle, Destination d, ObjectEdit[] kept, Decision[] withheld) {
        List<StixObject> out = new ArrayList<>(bundle.objects.size() + 8);
        List<Decision> decisions = new ArrayList<>(bundle.objects.size());
        List<StixObject> shared = new ArrayList<>(bundle.objects.size());
        Set<String> sharedIds = new HashSet<>();
        Set<String> used = new LinkedHashSet<>();
        for (ObjectFacts o : bundle.objects) {
            if (o.support) {
                continue;
            }
            ObjectEdit e = kept[o.index];
            if (e == null) {
                decisions.add(withheld[o.index]);
                continue;
            }
            StixObject rendered = render(e, d.provenance());
            shared.add(rendered);
            // the definitions the object uses, read from the tree it was rendered from (never re-parsed); an unchanged
            // object's are the same for every destination with the same provenance mode
            boolean stripped = d.provenance() == ProvenanceMode.STRIP;
            used.addAll(e.copied() ? definitionsUsed(e.tree(), stripped) : o.definitionsUsed(stripped));
            decisions.add(e.redacted() ? decision(d, o, Outcome.REDACTED, e.rules(), e.changes())
                    : decision(d, o, Outcome.SHARED, "all", o.sharedReason()));
        }
        // creators of definitions are looked up by id: only the (few) identities need to be known
        for (StixObject s : shared) {
            if (s.type().equals("identity")) {
                sharedIds.add(s.id());
            }
        }
        for (ObjectFacts o : bundle.objects) {
            if (!o.support) {
                continue;
            }
            if (o.invalid != null || o.impostor != null) {
                // never forwarded as it came; a standard definition's id stays in used, so the standard body goes instead
                decisions.add(o.invalid != null ? decision(d, o, Outcome.WITHHELD, InvalidRule.NAME, o.invalid)
                        : decision(d, o, Outcome.WITHHELD, SUPPORT, o.impostor));
                continue;
            }
            String problem = used.remove(o.id) ? addSupportObject(o, sharedIds, shared, out) : "no shared object uses it";
            decisions.add(problem == null ? decision(d, o, Outcome.SHARED, SUPPORT, "used by shared objects")
                    : decision(d, o, Outcome.WITHHELD, SUPPORT, problem));
        }
        for (String missing : used) {
            StandardDefinitions.of(missing).ifPresent(definition -> addSupportObject(definition, sharedIds, shared, out));
        }
        out.addAll(shared);
        for (Decision decision : decisions) {
            listener.decided(decision);
        }
        return new FilterResult(d, out, decisions);
    }

    private static StixObject render(ObjectEdit e, ProvenanceMode mode) {
        ObjectFacts o = e.facts();
        if (e.copied()) {
            return ProvenanceRule.render(e.tree(), mode, e.tree().path("id").asText(), o.type, e.tree().path("modified").asText(null));
        }
        if (!ProvenanceRule.changes(o, mode)) {
            return o.original;
        }
        StixObject variant = o.provenanceVariant(mode);
        if (variant == null) {
            variant = ProvenanceRule.render(o.tree, mode, o.id, o.type, o.original.modified());
            o.provenanceVariant(mode, variant);
        }
        return variant;
    }

    /**
     * The marking and extension definitions one shared object uses.
     *
     * @param provenanceRemoved the object leaves without its ctiflow extension, which {@code t} still holds
     */
    static List<String> definitionsUsed(JsonNode t, boolean provenanceRemoved) {
        List<String> used = new ArrayList<>(4);
        t.path("object_marking_refs").forEach(r -> used.add(r.asText()));
        t.path("granular_markings").forEach(g -> {
            if (g.has("marking_ref")) {
                used.add(g.path("marking_ref").asText());
            }
        });
        if (t.has("created_by_ref") && t.path("created_by_ref").asText().equals(CtiflowExtension.IDENTITY_ID)) {
            used.add(CtiflowExtension.IDENTITY_ID);
        }
        t.path("extensions").fieldNames().forEachRemaining(k -> {
            if (k.startsWith("extension-definition--") && !(provenanceRemoved && k.equals(CtiflowExtension.ID))) {
                used.add(k);
            }
        });
        return used;
    }

    /**
     * Adds a definition without a creator reference that would dangle: a marking loses the optional
     * reference; an extension definition (which requires one) brings ctiflow's own public system
     * identity, or is withheld when its creator is. Null when added, else why not.
     */
    private static String addSupportObject(ObjectFacts o, Set<String> sharedIds, List<StixObject> shared, List<StixObject> out) {
        return addSupportObject(o.original, o.tree, sharedIds, shared, out);
    }

    private static String addSupportObject(StixObject original, Set<String> sharedIds, List<StixObject> shared, List<StixObject> out) {
        return addSupportObject(original, original.tree(), sharedIds, shared, out);
    }

    private static String addSupportObject(StixObject original, JsonNode tree, Set<String> sharedIds, List<StixObject> shared, List<StixObject> out) {
        String creator = tree.path("created_by_ref").asText(null);
        // out holds only definitions at this point: a creator among them is shared too
        if (creator == null || sharedIds.contains(creator) || out.stream().anyMatch(x -> x.id().equals(creator))) {
            out.add(original);
            return null;
        }
        if (!original.type().equals("extension-definition")) {
            ObjectNode copy = tree.deepCopy();
            copy.remove("created_by_ref");
            out.add(StixObject.of(copy));
            return null;
        }
        if (creator.equals(CtiflowExtension.IDENTITY_ID)) {
            StixObject identity = StixObject.of(CtiflowExtension.identity());
            shared.add(identity);
            sharedIds.add(identity.id());
            out.add(original);
            return null;
        }
        return "its creator " + creator + " is withheld";
    }

    private Decision decision(Destination d, ObjectFacts o, Outcome outcome, String rule, String reason) {
        // only objects holding personal data pay for the record of what happened to it
        PersonalDataTransfer personal = o.holdsPersonalData() && (outcome != Outcome.WITHHELD || rule.equals(PersonalDataRule.NAME))
                ? PersonalDataRule.transfer(o, d, policy, outcome == Outcome.WITHHELD) : null;
        return new Decision(d.id(), o.id, o.type, outcome, rule, reason, o.tree.path("modified").asText(null), o.source, o.sourceRecord,
                o.context, personal);
    }

    /** Definitions every STIX consumer knows, added when shared objects use them but the input did not carry them. */
    static final class StandardDefinitions {

        private StandardDefinitions() {
        }

        static Optional<StixObject> of(String id) {
            Optional<ObjectNode> tlp = Tlp.standardDefinition(id);
            if (tlp.isPresent()) {
                return Optional.of(StixObject.of(tlp.get()));
            }
            if (id.equals(CtiflowExtension.IDENTITY_ID)) {
                return Optional.of(StixObject.of(CtiflowExtension.identity()));
            }
            if (id.equals(CtiflowExtension.ID)) {
                return Optional.of(StixObject.of(CtiflowExtension.definition()));
            }
            return Optional.empty();
        }
    }
}
