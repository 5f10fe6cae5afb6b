package io.ctiflow.app;

import io.ctiflow.stix.InvalidJsonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.ctiflow.ops.BuildVersion;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
/** The ctiflow command line: run, demo, convert, validate, mappings, bench, filter, explain, policy, serve, publish, poll, connector, dead-letter, audit. */
@Command(name = "ctiflow", mixinStandardHelpOptions = true, versionProvider = CtiflowCli.Version.class,
        description = "Normalise threat intelligence from MISP, vendor feeds, mail and CSV into STIX 2.1 and share it safely.",
        subcommands = {RunCommand.class, DemoCommand.class, ConvertCommand.class, ValidateCommand.class, MappingsCommand.class, BenchCommand.class,
                FilterCommand.class, ExplainCommand.class, PolicyCommand.class, ServeCommand.class, PublishCommand.class, PollCommand.class,
                ConnectorCommand.class, ConfigCommand.class, DeadLetterCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class CtiflowCli implements Runnable {

    /** Exit code for a usage or configuration error (bad option, missing input, broken mapping). */
    public static final int EXIT_ERROR = 2;
    /** Exit code when the command ran but found problems (invalid STIX, rejected records with --strict). */
    public static final int EXIT_PROBLEMS = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CtiflowCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.println("ctiflow: error: " + message(e));
            err.flush();
            // an input that is not the JSON it should be is a problem found in it, like invalid STIX
            return causedBy(e, InvalidJsonException.class) ? EXIT_PROBLEMS : EXIT_ERROR;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("ctiflow: " + e.getMessage());
            e.getCommandLine().usage(err);
            return EXIT_ERROR;
        });
        return cli.execute(args);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The most useful one-line message of an exception chain. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof InvocationTargetException
                || t.getClass().getName().startsWith("org.apache.camel.Failed") || t instanceof RuntimeException && t.getMessage() != null
                && t.getCause().getMessage() != null && t.getMessage().contains(t.getCause().getMessage()))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** The pom's version, as the build wrote it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ctiflow " + BuildVersion.current()};
        }
    }
}
