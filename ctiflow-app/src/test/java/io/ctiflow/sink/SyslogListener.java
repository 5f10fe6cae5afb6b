package io.ctiflow.sink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A syslog TCP listener on 127.0.0.1 as a SIEM runs it: reads RFC 6587 octet-counted frames and
 * parses each RFC 5424 message; a malformed frame or header fails the test through {@link #problems}.
 */
final class SyslogListener implements AutoCloseable {

    /** PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG */
    static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?Z) (\\S{1,255}) (\\S{1,48}) (\\S{1,128}) (\\S{1,32}) - (.*)$",
            Pattern.DOTALL);

    record Message(int pri, String timestamp, String hostname, String appName, String procId, String msgId, String msg) {
    }

    private final int port;
    private ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();

    private SyslogListener(int port) {
        this.port = port;
    }

    static SyslogListener start() {
        SyslogListener l = new SyslogListener(WebhookReceiver.freePort());
        l.up();
        return l;
    }

    static SyslogListener notListening() {
        return new SyslogListener(WebhookReceiver.freePort());
    }

    int port() {
        return port;
    }

    void up() {
        // right after down() the kernel may still refuse the port for a moment (seen under load): try again briefly
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(this::bind);
        Thread acceptor = new Thread(this::accept, "syslog-listener-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private boolean bind() throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        server = s;
        return true;
    }

    /** Stops listening and drops every connection, as a SIEM restart does. */
    void down() {
        try {
            server.close();
            for (Socket s : connections) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.clear();
    }

    private void accept() {
        ServerSocket s = server;
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread reader = new Thread(() -> read(socket), "syslog-reader-" + port);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = 0;
                int c = in.read();
                if (c < 0) {
                    return;
                }
                while (c != ' ') {
                    if (c < '0' || c > '9') {
                        problems.add("frame length has a non-digit: " + (char) c);
                        return;
                    }
                    length = length * 10 + (c - '0');
                    c = in.read();
                }
                byte[] frame = in.readNBytes(length);
                if (frame.length < length) {
                    problems.add("frame cut short: " + frame.length + " of " + length);
                    return;
                }
                String text = new String(frame, StandardCharsets.UTF_8);
                Matcher m = RFC5424.matcher(text);
                if (!m.matches()) {
                    problems.add("not RFC 5424: " + text);
                    continue;
                }
                messages.add(new Message(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5),
                        m.group(6), m.group(7)));
            }
        } catch (IOException e) {
            // the connection was dropped (by the test's down() or the writer's close)
        }
    }

    @Override
    public void close() {
        if (server != null) {
            down();
        }
    }
}
