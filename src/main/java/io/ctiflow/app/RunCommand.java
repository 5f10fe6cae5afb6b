package io.ctiflow.app;

import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ctiflow run}: starts every route in routes/ and runs until stopped (Ctrl-C or SIGTERM shuts down gracefully). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every route in routes/ (Camel YAML DSL) until stopped.",
                "Configuration: application.properties defaults, then --config, then environment variables "
                        + "(CTIFLOW_WORK overrides ctiflow.work, CTIFLOW_BATCH_SIZE overrides ctiflow.batch.size, ...)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "<file>", description = "An external properties file with overrides.")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("no such config file: " + config);
        }
        Main main = CtiflowRuntime.create(CtiflowHome.get(), config, Map.of());
        main.run();
        return main.getExitCode();
    }
}
