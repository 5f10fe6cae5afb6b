package io.ctiflow.feed;

import io.ctiflow.mapping.CsvRow;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.SourceRecord;
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
 * A record larger than {@link FeedLimits} is an {@link OversizedRecord} (a reject) and reading goes
 * on with a new parser after it; the parser's line numbers are counted from {@code base}.
 */
public final class CsvRecordReader implements Iterator<SourceRecord>, AutoCloseable {

    private final CsvRecordBounds bounds;
    private final CSVFormat format;
    private final FeedLimits limits;
    private CSVParser parser;
    private Iterator<CSVRecord> rows;
    private final String origin;
    private final FeedMapping.CsvLayout layout;
    private long base;
    private long lastLine;
    private CsvRecordBounds.TooLarge tooLarge;

    public CsvRecordReader(Reader reader, String origin, FeedMapping.CsvLayout layout) throws IOException {
        this(reader, origin, layout, FeedLimits.DEFAULT);
    }

    public CsvRecordReader(Reader reader, String origin, FeedMapping.CsvLayout layout, FeedLimits limits) throws IOException {
        this.origin = origin;
        this.layout = layout;
        this.limits = limits;
        this.bounds = new CsvRecordBounds(reader, layout.delimiter(), layout.quote(), layout.comment(), limits.maxRecordChars());
        CSVFormat.Builder format = CSVFormat.RFC4180.builder()
                .setDelimiter(layout.delimiter())
                .setQuote(layout.quote())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false);
        if (layout.comment() != null) {
            format.setCommentMarker(layout.comment());
        }
        this.format = format.get();
        newParser();
        if (layout.header() && hasNext()) {
            if (tooLarge != null) {
                throw new FeedFormatException(origin + ": header " + limits.tooLarge());
            }
            checkHeader(rows.next());
        }
        this.lastLine = line();
    }

    /** A parser from where the bounds are now: at the start, or after a record that was too large. */
    private void newParser() throws IOException {
        // never closed: closing a parser closes the feed's reader the next one goes on with
        this.parser = CSVParser.builder().setReader(bounds).setFormat(format).get();
        this.rows = parser.iterator();
        this.base = bounds.linesRead();
        this.lastLine = base;
    }

    private long line() {
        return base + parser.getCurrentLineNumber();
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
        if (tooLarge != null) {
            return true;
        }
        try {
            return rows.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CsvRecordBounds.TooLarge t) {
                tooLarge = t;
                return true;
            }
            throw new FeedFormatException(origin + ": " + e.getCause().getMessage() + " after line " + lastLine, e);
        }
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (tooLarge != null) {
            OversizedRecord skipped = new OversizedRecord(origin, tooLarge.line, limits.tooLarge());
            tooLarge = null;
            try {
                bounds.skipRecord();
                newParser();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return skipped;
        }
        CSVRecord record = rows.next();
        long end = line();
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
        return !hasNext() && line() == lastLine;
    }

    @Override
    public void close() throws IOException {
        bounds.close();
    }
}
