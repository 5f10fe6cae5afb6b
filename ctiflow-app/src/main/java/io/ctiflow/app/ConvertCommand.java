package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.FeedLimits;
import io.ctiflow.feed.Mappings;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.mail.MailConversion;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.runtime.CtiflowConfiguration;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.stix.validation.ValidationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
/** {@code ctiflow convert}: one-shot conversion of a feed file to one STIX 2.1 bundle, or (--to misp) one MISP event. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a file to one STIX 2.1 bundle (streamed: any size, bounded memory; a saved e-mail: see --format email),",
                "or with --to misp to one MISP event (converted to STIX first, then as the misp: sink writes it).",
                "Rejected records are listed with line and reason (and written to <out>.rejects.jsonl with -o)."})
final class ConvertCommand implements Callable<Integer> {

    enum Format { csv, json, misp, stix, email }

    enum Target { stix, misp }

    @Parameters(paramLabel = "<input>", description = "The file to convert (for misp also a MISP feed folder, for email a saved message, .eml).")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "<format>",
            description = "Input format: ${COMPLETION-CANDIDATES} (default: csv for .csv, email for .eml, json with a mapping, misp for a feed folder, else stix).")
    Format format;

    @Option(names = {"-m", "--mapping"}, paramLabel = "<mapping>",
            description = "Mapping file, or a feed name from mappings/ (e.g. urlhaus, feodotracker).")
    String mapping;

    @Option(names = "--to", paramLabel = "<target>", defaultValue = "stix",
            description = "Output: stix (a STIX 2.1 bundle, default) or misp (one MISP event, {\"Event\": ...} as MISP's /events/add takes it;"
                    + " a STIX input must then be valid).")
    Target to;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.json>", description = "Where to write the bundle or event (default: standard output).")
    Path output;

    @Option(names = "--pretty", description = "Indent the output.")
    boolean pretty;

    @Mixin
    MispEventOptions misp;

    @Option(names = "--strict", description = "Exit with 1 when any record was rejected.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Format f = format != null ? format : guessFormat();
        if (to == Target.misp) {
            misp.options(); // a bad MISP option is a usage error before any work
        } else if (MispEventOptions.anyGiven(spec.commandLine().getParseResult())) {
            throw new IllegalArgumentException("the --misp-* options apply only with --to misp");
        }
        if (f == Format.misp && Files.isDirectory(input)) {
            return mispInput(f).convertFeedFolder();
        }
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input + " (no such input file)");
        }
        if (f == Format.stix) {
            return copyBundle();
        }
        if (f == Format.email) {
            return convertMail();
        }
        if (f == Format.misp) {
            return mispInput(f).convertFile();
        }
        if (mapping == null) {
            throw new IllegalArgumentException("--mapping is needed to convert " + f + " (e.g. --mapping urlhaus)");
        }
        Mappings mappings = new Mappings(CtiflowHome.get().resolve("mappings"));
        FeedMapping feed = mappings.feed(mapping);
        if (!feed.format().equals(f.name())) {
            throw new IllegalArgumentException("mapping " + feed.file() + " is for " + feed.format() + " input, not " + f);
        }
        PrintWriter err = spec.commandLine().getErr();
        long records = 0;
        long rejects = 0;
        Path rejectFile = output != null ? Path.of(output + ".rejects.jsonl") : null;
        if (rejectFile != null) {
            Files.deleteIfExists(rejectFile);
        }
        int objects;
        Writer rejectOut = null;
        try (ConvertSink bundle = sink(feed.name());
             InputStream in = Files.newInputStream(input);
             FeedConverter converter = new FeedConverter(in, input.getFileName().toString(), feed, mappings.toStix(), 1000, null, limits())) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                records += batch.recordsRead();
                for (StixObject o : batch.objects()) {
                    if ("indicator".equals(o.type()) || "relationship".equals(o.type())) {
                        bundle.write(o);
                    } else {
                        bundle.writeOnce(o);
                    }
                }
                for (Reject r : batch.rejects()) {
                    rejects++;
                    err.println("rejected " + r.describe());
                    if (rejectFile != null) {
                        if (rejectOut == null) {
                            rejectOut = Files.newBufferedWriter(IntelligenceFiles.prepare(rejectFile),
                                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                        }
                        rejectOut.write(Stix.mapper().writeValueAsString(r) + "\n");
                    }
                }
            }
            objects = bundle.count();
            bundle.commit();
        } finally {
            if (rejectOut != null) {
                rejectOut.close();
            }
        }
        err.printf("%s: %d records read, %d STIX objects written%s, %d rejected%s%n", input, records, objects,
                writtenTo(), rejects, rejects > 0 && rejectFile != null ? " (see " + rejectFile + ")" : "");
        return strict && rejects > 0 ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /** The record limits as configured (ctiflow-defaults.properties, environment), as for the routes. */
    private static FeedLimits limits() {
        try (EffectiveConfig config = new EffectiveConfig(CtiflowHome.get(), null, System::getenv)) {
            return FeedLimits.from(config::value);
        }
    }

    private Format guessFormat() {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return Format.csv;
        }
        if (name.endsWith(".eml")) {
            return Format.email;
        }
        if (Files.isDirectory(input) && Files.isRegularFile(input.resolve("manifest.json"))) {
            return Format.misp;
        }
        return mapping != null ? Format.json : Format.stix;
    }

    /**
     * One saved message (.eml) the way the IMAP route converts a fetched one: a report with the
     * indicators of its text and attachments; unreadable parts are listed (and written to
     * <out>.rejects.jsonl with -o). Uses the defaults of ctiflow-defaults.properties' ctiflow.mail.*.
     */
    private int convertMail() throws IOException {
        Mappings mappings = new Mappings(CtiflowHome.get().resolve("mappings"));
        MailConversion conversion = CtiflowConfiguration.mailToStix(key -> Optional.empty(), mappings)
                .convert(Files.readAllBytes(input), input.getFileName().toString());
        Batch batch = conversion.batch();
        PrintWriter err = spec.commandLine().getErr();
        int objects = 0;
        if (batch.hasObjects()) {
            try (ConvertSink bundle = sink("email")) {
                for (StixObject o : batch.objects()) {
                    bundle.writeOnce(o);
                }
                objects = bundle.count();
                bundle.commit();
            }
        }
        if (output != null) {
            Path rejectFile = Path.of(output + ".rejects.jsonl");
            Files.deleteIfExists(rejectFile);
            if (!batch.rejects().isEmpty()) {
                StringBuilder lines = new StringBuilder();
                for (Reject r : batch.rejects()) {
                    lines.append(Stix.mapper().writeValueAsString(r)).append('\n');
                }
                Files.writeString(IntelligenceFiles.prepare(rejectFile), lines);
            }
        }
        for (Reject r : batch.rejects()) {
            err.println("rejected " + r.describe());
        }
        err.printf("%s: message %s, %d indicator values found (%d allow-listed), %d STIX objects written%s, %d part(s) rejected%n", input,
                conversion.messageId(), conversion.iocs(), conversion.allowListed(), objects, objects > 0 ? writtenTo() : "",
                batch.rejects().size());
        return strict && !batch.rejects().isEmpty() ? CtiflowCli.EXIT_PROBLEMS : 0;
    }

    /** Re-writes a STIX bundle (normalised serialisation; use validate to check it), or converts a valid one to MISP. */
    private int copyBundle() throws IOException {
        JsonNode bundle = StixBundleReader.readDocument(input);
        if (!"bundle".equals(bundle.path("type").asText())) {
            throw new IllegalArgumentException(input + " is not a STIX bundle (type is '" + bundle.path("type").asText() + "')");
        }
        if (to == Target.misp && !valid(bundle)) {
            return CtiflowCli.EXIT_PROBLEMS;
        }
        try (ConvertSink out = sink(Format.stix.name())) {
            for (JsonNode o : bundle.path("objects")) {
                out.write(StixObject.of((ObjectNode) o));
            }
            out.commit();
        }
        return 0;
    }

    /** The MISP conversion expects valid STIX (as the pipeline delivers it): errors are listed, as validate lists them. */
    private boolean valid(JsonNode bundle) {
        List<ValidationProblem> problems = new StixValidator().validate(bundle);
        if (!StixValidator.hasErrors(problems)) {
            return true;
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.stream().filter(p -> p.severity() == ValidationProblem.Severity.ERROR).forEach(p -> err.println(input + ": " + p));
        err.println(input + ": not valid STIX 2.1, no MISP event written (see ctiflow validate)");
        err.flush();
        return false;
    }

    private MispConversionCommand mispInput(Format f) {
        return new MispConversionCommand(input, () -> sink(f.name()), writtenTo(), strict, spec.commandLine().getErr());
    }

    /** The output of this conversion; {@code source} names the mapping or input format in the MISP event. */
    private ConvertSink sink(String source) throws IOException {
        return to == Target.misp
                ? new MispEventSink(output, pretty, source, input.getFileName().toString(), misp.options(), spec.commandLine().getErr())
                : new StixBundleSink(output, pretty);
    }

    /** For the STIX summary lines: where the objects went. */
    private String writtenTo() {
        return to == Target.misp ? " (to the MISP event)" : output != null ? " to " + output : "";
    }
}
