package io.ctiflow.app;

import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyDiff;
import io.ctiflow.policy.PolicyDiffReplay;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ctiflow policy diff}: what a policy change would change, replayed on real bundles before it ships. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Replay bundles (the given files, or the most recent of the outbox) through the policy before (--from: a folder,",
                "or a git revision of the --to folder's repository) and after (--to) a change, and show per destination what would",
                "newly be shared, newly withheld or differently redacted, by rule, with examples. Nothing is written or audited.",
                "Exit 1 when the change would share anything that was withheld before (for CI on a policy repository), else 0."})
final class PolicyDiffCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "<dir|rev>", description = "The policy before: a folder, or a git revision (HEAD, main, a1b2c3d).")
    String from;

    @Option(names = "--to", paramLabel = "<dir>", description = "The policy after (default: policies/ of the ctiflow home).")
    Path to;

    @Parameters(paramLabel = "<bundle.json>", arity = "0..*", description = "Bundles to replay (default: the --recent most recent bundles of the outbox).")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--recent", paramLabel = "<n>", defaultValue = "20", description = "How many of the outbox's newest bundles to replay (default: ${DEFAULT-VALUE}).")
    int recent;

    @Option(names = "--outbox", paramLabel = "<dir>", description = "The outbox (default: work/stix of the ctiflow home).")
    Path outbox;

    @Option(names = "--examples", paramLabel = "<n>", defaultValue = "3", description = "Example objects per destination, change and rule (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--source", paramLabel = "<id>", description = "Configured source of objects that carry no ctiflow provenance.")
    String source;

    @Option(names = "--origin", paramLabel = "<country>", description = "Origin jurisdiction of objects that carry none.")
    String origin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path after = to != null ? to : CtiflowHome.get().resolve("policies");
        PolicyLoader loader = new PolicyLoader(CtiflowHome.get().resolve("policies").resolve("schema"));
        Path fromDir = Path.of(from);
        Path temp = null;
        Policy beforePolicy;
        try {
            if (!Files.isDirectory(fromDir)) {
                temp = fromGit(from, after);
                fromDir = temp;
            }
            beforePolicy = loader.load(fromDir);
        } finally {
            if (temp != null) {
                DemoCommand.deleteTree(temp);
            }
        }
        PolicyDiff diff = new PolicyDiff(beforePolicy, loader.load(after), examples);
        List<Path> inputs = bundles.isEmpty()
                ? PolicyDiffReplay.recentBundles(outbox != null ? outbox : CtiflowHome.get().resolve("work").resolve("stix"), recent) : bundles;
        PolicyDiffReplay.replay(diff, inputs, source, origin);
        print(diff, beforePolicy, inputs.size(), after);
        return diff.sharesMore() ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    private void print(PolicyDiff diff, Policy beforePolicy, int bundleCount, Path after) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("policy diff: %s -> %s, %d bundle%s, %,d decisions compared%n", from, after, bundleCount, bundleCount == 1 ? "" : "s", diff.decisions());
        long newlyShared = 0;
        for (Map.Entry<String, Map<PolicyDiff.Change, Map<String, PolicyDiff.Group>>> d : diff.changes().entrySet()) {
            String id = d.getKey();
            out.printf("== %s: %d newly shared, %d newly withheld, %d differently redacted%n", id, diff.count(id, PolicyDiff.Change.NEWLY_SHARED),
                    diff.count(id, PolicyDiff.Change.NEWLY_WITHHELD), diff.count(id, PolicyDiff.Change.DIFFERENTLY_REDACTED));
            newlyShared += diff.count(id, PolicyDiff.Change.NEWLY_SHARED);
            for (Map.Entry<PolicyDiff.Change, Map<String, PolicyDiff.Group>> c : d.getValue().entrySet()) {
                for (Map.Entry<String, PolicyDiff.Group> g : c.getValue().entrySet()) {
                    out.printf("  %s, %s [%s]: %d%n", c.getKey().words(), c.getKey() == PolicyDiff.Change.NEWLY_SHARED ? "was withheld by" : "by",
                            g.getKey(), g.getValue().count());
                    for (PolicyDiff.Example e : g.getValue().examples()) {
                        out.printf("    %s%n      before: %s%n      after:  %s%n", e.objectId(), PolicyDiffReplay.fate(e.before(), e.beforeRule(), e.beforeReason()),
                                PolicyDiffReplay.fate(e.after(), e.afterRule(), e.afterReason()));
                    }
                }
            }
        }
        List<String> unchanged = new ArrayList<>();
        beforePolicy.destinations().forEach(d -> {
            if (!diff.changes().containsKey(d.id())) {
                unchanged.add(d.id());
            }
        });
        if (!unchanged.isEmpty()) {
            out.println("unchanged: " + String.join(", ", unchanged));
        }
        out.println(newlyShared > 0 ? newlyShared + " objects would newly be shared: exit 1" : "nothing would newly be shared");
        out.flush();
    }

    /** The policy files of {@code rev}, for the folder {@code after} is in that repository, in a temporary folder. */
    static Path fromGit(String rev, Path after) throws IOException, InterruptedException {
        if (rev.startsWith("-")) {
            throw new IllegalArgumentException("not a folder or a git revision: " + rev);
        }
        Path dir = after.toAbsolutePath();
        String prefix = git(dir, "rev-parse", "--show-prefix").strip();
        Path temp = Files.createTempDirectory("ctiflow-policy-" );
        for (String file : PolicyLoader.FILES) {
            Files.writeString(temp.resolve(file), git(dir, "show", rev + ":" + prefix + file));
        }
        return temp;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(text);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalArgumentException("--from is neither a folder nor a git revision of " + dir + ": git " + String.join(" ", args)
                    + ": " + text.toString(StandardCharsets.UTF_8).strip());
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
