package io.ctiflow.app;

import io.ctiflow.stix.BundleObjects;
import io.ctiflow.taxii.client.ObjectFailure;
import io.ctiflow.taxii.client.PublishResult;
import io.ctiflow.taxii.client.Publisher;
import io.ctiflow.taxii.client.TaxiiClient;
import io.ctiflow.taxii.client.TaxiiPublishException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ctiflow publish}: STIX bundles to a TAXII 2.1 collection, with a summary of what the server took. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish STIX 2.1 bundles to a TAXII 2.1 collection (streamed, in envelopes within the server's"
                + " max_content_length; each envelope's status is followed until complete).",
                "Exit code 1 when any object failed; every failed object is listed with its reason."})
final class PublishCommand implements Callable<Integer> {

    @Mixin
    TaxiiOptions taxii;

    @Parameters(paramLabel = "<bundle.json>", arity = "1..*", description = "STIX bundles (or single objects) to publish.")
    List<Path> bundles;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path bundle : bundles) {
            if (!Files.isRegularFile(bundle)) {
                throw new NoSuchFileException(bundle + " (no such bundle file)");
            }
        }
        Publisher publisher = new Publisher(new TaxiiClient(taxii.configuration(System.getenv())));
        long posted = 0;
        long succeeded = 0;
        long failed = 0;
        for (Path bundle : bundles) {
            PublishResult result;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16);
                 BundleObjects objects = new BundleObjects(in, bundle.toString())) {
                result = publisher.publish(objects);
            } catch (TaxiiPublishException e) {
                summary(out, bundle, e.result());
                out.flush();
                throw e;
            }
            summary(out, bundle, result);
            posted += result.posted();
            succeeded += result.succeeded();
            failed += result.failures().size();
        }
        if (bundles.size() > 1) {
            out.printf("total: %d objects posted, %d succeeded, %d failed%n", posted, succeeded, failed);
        }
        out.flush();
        return failed > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    private static void summary(PrintWriter out, Path bundle, PublishResult result) {
        out.printf("%s: %d objects posted to %s in %d envelope%s, %d succeeded, %d failed%n", bundle, result.posted(),
                result.collection(), result.envelopes(), result.envelopes() == 1 ? "" : "s", result.succeeded(),
                result.failures().size());
        for (ObjectFailure f : result.failures()) {
            out.println("  failed " + f);
        }
    }
}
