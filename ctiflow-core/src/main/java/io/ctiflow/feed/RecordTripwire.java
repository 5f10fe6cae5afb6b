package io.ctiflow.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Under Jackson's streaming parser for a JSON records array: fails the read once the parser needs
 * more input for one array element than the limit (Jackson asks for input only when it has used up
 * what it has, so characters delivered minus the element's start offset is what the element took so
 * far). The element is then not yet in memory; the file fails, as an array cannot be resynchronised.
 */
final class RecordTripwire extends Reader {

    /** The element being read passed the limit. */
    static final class Tripped extends IOException {
        Tripped() {
            super("record too large", null);
        }
    }

    private final Reader in;
    private final long limit;
    private long delivered;
    private long recordStart;

    RecordTripwire(Reader in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Where the element now being read starts (the parser's character offset; Long.MAX_VALUE: not counting). */
    void recordStartsAt(long offset) {
        recordStart = offset;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        if (delivered - recordStart > limit) {
            throw new Tripped();
        }
        int n = in.read(buffer, off, len);
        if (n > 0) {
            delivered += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
