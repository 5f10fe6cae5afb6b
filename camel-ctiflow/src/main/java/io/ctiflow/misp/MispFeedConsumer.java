package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.state.CheckpointStore;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
/**
 * One poll: read manifest.json, pick the events whose manifest timestamp is newer than the one
 * remembered for them (or that were never delivered), oldest first, fetch and stream each
 * {@code <uuid>.json} and send it through the route. The checkpoint (uuid to manifest timestamp) is
 * saved after every delivered event, so a poll that stops half-way keeps its progress. An event whose
 * file is missing, invalid or fails in the route is reported and tried again next poll; an
 * unreachable feed or a rejected key fails the poll.
 */
public class MispFeedConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MispFeedConsumer.class);

    private final MispFeedEndpoint endpoint;
    private final MispFeedConfiguration config;
    private final CheckpointStore checkpoints;
    private final String key;
    private final EventDelivery delivery;
    private FeedSource source;

    MispFeedConsumer(MispFeedEndpoint endpoint, Processor processor, CheckpointStore checkpoints) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.checkpoints = checkpoints;
        this.key = MispCheckpoints.key("misp-feed", endpoint.getName());
        this.delivery = new EventDelivery(this, "misp-feed", endpoint.getName(), config);
    }

    @Override
    protected void doStart() throws Exception {
        source = FeedSource.of(config);
        super.doStart();
    }

    /** The saved checkpoint: event uuid to the manifest timestamp last delivered. */
    public Map<String, Long> checkpoint() {
        Map<String, Long> seen = new HashMap<>();
        checkpoints.load(key).map(node -> node.get("events")).filter(JsonNode::isObject).ifPresent(events -> {
            Iterator<Map.Entry<String, JsonNode>> fields = events.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                MispEvents.epochSeconds(field.getValue()).ifPresent(ts -> seen.put(field.getKey(), ts));
            }
        });
        return seen;
    }

    @Override
    protected int poll() {
        Map<String, Long> seen = checkpoint();
        Map<String, Long> manifest = FeedManifest.read(source.open("manifest.json"), source.describe("manifest.json"));
        List<Map.Entry<String, Long>> changed = manifest.entrySet().stream()
                .filter(e -> !seen.containsKey(e.getKey()) || seen.get(e.getKey()) < e.getValue())
                .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        seen.keySet().retainAll(manifest.keySet());
        if (changed.isEmpty()) {
            return 0;
        }
        FeedHashes hashes = hashes(changed);
        int delivered = 0;
        int failed = 0;
        for (Map.Entry<String, Long> entry : changed) {
            if (!isRunAllowed()) {
                break;
            }
            if (fetchAndDeliver(entry.getKey(), entry.getValue(), hashes)) {
                seen.put(entry.getKey(), entry.getValue());
                save(seen);
                delivered++;
            } else {
                failed++;
            }
        }
        LOG.info("misp-feed:{} {} of {} new or changed events delivered{}", endpoint.getName(), delivered,
                changed.size(), failed > 0 ? ", " + failed + " failed (tried again next poll)" : "");
        return delivered;
    }

    private boolean fetchAndDeliver(String uuid, long manifestTimestamp, FeedHashes hashes) {
        String name = uuid + ".json";
        ObjectNode event;
        try {
            event = MispEventReader.single(source.open(name), source.describe(name));
        } catch (MispAuthenticationException | MispUnavailableException e) {
            throw e;
        } catch (MispException e) {
            getExceptionHandler().handleException(e.getMessage(), e);
            return false;
        }
        OptionalLong timestamp = MispEvents.timestamp(event);
        Map<String, Object> extra = new HashMap<>();
        hashes.count(uuid).ifPresent(count -> extra.put(MispConstants.FEED_HASH_COUNT, count));
        String eventUuid = MispEvents.uuid(event);
        return delivery.deliver(event, eventUuid == null ? uuid : eventUuid,
                timestamp.orElse(manifestTimestamp), extra);
    }

    private FeedHashes hashes(List<Map.Entry<String, Long>> changed) {
        if (!config.isHashes()) {
            return FeedHashes.none();
        }
        Set<String> wanted = new HashSet<>();
        changed.forEach(e -> wanted.add(e.getKey()));
        return source.openIfPresent("hashes.csv")
                .map(in -> FeedHashes.read(in, source.describe("hashes.csv"), wanted))
                .orElseGet(FeedHashes::none);
    }

    private void save(Map<String, Long> seen) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode events = node.putObject("events");
        seen.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey))
                .forEach(e -> events.put(e.getKey(), e.getValue()));
        checkpoints.save(key, node);
    }
}
