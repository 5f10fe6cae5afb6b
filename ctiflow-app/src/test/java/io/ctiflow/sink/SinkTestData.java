package io.ctiflow.sink;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.stix.StixObject;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real indicators for sink tests: the Feodo Tracker sample converted by the shipped mapping, and log capture. */
final class SinkTestData {

    private SinkTestData() {
    }

    /** The whole Feodo Tracker sample as one batch: identity, markings, extension definition, malware, indicators, relationships. */
    static List<StixObject> feodo() throws IOException {
        Mappings mappings = new Mappings(Path.of("mappings"));
        String file = "abusech-feodotracker-ipblocklist.csv";
        try (InputStream in = Files.newInputStream(Path.of("ctiflow-app/src/test/resources/data/csv", file));
             FeedConverter converter = new FeedConverter(in, file, mappings.feed("feodotracker"), mappings.toStix(), 100_000)) {
            return converter.next().objects();
        }
    }

    /** Captures what a class logs (WARN and above); detach with {@link #detach}. */
    static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    static void detach(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
