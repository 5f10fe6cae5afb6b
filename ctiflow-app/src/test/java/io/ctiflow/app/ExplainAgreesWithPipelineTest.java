package io.ctiflow.app;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.policy.Decision;
import io.ctiflow.policy.JurisdictionFilter;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyFanOut;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's hint, {@code ctiflow explain -d <destination> <bundle>}, on a bundle the pipeline wrote: without
 * --source, explain gives every object the decision the pipeline's fan-out made for it (and audited), because
 * both judge the objects without provenance (the feed's identity, markings) as coming from the batch's source.
 */
class ExplainAgreesWithPipelineTest extends CamelTestSupport {

    private static final Pattern DESTINATION = Pattern.compile("^== (\\S+) \\(");
    private static final Pattern DECISION = Pattern.compile("^(shared|redacted|withheld)\\s+(\\S+)\\s+\\[([^\\]]+)\\]");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"urlhaus, examples/feeds/urlhaus/urlhaus-recent-sample.csv",
            "urlhaus-country, examples/feeds/urlhaus-country/abusech-urlhaus-country-jp.csv",
            "feodotracker, examples/feeds/feodotracker/abusech-feodotracker-ipblocklist.csv"})
    void explainWithoutSourceDecidesAsThePipelineDid(String feed, String records) throws Exception {
        Path bundle = tmp.resolve(feed + ".json");
        CliTest.Run convert = CliTest.run("convert", "-m", feed, "-o", bundle.toString(), records);
        assertThat(convert.code()).as(convert.err()).isIn(0, 1);
        List<StixObject> objects = StixBundleReader.read(bundle);

        Map<String, String> pipeline = pipelineDecisions(feed, bundle, objects);
        CliTest.Run explain = CliTest.run("explain", bundle.toString());
        assertThat(explain.code()).as(explain.err()).isZero();

        assertThat(pipeline).as("the pipeline shares some of %s", feed).containsValue("shared [all]");
        assertThat(explainedDecisions(explain.out())).isEqualTo(pipeline);
        assertThat(explain.out()).startsWith("source " + feed + ", as the objects' ctiflow provenance names it");
    }

    /** destination + object id -> outcome and rule, as the fan-out step of the routes decided them for the bundle's batch. */
    private Map<String, String> pipelineDecisions(String feed, Path bundle, List<StixObject> objects) {
        Policy policy = new PolicyLoader(Path.of("policies/schema")).load(Path.of("policies"));
        List<Decision> audited = new ArrayList<>();
        PolicyFanOut fanOut = new PolicyFanOut(new JurisdictionFilter(policy, audited::add), null);
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(new Batch(feed, bundle.toString(), 1, objects.size(), objects, List.of()));
        fanOut.fanOut(exchange);
        Map<String, String> decisions = new HashMap<>();
        audited.forEach(d -> decisions.put(d.destination() + " " + d.objectId(), d.outcome().word() + " [" + d.rule() + "]"));
        return decisions;
    }

    private static Map<String, String> explainedDecisions(String out) {
        Map<String, String> decisions = new HashMap<>();
        String destination = null;
        for (String line : out.split("\n")) {
            Matcher d = DESTINATION.matcher(line);
            Matcher o = DECISION.matcher(line);
            if (d.find()) {
                destination = d.group(1);
            } else if (o.find()) {
                decisions.put(destination + " " + o.group(2), o.group(1) + " [" + o.group(3) + "]");
            }
        }
        return decisions;
    }
}
