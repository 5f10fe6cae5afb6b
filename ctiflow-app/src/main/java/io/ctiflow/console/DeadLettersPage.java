package io.ctiflow.console;

import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
/**
 * The dead letters of the state store as {@code ctiflow dead-letter list} shows them, with its filters; a POST
 * queues the ticked ones for replay exactly as {@code ctiflow dead-letter replay <id>...} does (the running
 * pipeline replays them within ctiflow.dead-letter.replay-interval). Payloads are never shown.
 */
final class DeadLettersPage extends Page {

    static final int LIMIT = 500;


    DeadLettersPage(ConsoleSources sources, Templates templates) {
        super("/dead-letters", "/dead-letters", sources, templates);
    }

    @Override
    void handle(WebRequest request) throws IOException {
        if (request.isPost()) {
            List<Long> ids = request.params("id").stream().map(Long::parseLong).toList();
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("tick the dead letters to replay");
            }
            int queued = sources.deadLetters().requestReplay(ids).size();
            request.redirect(path() + "?queued=" + queued);
            return;
        }
        String kind = request.param("kind");
        String status = request.param("status");
        List<DeadLetter> letters = sources.deadLetters().list(new DeadLetterStore.Filter(kind, request.param("source"), status), LIMIT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeadLetter d : letters) {
            rows.add(Map.of("id", d.id(), "time", d.time().truncatedTo(ChronoUnit.SECONDS).toString(), "kind", d.kind(), "source", d.source(),
                    "location", d.location() == null ? "" : d.location(), "reason", d.reason(), "status", d.status(),
                    "replayable", d.replayable() && !DeadLetter.REPLAY_REQUESTED.equals(d.status())));
        }
        Map<String, Object> values = new HashMap<>(Map.of("title", "Dead letters", "rows", rows, "empty", rows.isEmpty(),
                "kinds", options(List.of(DeadLetter.REJECT, DeadLetter.FAILED_INPUT, DeadLetter.FAILED_DELIVERY), kind),
                "statuses", options(List.of(DeadLetter.NEW, DeadLetter.REPLAY_REQUESTED, DeadLetter.REPLAYED, DeadLetter.REPLAY_FAILED), status),
                "source", request.param("source") == null ? "" : request.param("source")));
        if (request.param("queued") != null) {
            values.put("queued", request.param("queued"));
        }
        request.html(200, templates.render("dead-letters", request, values));
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        return values.stream().map(v -> Map.<String, Object>of("value", v, "selected", v.equals(selected))).toList();
    }
}
