package io.ctiflow.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one audit file line by line as bytes, in bounded memory: a line longer than
 * {@link AuditFiles#MAX_RECORD_BYTES} is returned cut, marked {@link #tooLong()}, so the caller reports it.
 */
public final class AuditLines implements Closeable {

    private final InputStream in;
    private byte[] buf = new byte[1024];
    private int length;
    private long lineNumber;
    private long endOffset;
    private boolean tooLong;
    private boolean newline;

    public AuditLines(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** Reads the next line; false at the end of the file. */
    public boolean next() throws IOException {
        length = 0;
        tooLong = false;
        newline = false;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            endOffset++;
            if (b == '\n') {
                newline = true;
                break;
            }
            if (length == AuditFiles.MAX_RECORD_BYTES) {
                tooLong = true;
                continue;
            }
            if (length == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(AuditFiles.MAX_RECORD_BYTES, buf.length * 2));
            }
            buf[length++] = (byte) b;
        }
        if (any) {
            lineNumber++;
        }
        return any;
    }

    /** The current line's bytes (valid up to {@link #length()} until the next call). */
    public byte[] bytes() {
        return buf;
    }

    public int length() {
        return length;
    }

    /** 1-based. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The file offset just after the current line (and its newline). */
    public long endOffset() {
        return endOffset;
    }

    /** The offset where the current line's bytes end, before its newline. */
    public long contentEnd() {
        return newline ? endOffset - 1 : endOffset;
    }

    public boolean tooLong() {
        return tooLong;
    }

    public boolean endsWithNewline() {
        return newline;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
