package io.ctiflow.policy;

import io.ctiflow.stix.StixObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a policy change would change: bundles replayed through the policy before and after, per destination, the
 * objects that would newly be shared, newly withheld or differently redacted, by rule, with a few examples each.
 * Bundles are added one at a time and only counts and examples are kept, so any number can be replayed. A
 * destination only one policy has counts as receiving nothing under the other.
 */
public final class PolicyDiff {

    /** How an object's fate for a destination changed. */
    public enum Change {
        NEWLY_SHARED("newly shared"), NEWLY_WITHHELD("newly withheld"), DIFFERENTLY_REDACTED("differently redacted");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One object that changed: before and after (null outcome: the destination did not exist). */
    public record Example(String objectId, String objectType, Outcome before, String beforeRule, String beforeReason,
                          Outcome after, String afterRule, String afterReason) {
    }

    /** The objects of one change, destination and rule. */
    public static final class Group {
        long count;
        final List<Example> examples = new ArrayList<>();

        public long count() {
            return count;
        }

        public List<Example> examples() {
            return examples;
        }
    }

    private final Policy before;
    private final Policy after;
    private final int examplesPerGroup;
    private final JurisdictionFilter beforeFilter;
    private final JurisdictionFilter afterFilter;
    /** destination -> change -> rule -> group, sorted so the report reads the same every time. */
    private final Map<String, Map<Change, Map<String, Group>>> changes = new TreeMap<>();
    private long bundles;
    private long decisions;

    public PolicyDiff(Policy before, Policy after, int examplesPerGroup) {
        this.before = before;
        this.after = after;
        this.examplesPerGroup = examplesPerGroup;
        this.beforeFilter = new JurisdictionFilter(before, DecisionListener.NONE);
        this.afterFilter = new JurisdictionFilter(after, DecisionListener.NONE);
    }

    /** Replays one bundle through both policies. */
    public void add(List<StixObject> objects, InputContext context) {
        bundles++;
        Map<String, FilterResult> old = beforeFilter.fanOut(objects, context, before.destinations());
        Map<String, FilterResult> now = afterFilter.fanOut(objects, context, after.destinations());
        Set<String> destinations = new LinkedHashSet<>(old.keySet());
        destinations.addAll(now.keySet());
        for (String d : destinations) {
            Map<String, Decision> was = byObject(old.get(d));
            Map<String, Decision> is = byObject(now.get(d));
            Set<String> ids = new LinkedHashSet<>(was.keySet());
            ids.addAll(is.keySet());
            for (String id : ids) {
                decisions++;
                compare(d, was.get(id), is.get(id));
            }
        }
    }

    private void compare(String destination, Decision was, Decision is) {
        boolean sharedBefore = was != null && was.outcome() != Outcome.WITHHELD;
        boolean sharedAfter = is != null && is.outcome() != Outcome.WITHHELD;
        Decision any = is != null ? is : was;
        Example e = new Example(any.objectId(), any.objectType(), was == null ? null : was.outcome(), was == null ? null : was.rule(),
                was == null ? "not a destination before" : was.reason(), is == null ? null : is.outcome(), is == null ? null : is.rule(),
                is == null ? "not a destination after" : is.reason());
        if (!sharedBefore && sharedAfter) {
            // by the rule that withheld it before: what the change lifted
            record(destination, Change.NEWLY_SHARED, was == null ? "(new destination)" : was.rule(), e);
        } else if (sharedBefore && !sharedAfter) {
            record(destination, Change.NEWLY_WITHHELD, is == null ? "(destination removed)" : is.rule(), e);
        } else if (sharedBefore && (was.outcome() != is.outcome() || !was.rule().equals(is.rule()) || !was.reason().equals(is.reason()))) {
            record(destination, Change.DIFFERENTLY_REDACTED, changedRules(was, is), e);
        }
    }

    /** The rules that acted on the object before or after but not both; the rules after when the same rules acted differently. */
    private static String changedRules(Decision was, Decision is) {
        Set<String> before = rules(was);
        Set<String> after = rules(is);
        Set<String> changed = new LinkedHashSet<>(before);
        changed.addAll(after);
        Set<String> both = new LinkedHashSet<>(before);
        both.retainAll(after);
        changed.removeAll(both);
        return String.join(",", changed.isEmpty() ? after : changed);
    }

    /** The rules that edited a shared object ({@code all} names none). */
    private static Set<String> rules(Decision d) {
        Set<String> rules = new LinkedHashSet<>();
        if (d.outcome() == Outcome.REDACTED) {
            rules.addAll(List.of(d.rule().split(",")));
        }
        return rules;
    }

    private void record(String destination, Change change, String rule, Example e) {
        Group g = changes.computeIfAbsent(destination, d -> new TreeMap<>()).computeIfAbsent(change, c -> new TreeMap<>())
                .computeIfAbsent(rule, r -> new Group());
        g.count++;
        if (g.examples.size() < examplesPerGroup) {
            g.examples.add(e);
        }
    }

    private static Map<String, Decision> byObject(FilterResult r) {
        Map<String, Decision> map = new HashMap<>();
        if (r != null) {
            for (Decision d : r.decisions()) {
                map.put(d.objectId(), d);
            }
        }
        return map;
    }

    /** destination -> change -> rule -> objects, only where something changed. */
    public Map<String, Map<Change, Map<String, Group>>> changes() {
        return changes;
    }

    /** Whether the change would share anything that was withheld before: what CI on a policy repository must stop. */
    public boolean sharesMore() {
        return changes.values().stream().anyMatch(c -> c.containsKey(Change.NEWLY_SHARED));
    }

    public long count(String destination, Change change) {
        return changes.getOrDefault(destination, Map.of()).getOrDefault(change, Map.of()).values().stream().mapToLong(Group::count).sum();
    }

    public long bundles() {
        return bundles;
    }

    public long decisions() {
        return decisions;
    }
}
