package io.ctiflow.sink;

import io.ctiflow.net.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One persistent TCP connection to a syslog listener. A batch is written whole; when connecting or
 * writing fails the connection is dropped and the batch sent again on a new one after a back-off
 * ({@link Backoff}), so delivery is at least once: after a broken connection the SIEM may see some
 * lines of a batch twice. A listener that closed the connection is noticed before writing.
 */
final class SyslogTcpSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpSender.class);

    private final String host;
    private final int port;
    private final int connectTimeout;
    private final Backoff backoff;
    private Socket socket;
    private OutputStream out;

    SyslogTcpSender(String host, int port, int connectTimeout, Backoff backoff) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.backoff = backoff;
    }

    synchronized void send(List<byte[]> frames) {
        String where = "syslog tcp " + host + ":" + port;
        String lastProblem = null;
        IOException lastCause = null;
        int attempts = backoff.attempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long wait = backoff.waitBefore(attempt - 1, 0);
                LOG.warn("{}: {}; retry {} of {} in {} ms", where, lastProblem, attempt - 1, attempts - 1, wait);
                try {
                    Backoff.pause(wait);
                } catch (InterruptedException e) {
                    throw new SiemException(where + ": interrupted while waiting to retry", e);
                }
            }
            try {
                connected();
                for (byte[] frame : frames) {
                    out.write(frame);
                }
                out.flush();
                return;
            } catch (IOException e) {
                lastProblem = Backoff.describe(e);
                lastCause = e;
                disconnect();
            }
        }
        throw new SiemException(where + ": " + frames.size() + " messages not delivered after " + attempts
                + " attempts: " + lastProblem, lastCause);
    }

    private void connected() throws IOException {
        if (socket != null && peerClosed()) {
            LOG.info("syslog tcp {}:{}: the listener closed the connection; reconnecting", host, port);
            disconnect();
        }
        if (socket == null) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), connectTimeout);
                s.setKeepAlive(true);
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            socket = s;
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        }
    }

    /** Syslog listeners never write back: end-of-stream (or a reset) on a 1 ms read means the peer is gone. */
    private boolean peerClosed() {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // gone anyway
            }
        }
        socket = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
