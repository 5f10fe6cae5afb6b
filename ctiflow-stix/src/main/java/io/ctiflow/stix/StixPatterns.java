package io.ctiflow.stix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds STIX patterns from templates with named slots, e.g.
 * {@code [ipv4-addr:value = {value}]}. A slot is replaced by a correctly escaped string literal, or
 * by a bare integer when written {@code {port:int}}, so no caller ever concatenates pattern text.
 */
public final class StixPatterns {

    private StixPatterns() {
    }

    /** A STIX string literal: single-quoted, with backslash and quote escaped (the only escapes the grammar allows). */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '\'') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('\'').toString();
    }

    /** Compiles a template once; {@link Template#fill} is then a cheap append loop. */
    public static Template compile(String template) {
        List<String> texts = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        List<Boolean> integers = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = template.indexOf('{', pos);
            if (open < 0) {
                texts.add(template.substring(pos));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed slot '{' in pattern template: " + template);
            }
            texts.add(template.substring(pos, open));
            String slot = template.substring(open + 1, close);
            boolean integer = slot.endsWith(":int");
            slots.add(integer ? slot.substring(0, slot.length() - 4) : slot);
            integers.add(integer);
            pos = close + 1;
        }
        return new Template(template, texts.toArray(String[]::new), slots.toArray(String[]::new), integers);
    }

    public static final class Template {
        private final String source;
        private final String[] texts;
        private final String[] slots;
        private final boolean[] integer;

        private Template(String source, String[] texts, String[] slots, List<Boolean> integers) {
            this.source = source;
            this.texts = texts;
            this.slots = slots;
            this.integer = new boolean[integers.size()];
            for (int i = 0; i < integer.length; i++) {
                integer[i] = integers.get(i);
            }
        }

        public List<String> slots() {
            return List.of(slots);
        }

        public String fill(Map<String, String> values) {
            return fill(values::get);
        }

        public String fill(Function<String, String> values) {
            StringBuilder out = new StringBuilder(source.length() + 32);
            for (int i = 0; i < slots.length; i++) {
                out.append(texts[i]);
                String value = values.apply(slots[i]);
                if (value == null) {
                    throw new IllegalArgumentException("no value for slot {" + slots[i] + "} of pattern " + source);
                }
                if (integer[i]) {
                    out.append(Long.parseLong(value));
                } else {
                    out.append(literal(value));
                }
            }
            return out.append(texts[slots.length]).toString();
        }

        @Override
        public String toString() {
            return source;
        }
    }
}
