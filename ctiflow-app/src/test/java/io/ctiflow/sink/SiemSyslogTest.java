package io.ctiflow.sink;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SiemSyslogTest {

    private SyslogListener listener;
    private SiemWriter writer;
    private ListAppender<ILoggingEvent> logs;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (logs != null) {
            SinkTestData.detach(SyslogTcpSender.class, logs);
        }
    }

    static SiemConfiguration tcp(int port) {
        SiemConfiguration c = new SiemConfiguration();
        c.setPort(port);
        c.setHostname("ctiflow-test");
        c.setBackoff(100);
        c.setMaxRetries(8);
        return c;
    }

    static List<StixObject> indicators(List<StixObject> objects) {
        return objects.stream().filter(o -> o.type().equals("indicator")).toList();
    }

    static JsonNode json(String msg) {
        try {
            return Stix.mapper().readTree(msg);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + msg, e);
        }
    }

    @Test
    void everyIndicatorOfARealFeedBecomesOneRfc5424MessageWithTheFieldsSiemsNeed() throws Exception {
        listener = SyslogListener.start();
        List<StixObject> objects = SinkTestData.feodo();
        writer = new SiemWriter(tcp(listener.port()));

        SiemResult result = writer.send(objects, "soc-eu");

        int expected = indicators(objects).size();
        assertThat(result.lines()).isEqualTo(expected).isGreaterThan(10);
        assertThat(result.skipped()).isEqualTo(objects.size() - expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() == expected);
        assertThat(listener.problems).isEmpty();
        SyslogListener.Message first = listener.messages.get(0);
        assertThat(first.pri()).as("local0.notice").isEqualTo(16 * 8 + 5);
        assertThat(first.hostname()).isEqualTo("ctiflow-test");
        assertThat(first.appName()).isEqualTo("ctiflow");
        assertThat(first.procId()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(first.msgId()).isEqualTo("indicator");

        JsonNode line = json(first.msg());
        JsonNode indicator = Stix.mapper().readTree(indicators(objects).get(0).json());
        assertThat(line.path("id").asText()).isEqualTo(indicator.path("id").asText());
        assertThat(line.path("value").asText()).isEqualTo("192.9.135.73");
        assertThat(line.path("type").asText()).isEqualTo("ipv4");
        assertThat(line.path("port").asText()).isEqualTo("1194");
        assertThat(line.path("pattern").asText()).as("not a single comparison: the pattern travels along")
                .isEqualTo(indicator.path("pattern").asText());
        assertThat(line.path("classification").asText()).isEqualTo("c2-server");
        assertThat(line.path("confidence").asInt()).isEqualTo(90);
        assertThat(line.path("tlp").asText()).isEqualTo("clear");
        assertThat(line.path("valid_from").asText()).isEqualTo(indicator.path("valid_from").asText());
        assertThat(line.path("name").asText()).isEqualTo(indicator.path("name").asText()).isNotEmpty();
        assertThat(line.path("destination").asText()).isEqualTo("soc-eu");
        assertThat(listener.messages).extracting(m -> json(m.msg()).path("value").asText())
                .contains("85.239.243.155", "37.60.242.85").doesNotHaveDuplicates();
    }

    @Test
    void aListenerThatIsDownIsRetriedAndGetsTheLinesOnceItIsUp() throws Exception {
        listener = SyslogListener.notListening();
        logs = SinkTestData.capture(SyslogTcpSender.class);
        writer = new SiemWriter(tcp(listener.port()));
        List<StixObject> objects = SinkTestData.feodo();

        CompletableFuture<SiemResult> sending = CompletableFuture.supplyAsync(() -> writer.send(objects, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().contains("ConnectException")));
        listener.up();

        int expected = sending.get(30, TimeUnit.SECONDS).lines();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() == expected);
        assertThat(listener.problems).isEmpty();
    }

    @Test
    void aListenerThatStaysDownFailsTheSendAfterBoundedAttemptsNamingHostAndPort() {
        listener = SyslogListener.notListening();
        SiemConfiguration config = tcp(listener.port());
        config.setBackoff(10);
        config.setMaxRetries(2);
        logs = SinkTestData.capture(SyslogTcpSender.class);
        writer = new SiemWriter(config);

        assertThatThrownBy(() -> writer.send(SinkTestData.feodo(), null))
                .isInstanceOf(SiemException.class)
                .hasMessageContaining("syslog tcp 127.0.0.1:" + listener.port())
                .hasMessageContaining("not delivered after 3 attempts")
                .hasMessageContaining("ConnectException");
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("retry")).hasSize(2);
    }

    @Test
    void oneConnectionCarriesEveryBatchAndARestartedListenerIsReconnectedTo() throws Exception {
        listener = SyslogListener.start();
        List<StixObject> objects = indicators(SinkTestData.feodo());
        writer = new SiemWriter(tcp(listener.port()));

        writer.send(objects.subList(0, 5), null);
        writer.send(objects.subList(5, 10), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() == 10);
        assertThat(listener.accepted.get()).as("one persistent connection").isEqualTo(1);

        listener.down();
        listener.up();
        writer.send(objects.subList(10, 15), null);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() >= 15);
        assertThat(listener.messages).extracting(m -> json(m.msg()).path("id").asText())
                .containsAll(objects.subList(0, 15).stream().map(StixObject::id).toList());
        assertThat(listener.accepted.get()).isEqualTo(2);
        assertThat(listener.problems).isEmpty();
    }

    @Test
    void facilityAndSeverityAreConfigurableByName() throws Exception {
        listener = SyslogListener.start();
        SiemConfiguration config = tcp(listener.port());
        config.setFacility("local3");
        config.setSeverity("warning");
        config.setAppName("cti flow");
        writer = new SiemWriter(config);

        writer.send(indicators(SinkTestData.feodo()).subList(0, 1), null);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.messages.size() == 1);
        assertThat(listener.messages.get(0).pri()).isEqualTo(19 * 8 + 4);
        assertThat(listener.messages.get(0).appName()).as("no spaces in header fields").isEqualTo("cti_flow");
    }
}
