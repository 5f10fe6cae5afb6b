package io.ctiflow.app;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ctiflow.taxii.server.ApiTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo's mailbox: a real mail server (GreenMail: IMAP, and SMTP to send it more mail) on
 * 127.0.0.1 and free ports, with one user whose password is made for this run and kept only in
 * memory, and the example mails delivered to its INBOX, so the IMAP route reads them exactly as it
 * reads a production mailbox.
 */
final class DemoMailbox implements AutoCloseable {

    static final String USER = "demo";
    static final String ADDRESS = USER + "@ctiflow.demo";

    private final GreenMail server;
    private final String password;
    private final int mails;

    private DemoMailbox(GreenMail server, String password, int mails) {
        this.server = server;
        this.password = password;
        this.mails = mails;
    }

    /** Starts the server and delivers every .eml file of {@code examples} (none when the folder is missing). */
    static DemoMailbox start(Path examples) throws IOException {
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        server.start();
        try {
            String password = ApiTokens.newToken().substring(0, 16);
            GreenMailUser user = server.setUser(ADDRESS, USER, password);
            Session session = Session.getInstance(new Properties());
            List<Path> files = emlFiles(examples);
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    user.deliver(new MimeMessage(session, in));
                } catch (MessagingException e) {
                    throw new IOException("example mail " + file + " cannot be delivered: " + e.getMessage(), e);
                }
            }
            return new DemoMailbox(server, password, files.size());
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static List<Path> emlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    int port() {
        return server.getImap().getPort();
    }

    /** Where more mail for the mailbox can be sent (to {@value #ADDRESS}). */
    int smtpPort() {
        return server.getSmtp().getPort();
    }

    String password() {
        return password;
    }

    /** How many example mails were delivered. */
    int mails() {
        return mails;
    }

    String url() {
        return "imap://127.0.0.1:" + port() + "/INBOX";
    }

    @Override
    public void close() {
        server.stop();
    }
}
