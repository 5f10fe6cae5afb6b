package io.ctiflow.app;

import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.runtime.StateConfiguration;
import io.ctiflow.state.StateStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the commands that read the state store find it, as the running ctiflow does: the H2 file
 * under {@code <work>/state/} unless a JDBC URL is given; the password only from CTIFLOW_STATE_PASSWORD.
 */
final class StateOptions {

    @Option(names = "--work", paramLabel = "<dir>", description = "ctiflow's work folder (default: $CTIFLOW_WORK, else work/ of the ctiflow home).")
    Path work;

    @Option(names = "--state-url", paramLabel = "<jdbc-url>",
            description = "The state store's JDBC URL (default: $CTIFLOW_STATE_URL, else the H2 file <work>/state/ctiflow).")
    String url;

    @Option(names = "--state-user", paramLabel = "<user>", description = "Its user (default: $CTIFLOW_STATE_USER); the password comes from CTIFLOW_STATE_PASSWORD.")
    String user;

    StateStore open() {
        Path dir = work != null ? work : env("CTIFLOW_WORK").map(Path::of).orElse(CtiflowHome.get().resolve("work"));
        return StateConfiguration.open(name -> switch (name) {
            case "ctiflow.state.url" -> Optional.ofNullable(url).or(() -> env("CTIFLOW_STATE_URL"));
            case "ctiflow.state.user" -> Optional.ofNullable(user).or(() -> env("CTIFLOW_STATE_USER"));
            case "ctiflow.state.password" -> env("CTIFLOW_STATE_PASSWORD");
            default -> Optional.empty();
        }, dir.resolve("state"));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
