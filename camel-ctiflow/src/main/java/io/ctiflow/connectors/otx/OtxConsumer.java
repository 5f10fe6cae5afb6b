package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.state.CheckpointException;
import io.ctiflow.state.CheckpointStore;
import io.ctiflow.state.CheckpointingComponent;
import io.ctiflow.stix.Stix;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
/**
 * One poll: {@code GET /api/v1/pulses/<endpoint>?limit=<pageSize>&page=1[&modified_since=<checkpoint>]},
 * then every {@code next} link until it is null; each page is read whole (a broken page delivers
 * nothing of it) and each pulse sent through the route on its own.
 * <p>
 * The checkpoint {@code {"modified": T, "ids": [...]}} means "every pulse modified before T, and the
 * listed pulses modified at T, were delivered". The query asks for modified_since=T (inclusive, so a
 * pulse sharing T is never lost) and skips what the checkpoint covers (so none comes twice). After the
 * last page it moves to the newest delivered pulse, never to or past a failed one; a poll that fails
 * half-way (HTTP, JSON, a rejected key) saves nothing, so its pulses come again (at least once).
 * With {@code conditional}, the ETag of a fully successful poll's first page is kept and sent as
 * If-None-Match when the next poll asks the same; 304 ends the poll with nothing new.
 */
public class OtxConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(OtxConsumer.class);
    private static final ObjectMapper JSON = Stix.strictJson();

    private final OtxEndpoint endpoint;
    private final OtxConfiguration config;
    private final CheckpointStore checkpoints;
    private final String key;
    private OtxHttpClient http;

    OtxConsumer(OtxEndpoint endpoint, Processor processor, CheckpointStore checkpoints) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.checkpoints = checkpoints;
        this.key = CheckpointingComponent.checkpointKey("otx", endpoint.getName());
    }

    @Override
    protected void doStart() throws Exception {
        http = new OtxHttpClient(config);
        super.doStart();
    }

    /** The saved checkpoint, or null before the first successful poll that delivered something. */
    public Checkpoint checkpoint() {
        return checkpoints.load(key).map(node -> Checkpoint.of(node, key)).orElse(null);
    }

    @Override
    protected int poll() {
        Checkpoint stored = checkpoint();
        Instant from = stored != null ? stored.modified() : since();
        URI first = firstPage(from);
        String etag = config.isConditional() && stored != null && stored.etag() != null
                && first.toString().equals(stored.etagUrl()) ? stored.etag() : null;
        Progress progress = new Progress(stored);
        Set<String> seen = new HashSet<>();
        Set<URI> visited = new HashSet<>();
        String firstEtag = null;
        URI uri = first;
        for (int page = 1; uri != null; page++) {
            if (!visited.add(uri)) {
                throw new OtxException("OTX " + uri + " (page " + page + "): the next link points back to a page already read");
            }
            String what = "page " + page;
            OtxHttpClient.Page answer = http.get(uri, what, page == 1 ? etag : null);
            if (answer.notModified()) {
                LOG.debug("otx:{} nothing new (HTTP 304)", endpoint.getName());
                return 0;
            }
            if (page == 1) {
                firstEtag = answer.etag();
            }
            JsonNode doc = parse(answer.body(), uri, what);
            for (JsonNode pulse : doc.get("results")) {
                if (!isRunAllowed()) {
                    LOG.info("otx:{} stopped during a poll; checkpoint left as it was", endpoint.getName());
                    return progress.delivered;
                }
                offer(pulse, uri, what, stored, seen, progress);
            }
            uri = next(doc, uri, what);
        }
        save(stored, progress, first, firstEtag);
        return progress.delivered;
    }

    private void offer(JsonNode pulse, URI uri, String what, Checkpoint stored, Set<String> seen, Progress progress) {
        String id = pulse.path("id").asText("");
        String modifiedText = pulse.path("modified").asText("");
        if (!pulse.isObject() || id.isEmpty() || modifiedText.isEmpty()) {
            throw new OtxException("OTX " + uri + " (" + what + "): a pulse without id or modified ("
                    + abbreviate(pulse.toString()) + ")");
        }
        Instant modified;
        try {
            modified = OtxTime.parse(modifiedText, "pulse " + id + " modified");
        } catch (IllegalArgumentException e) {
            throw new OtxException("OTX " + uri + " (" + what + "): " + e.getMessage());
        }
        if (stored != null && stored.covers(modified, id)) {
            return; // delivered by an earlier poll
        }
        if (!seen.add(id + "@" + modified)) {
            return; // listed twice in this poll (pages shifted while we read them)
        }
        if (deliver((ObjectNode) pulse, id, modifiedText)) {
            progress.delivered(modified, id);
        } else {
            progress.failed(modified);
        }
    }

    private boolean deliver(ObjectNode pulse, String id, String modified) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(pulse);
            exchange.getIn().setHeader(OtxConstants.PULSE_ID, id);
            exchange.getIn().setHeader(OtxConstants.PULSE_MODIFIED, modified);
            exchange.getIn().setHeader(OtxConstants.FEED, endpoint.getName());
            exchange.getIn().setHeader(OtxConstants.ORIGIN, "otx " + config.baseUrl() + " pulse " + id);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure != null) {
                getExceptionHandler().handleException("Error processing OTX pulse " + id + " from otx:" + endpoint.getName(),
                        exchange, failure);
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void save(Checkpoint stored, Progress progress, URI first, String firstEtag) {
        Checkpoint next = progress.checkpoint();
        // an ETag is only worth keeping when nothing failed: a 304 must never hide a pulse still to be retried
        boolean keepEtag = config.isConditional() && firstEtag != null && progress.failed == 0;
        if (next == null && !keepEtag) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        if (next != null) {
            node.put("modified", next.modified().toString());
            ArrayNode ids = node.putArray("ids");
            next.ids().forEach(ids::add);
        }
        if (keepEtag) {
            node.put("etag", firstEtag).put("etagUrl", first.toString());
        }
        if (stored == null || !node.equals(stored.node())) {
            checkpoints.save(key, node);
        }
        if (progress.failed > 0) {
            LOG.warn("otx:{} {} pulses delivered, {} failed; checkpoint at {}", endpoint.getName(), progress.delivered,
                    progress.failed, next == null ? "none" : next.modified());
        } else if (progress.delivered > 0) {
            LOG.info("otx:{} {} pulses delivered; checkpoint at {}", endpoint.getName(), progress.delivered, next.modified());
        }
    }

    private URI firstPage(Instant from) {
        StringBuilder u = new StringBuilder(config.baseUrl()).append("/api/v1/pulses/").append(config.getEndpoint())
                .append("?limit=").append(config.getPageSize()).append("&page=1");
        if (from != null) {
            u.append("&modified_since=").append(URLEncoder.encode(OtxTime.query(from), StandardCharsets.UTF_8));
        }
        return URI.create(u.toString());
    }

    /** The next page, or null; only on the configured server (the key must never go elsewhere). */
    private URI next(JsonNode doc, URI current, String what) {
        JsonNode next = doc.get("next");
        if (next == null || next.isNull() || next.asText().isBlank()) {
            return null;
        }
        URI target;
        try {
            target = current.resolve(next.asText().trim());
        } catch (IllegalArgumentException e) {
            throw new OtxException("OTX " + current + " (" + what + "): invalid next link '" + abbreviate(next.asText()) + "'");
        }
        URI base = URI.create(config.baseUrl());
        if (!String.valueOf(target.getScheme()).equalsIgnoreCase(base.getScheme())
                || !String.valueOf(target.getHost()).equalsIgnoreCase(base.getHost()) || port(target) != port(base)) {
            throw new OtxException("OTX " + current + " (" + what + "): next link " + target
                    + " leaves " + config.baseUrl() + "; not following it with the API key");
        }
        return target;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static JsonNode parse(byte[] body, URI uri, String what) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OtxException("OTX " + uri + " (" + what + "): not valid JSON (" + e.getOriginalMessage()
                    + "); the answer starts with '" + abbreviate(new String(body, 0, Math.min(body.length, 120),
                    StandardCharsets.UTF_8)) + "'", e);
        } catch (IOException e) {
            throw new OtxException("OTX " + uri + " (" + what + "): cannot read the answer: " + e.getMessage(), e);
        }
        if (doc == null || doc.isMissingNode()) {
            throw new OtxException("OTX " + uri + " (" + what + "): empty answer");
        }
        if (!doc.isObject() || !doc.path("results").isArray()) {
            throw new OtxException("OTX " + uri + " (" + what + "): not a page of pulses (no 'results' array); the answer"
                    + " starts with '" + abbreviate(doc.toString()) + "'");
        }
        return doc;
    }

    private Instant since() {
        String since = config.getSince();
        return since == null || since.isBlank() ? null : OtxTime.parse(since, "otx:" + endpoint.getName() + " since");
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }

    /** A saved checkpoint: the newest delivered modified time and the ids delivered at exactly that time. */
    public record Checkpoint(Instant modified, Set<String> ids, String etag, String etagUrl, ObjectNode node) {

        static Checkpoint of(ObjectNode node, String key) {
            Instant modified = null;
            if (node.hasNonNull("modified")) {
                try {
                    modified = Instant.parse(node.get("modified").asText());
                } catch (RuntimeException e) {
                    throw new CheckpointException("checkpoint " + key + " is corrupt: modified '" + node.get("modified").asText()
                            + "' is not an instant; fix or delete the file to start again from the configured 'since'");
                }
            }
            Set<String> ids = new TreeSet<>();
            node.path("ids").forEach(id -> ids.add(id.asText()));
            return new Checkpoint(modified, ids, node.path("etag").asText(null), node.path("etagUrl").asText(null), node);
        }

        boolean covers(Instant pulseModified, String id) {
            return modified != null && (pulseModified.isBefore(modified) || pulseModified.equals(modified) && ids.contains(id));
        }
    }

    /** The checkpoint arithmetic of one complete poll (any order of pulses across pages). */
    private static final class Progress {
        private final Checkpoint start;
        private final List<Map.Entry<Instant, String>> done = new ArrayList<>();
        private Instant minFailed;
        int delivered;
        int failed;

        Progress(Checkpoint start) {
            this.start = start;
        }

        void delivered(Instant modified, String id) {
            delivered++;
            done.add(Map.entry(modified, id));
        }

        void failed(Instant modified) {
            failed++;
            minFailed = minFailed == null || modified.isBefore(minFailed) ? modified : minFailed;
        }

        /** The new checkpoint, or null when there is none to save (nothing delivered before the first failure). */
        Checkpoint checkpoint() {
            Instant top = null;
            for (var e : done) {
                if ((minFailed == null || e.getKey().isBefore(minFailed)) && (top == null || e.getKey().isAfter(top))) {
                    top = e.getKey();
                }
            }
            Instant startAt = start == null ? null : start.modified();
            if (top == null || startAt != null && top.isBefore(startAt)) {
                return startAt == null ? null : start;
            }
            Set<String> ids = new TreeSet<>();
            if (top.equals(startAt)) {
                ids.addAll(start.ids());
            }
            for (var e : done) {
                if (e.getKey().equals(top)) {
                    ids.add(e.getValue());
                }
            }
            return new Checkpoint(top, ids, null, null, null);
        }
    }
}
