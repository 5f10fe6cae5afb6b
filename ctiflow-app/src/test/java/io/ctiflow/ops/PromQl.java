package io.ctiflow.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * Just enough PromQL for tests: the metric selectors of an expression (metric name and label
 * matchers), and a Prometheus text scrape as metric name to label name to values. Not a parser:
 * functions, aggregations, keywords, grouping clauses, ranges, durations, numbers and Grafana
 * variables are recognised and skipped; what is left are metric names.
 */
final class PromQl {

    /** A metric selector: the metric name and its label matchers (label to the value of an exact {@code =}; null for a regex or a variable). */
    record Selector(String metric, Map<String, String> matchers) {
    }

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
            "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)\\}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String VARIABLE = "\u0000var";
    // a name not preceded by a word character, a dot or # (not the exponent of 1e9, the unit of 5m, a matcher block), its block, a call
    private static final Pattern NAME = Pattern.compile("(?<![\\w.#\\u0000])([a-zA-Z_:][\\w:]*)(?:\\s*#(\\d+))?(\\s*\\()?");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{([^}]*)\\})? \\S+", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PromQl() {
    }

    /** Every metric selector of an expression. */
    static List<Selector> selectors(String expr) {
        String e = expr.replaceAll("\\[[^]]*]", " ")   // ranges and subqueries: [5m], [$__rate_interval], [1h:5m]
                .replaceAll("\\$\\{[^}]*}", VARIABLE)   // ${destination}, ${datasource}
                .replaceAll("\\$\\w+", VARIABLE);      // $source, $__interval
        e = GROUPING.matcher(e).replaceAll(" ");
        // label matchers out of the way (as #n), then the strings left (arguments of label_replace and the like)
        List<String> blocks = new ArrayList<>();
        Matcher b = MATCHERS.matcher(e);
        StringBuilder out = new StringBuilder();
        while (b.find()) {
            blocks.add(b.group(1));
            b.appendReplacement(out, " #" + (blocks.size() - 1) + " ");
        }
        b.appendTail(out);
        e = out.toString().replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ");
        List<Selector> selectors = new ArrayList<>();
        Matcher m = NAME.matcher(e);
        while (m.find()) {
            String name = m.group(1);
            if (m.group(3) != null || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                continue; // a function or an aggregation, or a keyword
            }
            Map<String, String> matchers = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher mm = MATCHER.matcher(blocks.get(Integer.parseInt(m.group(2))));
                while (mm.find()) {
                    boolean exact = mm.group(2).equals("=") && !mm.group(3).contains(VARIABLE);
                    matchers.put(mm.group(1), exact ? mm.group(3) : null);
                }
            }
            selectors.add(new Selector(name, matchers));
        }
        return selectors;
    }

    /** The metric of a Grafana {@code label_values(metric{...}, label)} query, as a selector expression. */
    static String labelValuesMetric(String query) {
        Matcher m = Pattern.compile("^label_values\\((.*),\\s*\\w+\\s*\\)$").matcher(query.trim());
        if (!m.matches()) {
            throw new AssertionError("not a label_values(metric, label) query: " + query);
        }
        return m.group(1);
    }

    /** A Prometheus text scrape as metric name -> label name -> values seen. */
    static Map<String, Map<String, Set<String>>> series(String scrape) {
        Map<String, Map<String, Set<String>>> all = new TreeMap<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            Map<String, Set<String>> labels = all.computeIfAbsent(m.group(1), k -> new TreeMap<>());
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.computeIfAbsent(l.group(1), k -> new HashSet<>()).add(l.group(2));
                }
            }
        }
        return all;
    }

    /** Whether the brackets of an expression pair up (outside strings). */
    static boolean balanced(String expr) {
        StringBuilder open = new StringBuilder();
        boolean string = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                string = !string;
            } else if (!string && "([{".indexOf(c) >= 0) {
                open.append(c);
            } else if (!string && ")]}".indexOf(c) >= 0) {
                if (open.isEmpty() || "([{".indexOf(open.charAt(open.length() - 1)) != ")]}".indexOf(c)) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty() && !string;
    }
}
