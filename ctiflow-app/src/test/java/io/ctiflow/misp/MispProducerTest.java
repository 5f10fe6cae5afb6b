package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The misp: producer against the in-suite MISP server over real HTTP. */
class MispProducerTest extends CamelTestSupport {

    private MispTestServer server;
    private final List<Exchange> dead = new CopyOnWriteArrayList<>();

    @Override
    protected void setupResources() {
        server = MispTestServer.start();
    }

    @Override
    protected void cleanupResources() {
        server.close();
    }

    /** The producer's route, added to the running context with the API key as the property misp.key. */
    private ProducerTemplate route(String key, String options) throws Exception {
        MispSamples.key(key).forEach((name, value) -> context.getPropertiesComponent().addOverrideProperty((String) name, (String) value));
        String uri = "misp:partners?url=" + server.url() + "&apiKey={{misp.key}}&backoff=10&mappings=mappings/misp"
                + (options.isEmpty() ? "" : "&" + options);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead"));
                from("direct:in").to(uri);
                from("direct:dead").process(dead::add);
            }
        });
        return template;
    }

    private static Batch feodo() throws Exception {
        return new Batch("feodotracker", StixToMispConversionTest.FEODO, 1, 28, StixToMispConversionTest.feodo(), List.of());
    }

    private static List<String> tags(JsonNode element) {
        return StixToMispConversionTest.tags(element);
    }

    @Test
    void addsThenEditsTheSameEventWithoutDuplicateAttributes() throws Exception {
        ProducerTemplate template = route(MispTestServer.API_KEY, "distribution=1");
        Batch batch = feodo();

        Exchange first = template.send("direct:in", e -> {
            e.getIn().setBody(batch);
            e.getIn().setHeader(PipelineHeaders.DESTINATION, "partners");
        });
        assertThat(first.getException()).isNull();
        String uuid = first.getMessage().getHeader(MispConstants.EVENT_UUID, String.class);
        assertThat(first.getMessage().getHeader(MispConstants.SINK_ACTION)).isEqualTo("add");
        assertThat(server.paths()).containsExactly("GET /events/view/" + uuid, "POST /events/add");
        ObjectNode stored = server.event(uuid);
        assertThat(stored.get("Attribute")).hasSize(28);
        assertThat(stored.get("distribution").asText()).isEqualTo("1");
        assertThat(tags(stored)).containsExactly("tlp:clear");
        assertThat(stored.get("Attribute")).allSatisfy(a -> assertThat(tags(a)).contains("tlp:clear"));

        // the same feed again, one more indicator: the same event is edited, attributes matched by uuid
        List<StixObject> more = new ArrayList<>(batch.objects());
        more.add(StixToMispConversionTest.indicator("indicator--00000000-0000-4000-8000-0000000000aa",
                "[ipv4-addr:value = '203.0.113.7']", Tlp.AMBER.markingId(), null));
        Exchange second = template.send("direct:in", e -> {
            e.getIn().setBody(new Batch(batch.source(), batch.origin(), 2, 29, more, List.of()));
            e.getIn().setHeader(PipelineHeaders.DESTINATION, "partners");
        });
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getHeader(MispConstants.EVENT_UUID)).isEqualTo(uuid);
        assertThat(second.getMessage().getHeader(MispConstants.SINK_ACTION)).isEqualTo("edit");
        assertThat(server.paths()).endsWith("GET /events/view/" + uuid, "POST /events/edit/" + uuid);
        stored = server.event(uuid);
        assertThat(server.uuids()).containsExactly(uuid);
        assertThat(stored.get("Attribute")).hasSize(29);
        assertThat(tags(stored)).containsExactly("tlp:amber");
        assertThat(dead).isEmpty();
    }

    @Test
    void anEventOfObjectsOnlyIsSentWithItsObjects() throws Exception {
        ProducerTemplate template = route(MispTestServer.API_KEY, "");
        MispConversion samsam = MispTestSupport.convert("events/circl-us-cert-samsam-mar-objects-only.json");
        Exchange exchange = template.send("direct:in", e -> e.getIn().setBody(new Batch("circl", "samsam", 1, 74, samsam.objects(), List.of())));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(MispConstants.SINK_ACTION)).isEqualTo("add");
        ObjectNode stored = server.event(exchange.getMessage().getHeader(MispConstants.EVENT_UUID, String.class));
        assertThat(stored.get("Attribute")).isEmpty();
        assertThat(stored.get("Object")).extracting(o -> o.get("name").asText()).containsOnly("file", "pe", "pe-section").hasSize(16);
        int objectAttributes = 0;
        for (JsonNode o : stored.get("Object")) {
            objectAttributes += o.get("Attribute").size();
        }
        assertThat(exchange.getMessage().getHeader(MispConstants.SINK_ATTRIBUTES, Integer.class)).isEqualTo(objectAttributes);
    }

    @Test
    void aWrongKeyFailsTheExchangeNamingUrlEventAndMispsAnswer() throws Exception {
        ProducerTemplate template = route("wrong-key", "");
        Exchange exchange = template.send("direct:in", e -> e.getIn().setBody(feodo()));
        assertThat(dead).hasSize(1);
        Throwable error = dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String uuid = exchange.getMessage().getHeader(MispConstants.EVENT_UUID, String.class);
        assertThat(error).isInstanceOf(MispSinkException.class)
                .hasMessageContaining("misp:partners could not look up event " + uuid + " at " + server.url())
                .hasMessageContaining("rejected the API key (HTTP 403)")
                .hasMessageContaining("Forbidden")
                .hasMessageNotContaining(MispTestServer.API_KEY);
        assertThat(server.paths()).containsExactly("GET /events/view/" + uuid);
    }

    @Test
    void serverErrorsAreRetriedThenTheEventIsAdded() throws Exception {
        ProducerTemplate template = route(MispTestServer.API_KEY, "distribution=4&sharingGroup=7");
        server.failNext(1, 500);     // the look-up
        server.passNext(1);          // its retry
        server.failNext(1, 503);     // the add
        Exchange exchange = template.send("direct:in", e -> e.getIn().setBody(feodo()));
        assertThat(exchange.getException()).isNull();
        assertThat(dead).isEmpty();
        String uuid = exchange.getMessage().getHeader(MispConstants.EVENT_UUID, String.class);
        assertThat(server.paths()).containsExactly("GET /events/view/" + uuid, "GET /events/view/" + uuid,
                "POST /events/add", "POST /events/add");
        ObjectNode stored = server.event(uuid);
        assertThat(stored.get("distribution").asText()).isEqualTo("4");
        assertThat(stored.get("sharing_group_id").asText()).isEqualTo("7");
        assertThat(stored.get("Attribute")).hasSize(28);
    }

    @Test
    void aRejectedAddGoesToTheDeadLetterWithMispsMessage() throws Exception {
        ProducerTemplate template = route(MispTestServer.API_KEY, "");
        server.passNext(1);
        server.failNext(1, 400);
        Exchange exchange = template.send("direct:in", e -> e.getIn().setBody(feodo()));
        String uuid = exchange.getMessage().getHeader(MispConstants.EVENT_UUID, String.class);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)).isInstanceOf(MispSinkException.class)
                .hasMessageStartingWith("misp:partners could not add event " + uuid + " at " + server.url())
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Could not process the request: rejected by the test server");
        assertThat(server.uuids()).isEmpty();
    }

    @Test
    void aBundleBodyUsesTheFeedAndOriginHeaders() throws Exception {
        ProducerTemplate template = route(MispTestServer.API_KEY, "infoTemplate=shared by ctiflow from {source} ({origin})");
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000001\",\"objects\":["
                + StixToMispConversionTest.indicator("indicator--00000000-0000-4000-8000-000000000001",
                        "[domain-name:value = 'evil.example']", Tlp.RED.markingId(), "phishing") + "]}";
        Exchange exchange = template.send("direct:in", e -> {
            e.getIn().setBody(bundle);
            e.getIn().setHeaders(Map.of(MispConstants.FEED, "manual", MispConstants.ORIGIN, "inbox/1.json"));
        });
        assertThat(exchange.getException()).isNull();
        ObjectNode stored = server.event(exchange.getMessage().getHeader(MispConstants.EVENT_UUID, String.class));
        assertThat(stored.get("info").asText()).isEqualTo("shared by ctiflow from manual (inbox/1.json)");
        assertThat(stored.get("distribution").asText()).isEqualTo("0");
        assertThat(tags(stored)).containsExactly("tlp:red");
        assertThat(tags(stored.get("Attribute").get(0))).containsExactly("tlp:red", "phishing");
    }

    @Test
    void distributionFourNeedsASharingGroup() throws Exception {
        assertThatThrownBy(() -> route(MispTestServer.API_KEY, "distribution=4"))
                .hasStackTraceContaining("misp:partners distribution=4 needs sharingGroup");
    }
}
