package io.ctiflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.state.DeadLetter;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.state.StateStore;
import io.ctiflow.stix.Stix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ctiflow dead-letter list | replay}: the dead letters of the state store. */
@Command(name = "dead-letter", mixinStandardHelpOptions = true,
        description = "List the dead letters (rejected records, failed inputs, failed deliveries) or queue them for replay.",
        subcommands = {DeadLetterCommand.ListLetters.class, DeadLetterCommand.Replay.class})
final class DeadLetterCommand {

    private static final Set<String> KINDS = Set.of(DeadLetter.REJECT, DeadLetter.FAILED_INPUT, DeadLetter.FAILED_DELIVERY);
    private static final Set<String> STATUSES = Set.of(DeadLetter.NEW, DeadLetter.REPLAY_REQUESTED, DeadLetter.REPLAYED, DeadLetter.REPLAY_FAILED);

    private DeadLetterCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"A table of id, time, kind, source, status and reason (oldest first), or with --json one object per line.",
                    "Kinds: reject (listed only), failed-input, failed-delivery. Statuses: new, replay-requested, replayed, replay-failed."})
    static final class ListLetters implements Callable<Integer> {

        @Mixin
        StateOptions state;

        @Option(names = "--kind", paramLabel = "<kind>", description = "Only this kind.")
        String kind;

        @Option(names = "--source", paramLabel = "<name>", description = "Only this source: a feed, or the destination of a failed delivery.")
        String source;

        @Option(names = "--status", paramLabel = "<status>", description = "Only this status.")
        String status;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "1000", description = "At most this many rows (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per line, with location and whether it can be replayed.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeadLetterStore.Filter filter = new DeadLetterStore.Filter(checked("--kind", kind, KINDS), source, checked("--status", status, STATUSES));
            List<DeadLetter> rows;
            try (StateStore store = state.open()) {
                rows = new DeadLetterStore(store).list(filter, limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                rows.forEach(r -> out.println(json(r)));
            } else {
                out.printf("%-6s %-24s %-15s %-20s %-16s %s%n", "ID", "TIME", "KIND", "SOURCE", "STATUS", "REASON");
                for (DeadLetter r : rows) {
                    out.printf("%-6d %-24s %-15s %-20s %-16s %s%n", r.id(), r.time(), r.kind(), r.source(), r.status(), oneLine(r.reason()));
                }
                if (rows.stream().anyMatch(r -> !r.replayable())) {
                    out.println("rejects are listed only, not replayed: fix the mapping or the input and drop the input again");
                }
            }
            out.flush();
            return 0;
        }

        private static String json(DeadLetter r) {
            ObjectNode o = Stix.mapper().createObjectNode();
            o.put("id", r.id());
            o.put("time", r.time().toString());
            o.put("kind", r.kind());
            o.put("source", r.source());
            o.put("location", r.location());
            o.put("reason", r.reason());
            o.put("status", r.status());
            o.put("replayable", r.replayable());
            return o.toString();
        }

        private static String oneLine(String text) {
            String line = text.replaceAll("\\s+", " ");
            return line.length() <= 160 ? line : line.substring(0, 159) + "…";
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Queue dead letters for replay (status replay-requested). The running ctiflow replays them within",
                    "ctiflow.dead-letter.replay-interval ms, or its next start does: a failed delivery is re-sent to its",
                    "destination's endpoint, a failed inbox file moves from inbox/.failed back into the inbox. Each row then",
                    "becomes replayed or replay-failed (with the new reason). Rejects cannot be replayed."})
    static final class Replay implements Callable<Integer> {

        @Mixin
        StateOptions state;

        @Parameters(paramLabel = "<id>", arity = "0..*", description = "Ids from `ctiflow dead-letter list`.")
        List<Long> ids;

        @Option(names = "--all", description = "Every replayable dead letter that is new or replay-failed (narrowed by --kind and --source).")
        boolean all;

        @Option(names = "--kind", paramLabel = "<kind>", description = "With --all: only failed-input or failed-delivery.")
        String kind;

        @Option(names = "--source", paramLabel = "<name>", description = "With --all: only this feed or destination.")
        String source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean named = ids != null && !ids.isEmpty();
            if (named == all) {
                throw new IllegalArgumentException("dead-letter replay: name the ids to replay or --all, not both and not neither");
            }
            if (named && (kind != null || source != null)) {
                throw new IllegalArgumentException("dead-letter replay: --kind and --source go with --all, not with ids");
            }
            if (DeadLetter.REJECT.equals(kind)) {
                throw new IllegalArgumentException("dead-letter replay: rejects cannot be replayed (fix the mapping or the input and drop the input again)");
            }
            checked("--kind", kind, KINDS);
            List<DeadLetter> queued;
            try (StateStore store = state.open()) {
                DeadLetterStore letters = new DeadLetterStore(store);
                queued = named ? letters.requestReplay(ids) : letters.requestReplay(new DeadLetterStore.Filter(kind, source, null));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (queued.isEmpty()) {
                out.println("nothing to replay");
            } else {
                for (DeadLetter r : queued) {
                    out.printf("queued %d %s %s %s%n", r.id(), r.kind(), r.source(), r.location() == null ? "" : r.location());
                }
                out.printf("%d dead letter(s) queued: the running ctiflow replays them within ctiflow.dead-letter.replay-interval ms"
                        + " (or at its next start); see `ctiflow dead-letter list --status replay-requested`%n", queued.size());
            }
            out.flush();
            return 0;
        }
    }

    private static String checked(String option, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(option + " " + value + ": not one of " + allowed.stream().sorted().toList());
        }
        return value;
    }
}
