package io.ctiflow.app;

import io.ctiflow.connectors.ConnectorCheck;
import io.ctiflow.connectors.ConnectorScaffold;
import io.ctiflow.connectors.SourceEntry;
import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ctiflow connector new|test}: scaffold a connector folder, check folders against the connector contract. */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = "Packaged connectors in connectors/<name>/ (Kamelet, mapping, samples, connector-test.yaml).",
        subcommands = {ConnectorCommand.New.class, ConnectorCommand.Test.class})
final class ConnectorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Scaffold connectors/<name>/: a Kamelet polling one URL, a mapping.yaml stub, placeholder samples, "
                    + "connector-test.yaml, README. Every placeholder is marked TODO; `ctiflow connector test` fails until none is left.",
                    "Prints the entry the new source needs in policies/sources.yaml."})
    static final class New implements Callable<Integer> {
        @Parameters(paramLabel = "<name>", description = "<system>-<feed>-source, e.g. acme-ioc-csv-source.")
        String name;

        @Option(names = "--format", paramLabel = "<format>", description = "Feed format: ${COMPLETION-CANDIDATES} (default: csv).")
        ConnectorScaffold.Format format = ConnectorScaffold.Format.csv;

        @Option(names = "--dir", paramLabel = "<dir>", description = "Where connector folders live (default: connectors/ under the ctiflow home).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path created = ConnectorScaffold.create(dir != null ? dir : CtiflowHome.get().resolve("connectors"), name, format);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + created + " (" + format + "): fill in every TODO, replace the placeholder samples, then");
            out.println("  ./ctiflow connector test " + created);
            out.println();
            out.println("Its objects carry source '" + ConnectorScaffold.source(name) + "': until policies/" + SourceEntry.SOURCES_FILE
                    + " has an entry for it, every one is withheld. Add under sources: (and set its terms):");
            out.print(SourceEntry.yaml(ConnectorScaffold.source(name), ConnectorScaffold.title(ConnectorScaffold.source(name))));
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Check connector folders against the contract: lint of folder and Kamelet, then every sample of "
                    + "connector-test.yaml through the mapping (records, objects, rejects, STIX validity).",
                    "One line per sample; exit 1 when anything fails."})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "<dir>", arity = "0..*",
                description = "Connector folders (default: every folder under connectors/).")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--rejects", description = "List every rejected record (connector, record, reason).")
        boolean listRejects;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path home = CtiflowHome.get();
            List<Path> folders = new ArrayList<>(dirs);
            if (folders.isEmpty()) {
                folders.addAll(ConnectorCheck.connectorDirs(home.resolve("connectors")));
            }
            ConnectorCheck check = new ConnectorCheck(new Mappings(home.resolve("mappings")), home.resolve("policies"));
            PrintWriter out = spec.commandLine().getOut();
            boolean ok = true;
            for (Path dir : folders) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException(new NoSuchFileException(dir + " (no such connector folder)").getMessage());
                }
                ConnectorCheck.Report report = check.check(dir.toAbsolutePath().normalize());
                out.println(report.connector() + ": " + (report.ok() ? "ok" : "FAILED"));
                for (String problem : report.lint()) {
                    out.println("  lint: " + problem);
                }
                for (ConnectorCheck.SampleResult sample : report.samples()) {
                    out.println("  " + sample.summary());
                    if (listRejects || !sample.ok()) {
                        for (Reject r : sample.rejects()) {
                            out.println("    rejected " + ConnectorCheck.describe(report.connector(), r));
                        }
                    }
                }
                ok &= report.ok();
            }
            out.flush();
            return ok ? 0 : CtiflowCli.EXIT_PROBLEMS;
        }
    }
}
