package io.ctiflow.feed;

import io.ctiflow.mapping.CsvRow;
import io.ctiflow.mapping.FeedMapping;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Streams the rows of a CSV feed with commons-csv: comment lines skipped, the header row (when the
 * mapping says there is one) checked and skipped, each row with its line number for dead letters.
 */
public final class CsvRecordReader implements Iterator<CsvRow>, AutoCloseable {

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final String origin;
    private final FeedMapping.CsvLayout layout;
    private long lastLine;

    public CsvRecordReader(Reader reader, String origin, FeedMapping.CsvLayout layout) throws IOException {
        this.origin = origin;
        this.layout = layout;
        CSVFormat.Builder format = CSVFormat.RFC4180.builder()
                .setDelimiter(layout.delimiter())
                .setQuote(layout.quote())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false);
        if (layout.comment() != null) {
            format.setCommentMarker(layout.comment());
        }
        this.parser = CSVParser.builder().setReader(reader).setFormat(format.get()).get();
        this.rows = parser.iterator();
        if (layout.header() && rows.hasNext()) {
            checkHeader(rows.next());
        }
        this.lastLine = parser.getCurrentLineNumber();
    }

    private void checkHeader(CSVRecord header) {
        for (int i = 0; i < Math.min(header.size(), layout.columns().size()); i++) {
            String found = header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            String expected = layout.columns().get(i).toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!found.equals(expected)) {
                throw new FeedFormatException(origin + ": header column " + (i + 1) + " is '" + header.get(i)
                        + "' but the mapping expects '" + layout.columns().get(i) + "' (the feed layout changed?)");
            }
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return rows.hasNext();
        } catch (UncheckedIOException e) {
            throw new FeedFormatException(origin + ": " + e.getCause().getMessage() + " after line " + lastLine, e);
        }
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = rows.next();
        long end = parser.getCurrentLineNumber();
        // the parser has consumed the row's own line break(s); only when it consumed more than one line
        // since the last row (comments, blank lines, or a quoted cell spanning lines) is the row scanned
        long line = end - lastLine <= 1 ? end : end - lineBreaksIn(record);
        line += endsWithoutNewline() ? 1 : 0;
        lastLine = end;
        return new CsvRow(origin, line, record.values());
    }

    private static long lineBreaksIn(CSVRecord record) {
        long breaks = 0;
        for (String value : record.values()) {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) == '\n') {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    /** the last row of a file without a final newline has not consumed a line break */
    private boolean endsWithoutNewline() {
        return !rows.hasNext() && parser.getCurrentLineNumber() == lastLine;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
