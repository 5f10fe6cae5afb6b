package io.ctiflow.mapping;

/** A CSV row: its cells by column position. */
public final class CsvRow implements SourceRecord {

    private final String origin;
    private final long line;
    private final String[] cells;

    public CsvRow(String origin, long line, String[] cells) {
        this.origin = origin;
        this.line = line;
        this.cells = cells;
    }

    public String cell(int index) {
        return index < cells.length ? cells[index] : null;
    }

    public int size() {
        return cells.length;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public String raw() {
        return String.join(",", cells);
    }
}
