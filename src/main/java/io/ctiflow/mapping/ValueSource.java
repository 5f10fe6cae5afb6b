package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Where a rule's values come from: a field of the record, a constant, or a template over fields. */
interface ValueSource {

    void values(SourceRecord record, List<String> out);

    static ValueSource constant(List<String> values) {
        return (record, out) -> out.addAll(values);
    }

    /** A CSV column by position. */
    static ValueSource column(int index) {
        return (record, out) -> {
            String cell = ((CsvRow) record).cell(index);
            if (cell != null && !cell.isEmpty()) {
                out.add(cell);
            }
        };
    }

    /** A JSON path: dotted names, {@code [n]} for one array element, {@code [*]} for every element. */
    static ValueSource jsonPath(String path) {
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
        String[] compiled = steps.toArray(String[]::new);
        return (record, out) -> collect(((JsonRecord) record).node(), compiled, 0, out);
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
    static ValueSource template(String text, java.util.function.Function<String, ValueSource> fields) {
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
        return (record, out) -> {
            StringBuilder sb = new StringBuilder(text.length() + 32);
            List<String> one = new ArrayList<>(1);
            for (int i = 0; i < slots.size(); i++) {
                sb.append(literals.get(i));
                one.clear();
                slots.get(i).values(record, one);
                if (!one.isEmpty()) {
                    sb.append(String.join(", ", one));
                }
            }
            sb.append(literals.get(slots.size()));
            out.add(sb.toString());
        };
    }
}
