package io.ctiflow.misp;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.StixBodies;
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
            source = in.getHeader(PipelineHeaders.FEED, "ctiflow", String.class);
            origin = in.getHeader(PipelineHeaders.ORIGIN, endpoint.getName(), String.class);
            objects = StixBodies.list(in.getBody(), what());
        }
        String destination = in.getHeader(PipelineHeaders.DESTINATION, endpoint.getName(), String.class);
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

    private String what() {
        return "misp:" + endpoint.getName() + " body";
    }
}
