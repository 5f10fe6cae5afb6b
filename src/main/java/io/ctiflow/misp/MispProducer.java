package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.Batch;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.policy.PolicyFanOut;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the exchange's STIX (a {@link Batch}, STIX objects, or a bundle as JSON) as one MISP event:
 * {@link StixToMisp} builds it; {@code GET /events/view/<uuid>} tells whether MISP has it, then
 * {@code POST /events/add} or {@code POST /events/edit/<uuid>} (attributes are matched by their
 * deterministic uuids, so an edit adds no duplicates). Retries of 429/5xx/time-outs are
 * {@link MispHttpClient}'s; any other failure fails the exchange with a {@link MispSinkException}
 * naming the endpoint, MISP URL, event uuid and MISP's answer, for the route's dead letter.
 */
final class MispProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(MispProducer.class);

    private final MispEndpoint endpoint;
    private final StixToMisp converter;
    private MispHttpClient http;

    MispProducer(MispEndpoint endpoint, StixToMisp converter) {
        super(endpoint);
        this.endpoint = endpoint;
        this.converter = converter;
    }

    @Override
    protected void doStart() throws Exception {
        http = new MispHttpClient(endpoint.getConfiguration());
        super.doStart();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        MispConfiguration c = endpoint.getConfiguration();
        String source;
        String origin;
        List<StixObject> objects;
        if (in.getBody() instanceof Batch batch) {
            source = batch.source();
            origin = batch.origin();
            objects = batch.objects();
        } else {
            source = in.getHeader(FeedBatches.FEED, "ctiflow", String.class);
            origin = in.getHeader(FeedBatches.ORIGIN, endpoint.getName(), String.class);
            objects = objects(in.getBody());
        }
        String destination = in.getHeader(PolicyFanOut.DESTINATION, endpoint.getName(), String.class);
        StixToMisp.Result result = converter.convert(source, origin, objects, new StixToMisp.Options(destination,
                c.getDistribution(), c.getSharingGroup(), c.getInfoTemplate(), c.getEventThreatLevel(), c.getAnalysis(), c.isPublish()));
        in.setHeader(MispConstants.EVENT_UUID, result.eventUuid());
        in.setHeader(MispConstants.SINK_ATTRIBUTES, result.attributes());
        in.setHeader(MispConstants.SINK_UNMAPPED, result.unmapped());
        if (!result.unmapped().isEmpty()) {
            LOG.info("misp:{} event {} ({} {}): {} STIX objects have no MISP attribute, e.g. {}", endpoint.getName(),
                    result.eventUuid(), source, origin, result.unmapped().size(), result.unmapped().get(0));
        }
        if (result.attributes() == 0) {
            LOG.warn("misp:{} event {} ({} {}): no attribute to send, nothing written", endpoint.getName(), result.eventUuid(), source, origin);
            in.setHeader(MispConstants.SINK_ACTION, "none");
            return;
        }
        byte[] body = Stix.mapper().writeValueAsBytes(result.event());
        String action = exists(result.eventUuid()) ? "edit" : "add";
        try {
            write(action, result.eventUuid(), body);
        } catch (MispAuthenticationException | MispUnavailableException e) {
            throw failure(action, result.eventUuid(), e);
        } catch (MispException e) {
            // an add that timed out may have been stored before the retry: then the event is there to edit
            if (!action.equals("add") || !exists(result.eventUuid())) {
                throw failure(action, result.eventUuid(), e);
            }
            action = "edit";
            try {
                write(action, result.eventUuid(), body);
            } catch (MispException again) {
                throw failure(action, result.eventUuid(), again);
            }
        }
        in.setHeader(MispConstants.SINK_ACTION, action);
        LOG.debug("misp:{} {} event {} with {} attributes", endpoint.getName(), action, result.eventUuid(), result.attributes());
    }

    private boolean exists(String uuid) {
        try (InputStream view = http.get("events/view/" + uuid)) {
            view.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (MispNotFoundException e) {
            return false;
        } catch (MispException e) {
            throw failure("look up", uuid, e);
        } catch (IOException e) {
            throw failure("look up", uuid, new MispException("reading the answer failed: " + e.getMessage(), e));
        }
    }

    private void write(String action, String uuid, byte[] body) {
        String path = action.equals("add") ? "/events/add" : "/events/edit/" + uuid;
        try (InputStream answer = http.postJson(path, body, "event " + uuid)) {
            answer.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new MispException("reading the answer to " + path + " failed: " + e.getMessage(), e);
        }
    }

    private MispSinkException failure(String action, String uuid, MispException e) {
        return new MispSinkException("misp:" + endpoint.getName() + " could not " + action + " event " + uuid + " at "
                + endpoint.getConfiguration().baseUrl() + ": " + e.getMessage(), e);
    }

    /** STIX objects from a body that is not a Batch: objects, a bundle or object as JSON (tree, text or bytes). */
    private List<StixObject> objects(Object body) throws IOException {
        if (body instanceof StixObject o) {
            return List.of(o);
        }
        JsonNode tree;
        if (body instanceof JsonNode node) {
            tree = node;
        } else if (body instanceof byte[] bytes) {
            tree = Stix.mapper().readTree(bytes);
        } else if (body instanceof String text) {
            tree = Stix.mapper().readTree(text);
        } else if (body instanceof InputStream stream) {
            tree = Stix.mapper().readTree(stream);
        } else if (body instanceof Iterable<?> items) {
            List<StixObject> out = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof StixObject o) {
                    out.add(o);
                } else if (item instanceof ObjectNode node) {
                    out.add(StixObject.of(node));
                } else {
                    throw new IllegalArgumentException(what() + ": cannot read a " + (item == null ? "null" : item.getClass().getName()) + " as STIX");
                }
            }
            return out;
        } else {
            throw new IllegalArgumentException(what() + ": cannot write a " + (body == null ? "null body" : body.getClass().getName())
                    + " (expected a Batch, STIX objects, or a bundle as JSON)");
        }
        List<StixObject> out = new ArrayList<>();
        JsonNode list = "bundle".equals(tree.path("type").asText()) ? tree.path("objects") : tree.isArray() ? tree : null;
        if (list == null) {
            if (!tree.isObject()) {
                throw new IllegalArgumentException(what() + ": the body is not a STIX bundle or object");
            }
            out.add(StixObject.of((ObjectNode) tree));
        } else {
            list.forEach(o -> out.add(StixObject.of((ObjectNode) o)));
        }
        return out;
    }

    private String what() {
        return "misp:" + endpoint.getName() + " body";
    }
}
