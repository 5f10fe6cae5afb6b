package io.ctiflow.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between a CSV feed and commons-csv, which would otherwise collect a cell of any size (one
 * 200 MB quoted cell is an OutOfMemoryError). Follows the RFC 4180 record structure (quoted cells
 * may hold line breaks, comment lines) and counts the characters of the current record; past the
 * limit the next read fails with {@link TooLarge}, and {@link #skipRecord} drops the rest of that
 * record so a new parser can go on with the next one.
 */
final class CsvRecordBounds extends Reader {

    /** The current record passed the limit; {@code line} is where it started. */
    static final class TooLarge extends IOException {
        final long line;

        TooLarge(long line) {
            super("record from line " + line + " too large", null);
            this.line = line;
        }
    }

    private enum State { RECORD_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, COMMENT }

    private final Reader in;
    private final char delimiter;
    private final Character quote;
    private final Character comment;
    private final long limit;
    private final char[] buffer = new char[8192];
    private int pos;
    private int end;
    private State state = State.RECORD_START;
    private long recordChars;
    private long line = 1;
    private long recordLine = 1;
    private TooLarge pending;

    CsvRecordBounds(Reader in, char delimiter, Character quote, Character comment, long limit) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.comment = comment;
        this.limit = limit;
    }

    /** Lines completely read so far (the line the next record starts on, minus one). */
    long linesRead() {
        return line - 1;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (len == 0) {
            return 0;
        }
        if (pos == end && !fill()) {
            return -1;
        }
        int n = 0;
        while (n < len && pos < end) {
            char c = buffer[pos++];
            out[off + n++] = c;
            if (step(c)) {
                // hand over what the parser has so far; its next read fails
                pending = new TooLarge(recordLine);
                return n;
            }
        }
        return n;
    }

    /** Drops the rest of the record that passed the limit; reading goes on with the next record. */
    void skipRecord() throws IOException {
        pending = null;
        while (state != State.RECORD_START) {
            if (pos == end && !fill()) {
                return;
            }
            step(buffer[pos++]);
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** Advances the record structure by one character; true when this character takes the record past the limit. */
    private boolean step(char c) {
        boolean lineEnd = c == '\n' || c == '\r';
        if (c == '\n') {
            line++;
        }
        switch (state) {
            case RECORD_START -> {
                if (lineEnd) {
                    return false; // blank line (or the \n of \r\n)
                }
                recordLine = line;
                recordChars = 0;
                state = comment != null && c == comment ? State.COMMENT : fieldStart(c);
            }
            case FIELD_START -> state = lineEnd ? State.RECORD_START : fieldStart(c);
            case UNQUOTED -> state = lineEnd ? State.RECORD_START : c == delimiter ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> state = quote != null && c == quote ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED -> state = quote != null && c == quote ? State.QUOTED
                    : lineEnd ? State.RECORD_START : c == delimiter ? State.FIELD_START : State.UNQUOTED;
            case COMMENT -> state = lineEnd ? State.RECORD_START : State.COMMENT;
            default -> throw new IllegalStateException(state.name());
        }
        return state != State.RECORD_START && ++recordChars == limit + 1;
    }

    private State fieldStart(char c) {
        if (quote != null && c == quote) {
            return State.QUOTED;
        }
        return c == delimiter ? State.FIELD_START : State.UNQUOTED;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
