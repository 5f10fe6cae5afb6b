package io.ctiflow.taxii.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
/**
 * A hand-written HTTP/1.1 exchange over a plain socket, for what java.net.http will not send:
 * a body shorter than its Content-Length, a Content-Length with no body behind it.
 */
final class RawHttp implements AutoCloseable {

    /** What came back before the server closed the connection or the wait ran out. */
    record Reply(String text, boolean closedByServer, long millis) {
        boolean isStatus(int status) {
            return text.startsWith("HTTP/1.1 " + status + " ");
        }
    }

    private final Socket socket;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
    }

    /** Headers for a POST of TAXII JSON to {@code path}, declaring {@code contentLength}; CRLF line ends. */
    static String postHeaders(String path, String authorization, long contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n"
                + "Accept: " + TaxiiHttp.TAXII + "\r\nContent-Type: " + TaxiiHttp.TAXII + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads until the server closes the connection or {@code waitMillis} pass. A complete answer on a
     * connection the server keeps open counts as an answer too: it is read up to its Content-Length.
     */
    Reply read(long waitMillis) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) waitMillis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
                if (complete(got.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
            closed = n < 0;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) { // reset by the server
            closed = true;
        }
        return new Reply(got.toString(StandardCharsets.UTF_8), closed, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        var m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, end));
        return m.find() && text.getBytes(StandardCharsets.UTF_8).length - end - 4 >= Integer.parseInt(m.group(1));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
