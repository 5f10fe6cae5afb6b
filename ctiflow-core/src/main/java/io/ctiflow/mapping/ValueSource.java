package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
/** Where a rule's values come from: a field of the record, a constant, or a template over fields. */
interface ValueSource {

    void values(SourceRecord record, List<String> out);

    /** True when the source yields at most one value, so rules can skip the list machinery. */
    default boolean single() {
        return false;
    }

    /** The one value of a {@link #single()} source, or null. */
    default String value(SourceRecord record) {
        List<String> out = new ArrayList<>(1);
        values(record, out);
        return out.isEmpty() ? null : out.get(0);
    }

    static ValueSource constant(List<String> values) {
        return new ValueSource() {
            @Override
            public void values(SourceRecord record, List<String> out) {
                out.addAll(values);
            }

            @Override
            public boolean single() {
                return values.size() == 1;
            }

            @Override
            public String value(SourceRecord record) {
                return values.get(0);
            }
        };
    }

    /** A CSV column by position. */
    static ValueSource column(int index) {
        return new ValueSource() {
            @Override
            public void values(SourceRecord record, List<String> out) {
                String cell = value(record);
                if (cell != null) {
                    out.add(cell);
                }
            }

            @Override
            public boolean single() {
                return true;
            }

            @Override
            public String value(SourceRecord record) {
                String cell = ((CsvRow) record).cell(index);
                return cell == null || cell.isEmpty() ? null : cell;
            }
        };
    }

    /** Prefix of a path into the outer record of a nested JSON layout ({@code json.each}). */
    String PARENT = "$parent.";

    /** A JSON path: dotted names, {@code [n]} for one array element, {@code [*]} for every element. */
    static ValueSource jsonPath(String path) {
        String[] compiled = steps(path);
        return (record, out) -> collect(((JsonRecord) record).node(), compiled, 0, out);
    }

    /** A JSON path into the record's parent (the outer record of a nested layout); nothing when there is none. */
    static ValueSource parentJsonPath(String path) {
        String[] compiled = steps(path);
        return (record, out) -> collect(((JsonRecord) record).parent(), compiled, 0, out);
    }

    private static String[] steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
            } else {
                if (bracket > 0) {
                    steps.add(part.substring(0, bracket));
                }
                steps.add(part.substring(bracket));
            }
        }
        return steps.toArray(String[]::new);
    }

    private static void collect(JsonNode node, String[] steps, int at, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (at == steps.length) {
            if (node.isArray()) {
                node.forEach(element -> collect(element, steps, at, out));
            } else if (node.isValueNode()) {
                String text = node.asText();
                if (!text.isEmpty()) {
                    out.add(text);
                }
            } else {
                out.add(node.toString());
            }
            return;
        }
        String step = steps[at];
        if ("[*]".equals(step)) {
            node.forEach(element -> collect(element, steps, at + 1, out));
        } else if (step.startsWith("[")) {
            collect(node.get(Integer.parseInt(step.substring(1, step.length() - 1))), steps, at + 1, out);
        } else {
            collect(node.get(step), steps, at + 1, out);
        }
    }

    /** A text with {field} slots filled from the record; missing fields leave the slot empty. */
    static ValueSource template(String text, Function<String, ValueSource> fields) {
        List<String> literals = new ArrayList<>();
        List<ValueSource> slots = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = text.indexOf('{', pos);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (close < 0) {
                literals.add(text.substring(pos));
                break;
            }
            literals.add(text.substring(pos, open));
            slots.add(fields.apply(text.substring(open + 1, close)));
            pos = close + 1;
        }
        return new ValueSource() {
            @Override
            public void values(SourceRecord record, List<String> out) {
                out.add(value(record));
            }

            @Override
            public boolean single() {
                return true;
            }

            @Override
            public String value(SourceRecord record) {
                StringBuilder sb = new StringBuilder(text.length() + 32);
                for (int i = 0; i < slots.size(); i++) {
                    sb.append(literals.get(i));
                    ValueSource slot = slots.get(i);
                    if (slot.single()) {
                        String v = slot.value(record);
                        if (v != null) {
                            sb.append(v);
                        }
                    } else {
                        List<String> many = new ArrayList<>(2);
                        slot.values(record, many);
                        sb.append(String.join(", ", many));
                    }
                }
                return sb.append(literals.get(slots.size())).toString();
            }
        };
    }
}
