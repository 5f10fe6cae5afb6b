package io.ctiflow.app;

import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.MappingLoader;
import io.ctiflow.mapping.MappingReference;
import io.ctiflow.runtime.CtiflowHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ctiflow mappings}: the feed mappings ctiflow knows, checked; or the reference page as Markdown. */
@Command(name = "mappings", mixinStandardHelpOptions = true,
        description = {"List the feed mappings in mappings/ (each is loaded and checked).",
                "--markdown prints the mapping reference page (docs/mapping-reference.md)."})
final class MappingsCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print the reference page with fields and worked examples.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MappingLoader loader = new MappingLoader(CtiflowHome.get().resolve("mappings"));
        if (markdown) {
            out.print(MappingReference.render(loader));
        } else {
            for (Path file : loader.allMappingFiles()) {
                FeedMapping m = loader.load(file);
                out.printf("%-28s %-5s %s%n", m.name(), m.format(), m.title());
            }
        }
        out.flush();
        return 0;
    }
}
