package io.ctiflow.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
/** Per-destination counts of decisions (shared, redacted, withheld) and of the rules that withheld. */
public final class PolicyStats implements DecisionListener {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, String>> newRuleListeners =
            new CopyOnWriteArrayList<>();

    /** Called once for each (destination, rule) that withholds for the first time (the metrics bind their counter there). */
    public void onNewWithheldRule(BiConsumer<String, String> listener) {
        newRuleListeners.add(listener);
    }

    @Override
    public void decided(Decision d) {
        increment(d.destination() + "|" + d.outcome().word());
        if (d.outcome() == Outcome.WITHHELD) {
            String key = d.destination() + "|withheld-by|" + d.rule();
            if (increment(key)) {
                newRuleListeners.forEach(l -> l.accept(d.destination(), d.rule()));
            }
        }
    }

    /** @return whether the key was counted for the first time */
    private boolean increment(String key) {
        LongAdder a = counts.get(key);
        boolean added = false;
        if (a == null) {
            LongAdder fresh = new LongAdder();
            a = counts.putIfAbsent(key, fresh);
            if (a == null) {
                a = fresh;
                added = true;
            }
        }
        a.increment();
        return added;
    }

    /** The withheld count of one destination and rule. */
    public long withheld(String destination, String rule) {
        LongAdder a = counts.get(destination + "|withheld-by|" + rule);
        return a == null ? 0 : a.sum();
    }

    /** Every (destination, rule) that withheld so far, as destination to rules. */
    public Map<String, Set<String>> withheldRules() {
        Map<String, Set<String>> all = new TreeMap<>();
        counts.keySet().forEach(k -> {
            int at = k.indexOf("|withheld-by|");
            if (at > 0) {
                all.computeIfAbsent(k.substring(0, at), x -> new TreeSet<>()).add(k.substring(at + "|withheld-by|".length()));
            }
        });
        return all;
    }

    public long count(String destination, Outcome outcome) {
        LongAdder a = counts.get(destination + "|" + outcome.word());
        return a == null ? 0 : a.sum();
    }

    /** Withheld counts of one destination by rule, sorted by rule name. */
    public Map<String, Long> withheldByRule(String destination) {
        Map<String, Long> byRule = new TreeMap<>();
        String prefix = destination + "|withheld-by|";
        counts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                byRule.put(k.substring(prefix.length()), v.sum());
            }
        });
        return byRule;
    }
}
