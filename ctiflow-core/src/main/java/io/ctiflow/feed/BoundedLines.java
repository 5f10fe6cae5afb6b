package io.ctiflow.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a limit of characters (BufferedReader.readLine would hold a line of any
 * size): a longer line is skipped to its end and reported as {@link #TOO_LONG}.
 */
final class BoundedLines implements AutoCloseable {

    /** What {@link #next} returns for a line past the limit (compared by identity). */
    static final String TOO_LONG = new String("(line too long)");

    private final Reader in;
    private final int limit;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;

    BoundedLines(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its line break, {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    return !any ? null : tooLong ? TOO_LONG : line.toString();
                }
                pos = 0;
                end = n;
            }
            any = true;
            char c = buffer[pos++];
            if (c == '\n') {
                return tooLong ? TOO_LONG : stripCr();
            }
            if (!tooLong && line.length() == limit) {
                tooLong = true;
                line.setLength(0);
                line.trimToSize();
            }
            if (!tooLong) {
                line.append(c);
            }
        }
    }

    private String stripCr() {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
