package io.ctiflow.app;

import io.ctiflow.misp.StixToMisp;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.util.List;

/**
 * The MISP event settings of {@code convert --to misp}: those a user deciding how the event is shared needs;
 * analysis stays 0 (initial) and the event unpublished, so importing the file never e-mails or synchronises it
 * before someone reviewed it in MISP.
 */
final class MispEventOptions {

    /** Names the event uuid's destination part: converting the same input again gives the same event uuid. */
    private static final String DESTINATION = "convert";

    @Option(names = "--misp-distribution", paramLabel = "<0-4>", defaultValue = "0",
            description = "MISP event distribution: 0 your organisation only (default), 1 this community, 2 connected communities, "
                    + "3 all communities, 4 the sharing group of --misp-sharing-group. Attributes inherit it.")
    int distribution;

    @Option(names = "--misp-sharing-group", paramLabel = "<id>", description = "MISP's id of the sharing group; required with --misp-distribution 4.")
    String sharingGroup;

    @Option(names = "--misp-info", paramLabel = "<text>", defaultValue = "ctiflow {source}: {origin}",
            description = "Event info when the STIX holds no named report (a converted MISP event keeps its own); "
                    + "{source} is the mapping or input format, {origin} the input file name (default: ${DEFAULT-VALUE}).")
    String info;

    @Option(names = "--misp-threat-level", paramLabel = "<1-4>", defaultValue = "4",
            description = "threat_level_id of the event: 1 high, 2 medium, 3 low, 4 undefined (default).")
    int threatLevel;

    /** Whether any of these options was given (they mean nothing without --to misp). */
    static boolean anyGiven(ParseResult parsed) {
        return List.of("--misp-distribution", "--misp-sharing-group", "--misp-info", "--misp-threat-level").stream()
                .anyMatch(parsed::hasMatchedOption);
    }

    /** The options as {@link StixToMisp} takes them, checked as the misp: producer checks its own. */
    StixToMisp.Options options() {
        StixToMisp.sharingProblem(distribution, sharingGroup, "--misp-distribution", "--misp-sharing-group").ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (threatLevel < 1 || threatLevel > 4) {
            throw new IllegalArgumentException("--misp-threat-level must be 1 to 4");
        }
        boolean group = sharingGroup != null && !sharingGroup.isBlank();
        return new StixToMisp.Options(DESTINATION, distribution, group ? sharingGroup.trim() : null, info, threatLevel, 0, false);
    }
}
