package io.ctiflow.app;

import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.StixObject;
import io.ctiflow.taxii.client.CollectionReader;
import io.ctiflow.taxii.client.PollPosition;
import io.ctiflow.taxii.client.TaxiiClient;
import io.ctiflow.taxii.client.TaxiiPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ctiflow poll}: a TAXII 2.1 collection (or what was added after a time) to one STIX bundle, streamed. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"Read a TAXII 2.1 collection into one STIX 2.1 bundle, page by page (bounded memory).",
                "Exit code 1 when the server misbehaved and the read stopped early (the bundle holds what was read)."})
final class PollCommand implements Callable<Integer> {

    @Mixin
    TaxiiOptions taxii;

    @Option(names = "--added-after", paramLabel = "<time>", description = "Only objects added after this RFC 3339 time.")
    String addedAfter;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.json>", description = "Where to write the bundle (default: standard output).")
    Path output;

    @Option(names = "--page-size", paramLabel = "<n>", defaultValue = "1000", description = "Objects per request (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--pretty", description = "Indent the bundle.")
    boolean pretty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TaxiiClient client = new TaxiiClient(taxii.configuration(System.getenv()));
        client.configuration().setAddedAfter(addedAfter);
        client.configuration().validate("--collection");
        PrintWriter err = spec.commandLine().getErr();
        CollectionReader.Summary summary;
        int written;
        try (BundleOutput out = new BundleOutput(output)) {
            try (BundleWriter bundle = new BundleWriter(out.stream(), pretty)) {
                summary = new CollectionReader(client, pageSize).read(PollPosition.startingAfter(addedAfter),
                        page -> write(bundle, page), () -> true);
                written = bundle.count();
            }
            out.commit();
        }
        err.printf("%s: %d objects in %d pages%s%n", client.collection(), written, summary.pages(),
                output != null ? " written to " + output : "");
        if (summary.stoppedBecause() != null) {
            err.println("ctiflow: warning: the read stopped early: " + summary.stoppedBecause());
            return CtiflowCli.EXIT_PROBLEMS;
        }
        return 0;
    }

    private static boolean write(BundleWriter bundle, TaxiiPage page) {
        try {
            for (StixObject o : page.objects()) {
                bundle.write(o);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
