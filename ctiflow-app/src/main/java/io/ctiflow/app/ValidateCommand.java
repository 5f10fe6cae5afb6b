package io.ctiflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.InvalidJsonException;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.validation.StixValidator;
import io.ctiflow.stix.validation.ValidationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ctiflow validate}: checks STIX 2.1 bundles against the spec's MUST rules. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check STIX 2.1 bundles (or single objects) against the specification's MUST rules:",
                "required properties, id format and type prefix, timestamps, modified >= created, pattern syntax,",
                "reference types, dangling references, closed vocabularies. One line per problem;",
                "exit 0 when every file is valid, 1 when any has errors, 2 when a file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "<bundle.json>", arity = "1..*", description = "Files to check.")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "Print errors only, no warnings and no summary for valid files.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StixValidator validator = new StixValidator();
        int result = 0;
        for (Path file : files) {
            JsonNode doc;
            try {
                doc = StixBundleReader.readDocument(file);
            } catch (InvalidJsonException e) {
                out.println(e.getMessage());
                result = Math.max(result, CtiflowCli.EXIT_PROBLEMS);
                continue;
            } catch (IOException e) {
                out.println(file + ": cannot read: " + e.getMessage());
                result = CtiflowCli.EXIT_ERROR;
                continue;
            }
            List<ValidationProblem> problems = validator.validate(doc);
            long errors = problems.stream().filter(p -> p.severity() == ValidationProblem.Severity.ERROR).count();
            for (ValidationProblem p : problems) {
                boolean error = p.severity() == ValidationProblem.Severity.ERROR;
                if (error || !quiet) {
                    out.println(file + ": " + (error ? "" : "warning: ") + p);
                }
            }
            if (errors > 0) {
                result = Math.max(result, CtiflowCli.EXIT_PROBLEMS);
            } else if (!quiet) {
                out.println(file + ": valid STIX 2.1 (" + doc.path("objects").size() + " objects"
                        + (problems.isEmpty() ? "" : ", " + problems.size() + " warnings") + ")");
            }
        }
        out.flush();
        return result;
    }
}
