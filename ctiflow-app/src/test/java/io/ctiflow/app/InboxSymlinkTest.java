package io.ctiflow.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ctiflow.feed.InboxFilter;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctiflow.app.RuntimeTestSupport.drop;
import static io.ctiflow.app.RuntimeTestSupport.files;
import static org.assertj.core.api.Assertions.assertThat;

/** The running inbox route and symbolic links: nothing outside the inbox is read, moved or dead-lettered. */
class InboxSymlinkTest extends CtiflowRouteTestSupport {

    private static final Path FEODO = Path.of("ctiflow-app/src/test/resources/data/csv/abusech-feodotracker-ipblocklist.csv");

    @TempDir
    Path outside;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Path secret;
    private Path folder;
    private Path fileLink;
    private Path dirLink;
    private Path feedLink;

    /** The links are in the inbox before the route starts. */
    @Override
    protected void setupResources() throws Exception {
        // what must stay untouched: a private file and a folder of files outside the inbox
        secret = Files.writeString(outside.resolve("secret.csv"), "not a feed: private notes\n");
        folder = Files.createDirectories(outside.resolve("folder"));
        Files.copy(FEODO, folder.resolve("a.csv"));
        Path inbox = work.resolve("inbox");
        Path feed = Files.createDirectories(inbox.resolve("feodotracker"));
        fileLink = Files.createSymbolicLink(feed.resolve("link.csv"), secret);
        dirLink = Files.createSymbolicLink(feed.resolve("linked"), folder);
        feedLink = Files.createSymbolicLink(inbox.resolve("sslbl"), folder);
        log.start();
        ((Logger) LoggerFactory.getLogger(InboxFilter.class)).addAppender(log);
    }

    @Override
    protected void cleanupResources() {
        ((Logger) LoggerFactory.getLogger(InboxFilter.class)).detachAppender(log);
    }

    @Test
    void linksInTheInboxAreIgnoredAndNamedOnce() throws Exception {
        Path inbox = work.resolve("inbox");
        NotifyBuilder done = whenDone("csv-files-to-stix-files", 1);
        drop(FEODO, inbox, "feodotracker/real.csv");
        assertDone(done);
        Thread.sleep(500); // several more scans of the inbox

        assertThat(files(inbox.resolve(".done"))).extracting(p -> inbox.relativize(p).toString()).containsExactly(".done/feodotracker/real.csv");
        assertThat(files(inbox.resolve(".failed"))).isEmpty();
        assertThat(Files.readString(secret)).isEqualTo("not a feed: private notes\n");
        assertThat(folder.resolve("a.csv")).exists();
        assertThat(fileLink).isSymbolicLink();
        assertThat(dirLink).isSymbolicLink();
        assertThat(feedLink).isSymbolicLink();
        assertThat(files(work.resolve("stix"))).extracting(p -> p.getFileName().toString()).containsExactly("feodotracker-real-00001.json");
        assertThat(work.resolve("deadletter/failed-inputs.jsonl")).doesNotExist();
        assertThat(files(work.resolve("deadletter"))).noneMatch(p -> {
            try {
                return Files.readString(p).contains("private notes");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // one warning per link, naming it, however often the inbox is scanned
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.contains("symbolic link")).hasSize(3)
                .anyMatch(m -> m.contains(fileLink.toString())).anyMatch(m -> m.contains(dirLink.toString())).anyMatch(m -> m.contains(feedLink.toString()));
    }
}
