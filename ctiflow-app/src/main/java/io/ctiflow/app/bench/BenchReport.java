package io.ctiflow.app.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bench mode measured: its rows of figures (each figure formatted once) and the text around them. The
 * console lines and the Markdown table that {@code ctiflow bench --record} writes are both rendered from it, so
 * the docs can never show other numbers than the console did. Console text is handed to {@code echo} as soon as
 * it is added: a long run shows its rounds as they finish.
 */
public final class BenchReport {

    /** A column of the Markdown table: the key console templates name it by, and its heading. */
    public record Column(String key, String heading) {
    }

    /** One line (or group of lines) of figures: a label such as "round 1" or "best of 3", and a formatted figure per column. */
    public static final class Row {
        private final String label;
        private final Map<String, String> cells = new LinkedHashMap<>();

        public Row(String label) {
            this.label = label;
        }

        /** Formats a figure once (root locale); the console and the Markdown table show this very string. */
        public Row put(String key, String format, Object... args) {
            cells.put(key, String.format(Locale.ROOT, format, args));
            return this;
        }
    }

    /** Text before the first row goes above the table in Markdown, text after it below. */
    private record Text(String text, boolean beforeTable) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?::(-?\\d+))?}");
    private static final String LABEL = "label";

    private final String mode;
    private final String title;
    private final String labelHeading;
    private final List<Column> columns;
    private final Consumer<String> echo;
    private final StringBuilder console = new StringBuilder();
    private final List<Row> rows = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();

    /**
     * @param mode         the bench mode, as the Markdown markers name it (csv, e2e, policy, ...)
     * @param title        the heading of a newly added Markdown block
     * @param labelHeading the heading of the first column, which holds each row's label
     * @param echo         receives console text as it is added
     */
    public BenchReport(String mode, String title, String labelHeading, List<Column> columns, Consumer<String> echo) {
        this.mode = mode;
        this.title = title;
        this.labelHeading = labelHeading;
        this.columns = List.copyOf(columns);
        this.echo = echo;
    }

    /** An echo that prints to {@code out} and flushes, so that each round shows as it finishes. */
    public static Consumer<String> printingTo(PrintWriter out) {
        return text -> {
            out.print(text);
            out.flush();
        };
    }

    public String mode() {
        return mode;
    }

    public String title() {
        return title;
    }

    /** Console only: progress and local details (paths) that do not belong in the docs. */
    public void progress(String text) {
        print(text);
    }

    /** Console and Markdown: what the sides run, settings, per-stage details. */
    public void text(String text) {
        texts.add(new Text(text, rows.isEmpty()));
        print(text);
    }

    /**
     * Adds a row and prints it through {@code template}: {@code {key}} is a cell, {@code {label}} the row's label,
     * {@code {key:10}} right-aligns in 10 characters and {@code {key:-8}} left-aligns, as printf's widths do.
     */
    public void row(Row row, String template) {
        for (String key : row.cells.keySet()) {
            if (columns.stream().noneMatch(c -> c.key().equals(key))) {
                throw new IllegalArgumentException("no column " + key + " in the " + mode + " report");
            }
        }
        String text = render(row, template);
        rows.add(row);
        print(text);
    }

    private static String render(Row row, String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals(LABEL) ? row.label : row.cells.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the row " + row.label + " has no cell " + m.group(1));
            }
            String width = m.group(2);
            m.appendReplacement(s, Matcher.quoteReplacement(width == null ? value : String.format("%" + width + "s", value)));
        }
        return m.appendTail(s).toString();
    }

    private void print(String text) {
        console.append(text);
        echo.accept(text);
    }

    /** Everything printed, as printed. */
    public String console() {
        return console.toString();
    }

    /** The Markdown form: the text before the rows, the table, the text after them (texts as preformatted blocks). */
    public String markdown() {
        StringBuilder md = new StringBuilder(preformatted(texts(true)));
        md.append("| ").append(labelHeading);
        columns.forEach(c -> md.append(" | ").append(c.heading()));
        md.append(" |\n|---");
        columns.forEach(c -> md.append("|---:"));
        md.append("|\n");
        for (Row row : rows) {
            md.append("| ").append(row.label);
            columns.forEach(c -> md.append(" | ").append(row.cells.getOrDefault(c.key(), "")));
            md.append(" |\n");
        }
        String after = preformatted(texts(false));
        return after.isEmpty() ? md.toString() : md.append('\n').append(after).toString();
    }

    /** The texts on one side of the table, as one: they were printed one after the other. */
    private String texts(boolean beforeTable) {
        StringBuilder s = new StringBuilder();
        texts.stream().filter(t -> t.beforeTable() == beforeTable).forEach(t -> s.append(t.text()));
        return s.toString();
    }

    private static String preformatted(String text) {
        String trimmed = text.replaceAll("^\\n+", "").stripTrailing(); // keep a first line's indentation
        return trimmed.isEmpty() ? "" : "```text\n" + trimmed + "\n```\n\n";
    }
}
