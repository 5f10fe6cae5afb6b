package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.state.CheckpointStore;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One poll: restSearch pages from the checkpoint on (timestamp = checkpoint + 1, or since when there
 * is none), each event streamed and sent through the route on its own. The checkpoint is saved once
 * every page was read: at the highest delivered timestamp, but below the first failed event. A poll
 * that fails half-way (HTTP, JSON) saves nothing, so its events come again: delivery is at least once.
 */
public class MispConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MispConsumer.class);
    private static final String SEARCH_PATH = "/events/restSearch";

    private final MispEndpoint endpoint;
    private final MispConfiguration config;
    private final CheckpointStore checkpoints;
    private final String key;
    private final RestSearchQuery query;
    private final EventDelivery delivery;
    private MispHttpClient http;

    MispConsumer(MispEndpoint endpoint, Processor processor, CheckpointStore checkpoints) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.checkpoints = checkpoints;
        this.key = MispCheckpoints.key("misp", endpoint.getName());
        this.query = new RestSearchQuery(config);
        this.delivery = new EventDelivery(this, "misp", endpoint.getName(), config);
    }

    @Override
    protected void doStart() throws Exception {
        http = new MispHttpClient(config);
        super.doStart();
    }

    /** The saved checkpoint (epoch seconds), or empty before the first successful poll. */
    public OptionalLong checkpoint() {
        return checkpoints.load(key).map(node -> MispEvents.epochSeconds(node.get("timestamp")))
                .orElse(OptionalLong.empty());
    }

    @Override
    protected int poll() {
        OptionalLong stored = checkpoint();
        Long from = stored.isPresent() ? Long.valueOf(stored.getAsLong() + 1) : since();
        TimestampProgress progress = new TimestampProgress(stored.orElse(Long.MIN_VALUE));
        for (int page = 1; ; page++) {
            String source = config.baseUrl() + SEARCH_PATH + " page " + page;
            int read = MispEventReader.forEach(
                    http.postJson(SEARCH_PATH, query.bytes(from, page), "page " + page), source,
                    event -> deliver(event, source, progress));
            if (!isRunAllowed()) {
                LOG.info("misp:{} stopped during a poll; checkpoint left as it was", endpoint.getName());
                return progress.deliveredCount();
            }
            if (read < config.getPageSize()) {
                break;
            }
        }
        long next = progress.checkpoint();
        if (next != Long.MIN_VALUE && (stored.isEmpty() || next > stored.getAsLong())) {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("timestamp", next);
            checkpoints.save(key, node);
        }
        if (progress.failedCount() > 0) {
            LOG.warn("misp:{} {} events delivered, {} failed; checkpoint at {}", endpoint.getName(),
                    progress.deliveredCount(), progress.failedCount(), next);
        } else if (progress.deliveredCount() > 0) {
            LOG.info("misp:{} {} events delivered; checkpoint at {}", endpoint.getName(), progress.deliveredCount(), next);
        }
        return progress.deliveredCount();
    }

    private void deliver(ObjectNode event, String source, TimestampProgress progress) {
        String uuid = MispEvents.uuid(event);
        OptionalLong timestamp = MispEvents.timestamp(event);
        if (uuid == null || timestamp.isEmpty()) {
            throw new MispException("invalid event from " + source + ": no uuid or timestamp (" + shortId(event) + ")");
        }
        if (!isRunAllowed()) {
            return;
        }
        if (delivery.deliver(event, uuid, timestamp.getAsLong(), Map.of())) {
            progress.delivered(timestamp.getAsLong());
        } else {
            progress.failed(timestamp.getAsLong());
        }
    }

    private Long since() {
        String since = config.getSince();
        return since == null || since.isBlank() ? null : MispTimestamps.parseSince(since);
    }

    private static String shortId(JsonNode event) {
        JsonNode id = event.get("id");
        return id == null ? "no id" : "id " + id.asText();
    }
}
