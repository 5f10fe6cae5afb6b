package io.ctiflow.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
/**
 * Finds which of many phrases (names, phone numbers, account names) occur in a text in time
 * proportional to the text, not to the number of phrases: each phrase is indexed under its most
 * selective word (the one fewest other phrases share), and only phrases whose key word occurs in
 * the text are checked with {@code contains}.
 */
final class PhraseIndex {

    private final Map<String, List<String>> byKey = new HashMap<>();
    /** Phrases without any word (punctuation only): checked against every text. */
    private final List<String> unkeyed = new ArrayList<>();

    PhraseIndex(List<String> phrases) {
        Map<String, Integer> frequency = new HashMap<>();
        for (String p : phrases) {
            for (String w : words(p)) {
                frequency.merge(w, 1, Integer::sum);
            }
        }
        for (String p : phrases) {
            String key = null;
            for (String w : words(p)) {
                if (key == null || frequency.get(w) < frequency.get(key) || frequency.get(w).equals(frequency.get(key)) && w.length() > key.length()) {
                    key = w;
                }
            }
            if (key == null) {
                unkeyed.add(p);
            } else {
                byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
            }
        }
    }

    boolean isEmpty() {
        return byKey.isEmpty() && unkeyed.isEmpty();
    }

    /** Calls {@code found} for each indexed phrase that occurs in {@code text} (a phrase may be reported more than once). */
    void find(String text, Consumer<String> found) {
        if (isEmpty()) {
            return;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                List<String> candidates = byKey.get(text.substring(start, i));
                if (candidates != null) {
                    for (String c : candidates) {
                        if (text.contains(c)) {
                            found.accept(c);
                        }
                    }
                }
            }
        }
        for (String p : unkeyed) {
            if (text.contains(p)) {
                found.accept(p);
            }
        }
    }

    private static List<String> words(String s) {
        List<String> words = new ArrayList<>(4);
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }
}
