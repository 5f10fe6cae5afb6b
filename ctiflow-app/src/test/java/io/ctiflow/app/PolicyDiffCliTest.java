package io.ctiflow.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ctiflow.app.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ctiflow policy diff as CI on a policy repository uses it: a modified copy of the shipped policies, replayed on the
 * Shadowserver sinkhole sample, shows what would newly be shared and fails; the reverse change only withholds and passes.
 */
class PolicyDiffCliTest {

    @TempDir
    Path tmp;

    private Path bundle;

    @BeforeEach
    void convertTheSample() {
        bundle = tmp.resolve("shadowserver.json");
        CliTest.Run convert = run("convert", "-m", "shadowserver-sinkhole-http", "ctiflow-app/src/test/resources/data/csv/shadowserver-event4-sinkhole-http.csv",
                "-o", bundle.toString());
        assertThat(convert.code()).as(convert.err()).isZero();
    }

    /** The shipped policies with us-isac trusted medium and let in on Shadowserver's TLP:AMBER reports. */
    private static void loosen(Path policies) throws IOException {
        Path destinations = policies.resolve("destinations.yaml");
        String d = Files.readString(destinations);
        String usIsac = "    trust: low\n    max_tlp: green\n    content: [indicators, observables]\n    personal_data: {default: redact, ip-address: generalise}";
        assertThat(d).contains(usIsac);
        Files.writeString(destinations, d.replace(usIsac, usIsac.replace("trust: low", "trust: medium").replace("max_tlp: green", "max_tlp: amber")));
        Path sources = policies.resolve("sources.yaml");
        String s = Files.readString(sources);
        assertThat(s).contains("amber_to: [cert-eu, ncsc-uk]\n    min_trust: medium");
        Files.writeString(sources, s.replace("amber_to: [cert-eu, ncsc-uk]\n    min_trust: medium", "amber_to: [cert-eu, ncsc-uk, us-isac]\n    min_trust: medium"));
    }

    private Path copyOfShippedPolicies(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("jurisdictions.yaml", "destinations.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void aChangeThatSharesMoreListsTheObjectsAndFails() throws IOException {
        Path changed = copyOfShippedPolicies(tmp.resolve("changed"));
        loosen(changed);
        CliTest.Run diff = run("policy", "diff", "--from", "policies", "--to", changed.toString(), bundle.toString());
        assertThat(diff.code()).as(diff.out() + diff.err()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(diff.out()).contains("== us-isac: 5 newly shared, 0 newly withheld, 0 differently redacted")
                .contains("newly shared, was withheld by [source]: 4")
                .contains("before: withheld [source] source shadowserver-sinkhole-http shares only with trust medium or higher; us-isac is trusted low")
                .contains("indicator--68a9a479-dd12-5a4c-acd0-ff527e3d2ccb")
                .contains("unchanged: cert-eu, ncsc-uk, feed-vendor, cn-partner")
                .contains("5 objects would newly be shared: exit 1");

        CliTest.Run back = run("policy", "diff", "--from", changed.toString(), "--to", "policies", bundle.toString());
        assertThat(back.code()).as(back.out() + back.err()).isZero();
        assertThat(back.out()).contains("== us-isac: 0 newly shared, 5 newly withheld").contains("newly withheld, by [source]: 4")
                .contains("nothing would newly be shared");
    }

    @Test
    void aRedactionChangeIsShownByItsRule() throws IOException {
        Path changed = copyOfShippedPolicies(tmp.resolve("changed"));
        Path destinations = changed.resolve("destinations.yaml");
        Files.writeString(destinations, Files.readString(destinations).replace("personal_data: {default: pseudonymise, ip-address: generalise}",
                "personal_data: {default: pseudonymise, ip-address: keep}"));
        CliTest.Run diff = run("policy", "diff", "--from", "policies", "--to", changed.toString(), bundle.toString(), "--examples", "1");
        assertThat(diff.code()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("== ncsc-uk: 0 newly shared, 0 newly withheld, 5 differently redacted")
                .contains("differently redacted, by [personal-data]: 5").contains("before: redacted [personal-data,references] ip-address generalised in name");
        assertThat(diff.out().lines().filter(l -> l.startsWith("    indicator--")).count()).isEqualTo(1);
    }

    @Test
    void theBeforePolicyCanBeAGitRevision() throws Exception {
        Path repo = tmp.resolve("policy-repo");
        Path policies = copyOfShippedPolicies(repo.resolve("policies"));
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=ci", "-c", "user.email=ci@example.org", "commit", "-q", "-m", "shipped policies");
        loosen(policies);
        CliTest.Run diff = run("policy", "diff", "--from", "HEAD", "--to", policies.toString(), bundle.toString());
        assertThat(diff.code()).as(diff.out() + diff.err()).isEqualTo(CtiflowCli.EXIT_PROBLEMS);
        assertThat(diff.out()).startsWith("policy diff: HEAD -> ").contains("== us-isac: 5 newly shared");

        CliTest.Run unknown = run("policy", "diff", "--from", "no-such-revision", "--to", policies.toString(), bundle.toString());
        assertThat(unknown.code()).isEqualTo(CtiflowCli.EXIT_ERROR);
        assertThat(unknown.err()).contains("--from is neither a folder nor a git revision");
    }

    @Test
    void withoutBundlesTheNewestOfTheOutboxAreReplayed() throws IOException {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Files.copy(bundle, outbox.resolve("a.json"));
        Files.copy(bundle, outbox.resolve("b.json"));
        Path changed = copyOfShippedPolicies(tmp.resolve("changed"));
        loosen(changed);
        CliTest.Run diff = run("policy", "diff", "--from", "policies", "--to", changed.toString(), "--outbox", outbox.toString(), "--recent", "1");
        assertThat(diff.out()).contains(", 1 bundle, 75 decisions compared").contains("== us-isac: 5 newly shared");
        assertThat(run("policy", "diff", "--from", "policies", "--to", changed.toString(), "--outbox", outbox.toString()).out())
                .contains(", 2 bundles, 150 decisions compared").contains("== us-isac: 10 newly shared");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
