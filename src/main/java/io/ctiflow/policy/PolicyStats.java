package io.ctiflow.policy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-destination counts of decisions (shared, redacted, withheld) and of the rules that withheld. */
public final class PolicyStats implements DecisionListener {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void decided(Decision d) {
        increment(d.destination() + "|" + d.outcome().word());
        if (d.outcome() == Outcome.WITHHELD) {
            increment(d.destination() + "|withheld-by|" + d.rule());
        }
    }

    private void increment(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
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
