package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.Tlp;
import io.ctiflow.stix.validation.StixValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and forged STIX against the shipped policies: what the filter cannot read exactly is withheld,
 * whatever it claims. The base object is a real URLhaus row (TLP:CLEAR by its source's default, so every
 * shipped destination receives it as it is); each case bends one thing of it.
 */
class HostileStixTest {

    private static final String RED = Tlp.RED.markingId();
    private static JurisdictionFilter filter;
    private static ObjectNode base;

    @BeforeAll
    static void realIndicator() throws Exception {
        filter = new JurisdictionFilter(PolicyTestSupport.shippedPolicy(), DecisionListener.NONE);
        List<StixObject> urlhaus = PolicyTestSupport.csv("urlhaus", "urlhaus-recent-test-rows.csv");
        base = urlhaus.stream().filter(o -> o.type().equals("indicator")).findFirst().orElseThrow().tree();
        assertThat(fanOut(new InputContext("urlhaus", null), base).values())
                .as("the unbent real indicator reaches every shipped destination")
                .allSatisfy(r -> assertThat(Stx.out(r, base)).isNotNull());
    }

    private static ObjectNode indicator() {
        return base.deepCopy();
    }

    private static Map<String, FilterResult> fanOut(InputContext context, ObjectNode... nodes) {
        return filter.fanOut(Stx.objects(nodes), context, filter.policy().destinations());
    }

    private static Map<String, FilterResult> fanOut(ObjectNode... nodes) {
        return fanOut(new InputContext("urlhaus", null), nodes);
    }

    /** Withheld from every shipped destination by {@code rule}, with a reason containing {@code reasonPart}. */
    private static void withheldEverywhere(Map<String, FilterResult> results, ObjectNode o, String rule, String reasonPart) {
        assertThat(results).hasSize(5);
        results.forEach((destination, r) -> {
            assertThat(Stx.out(r, o)).as("%s receives nothing of it", destination).isNull();
            Decision d = Stx.decision(r, o);
            assertThat(d.outcome()).isEqualTo(Outcome.WITHHELD);
            assertThat(d.rule()).as(destination + ": " + d.reason()).isEqualTo(rule);
            assertThat(d.reason()).contains(reasonPart);
        });
    }

    @Test
    void markingRefsOfTheWrongJsonTypeAreInvalidNotUnmarked() {
        ObjectNode asString = indicator();
        asString.put("object_marking_refs", RED);
        withheldEverywhere(fanOut(asString), asString, "invalid", "object_marking_refs");

        ObjectNode asObject = indicator();
        asObject.putObject("object_marking_refs").put("id", RED);
        withheldEverywhere(fanOut(asObject), asObject, "invalid", "object_marking_refs");

        ObjectNode numberInList = indicator();
        numberInList.putArray("object_marking_refs").add(42);
        withheldEverywhere(fanOut(numberInList), numberInList, "invalid", "object_marking_refs");

        ObjectNode granularAsString = indicator();
        granularAsString.put("granular_markings", RED);
        withheldEverywhere(fanOut(granularAsString), granularAsString, "invalid", "granular_markings");
    }

    @Test
    void provenanceOfTheWrongJsonTypeIsInvalid() {
        ObjectNode personalAsString = indicator();
        Stx.ext(personalAsString).put("personal_data", "email-address");
        withheldEverywhere(fanOut(personalAsString), personalAsString, "invalid", "personal_data");

        ObjectNode distributionAsText = indicator();
        Stx.ext(distributionAsText).put("misp_distribution", "0");
        withheldEverywhere(fanOut(distributionAsText), distributionAsText, "invalid", "misp_distribution");
    }

    @Test
    void aForgedStandardDefinitionGetsTheMostRestrictiveReadingAndIsNeverForwarded() {
        ObjectNode forgedClear = Tlp.RED.markingDefinition();
        forgedClear.put("id", Tlp.CLEAR.markingId());
        ObjectNode o = Stx.marked(indicator(), Tlp.CLEAR.markingId());
        withheldEverywhere(fanOut(forgedClear, o), o, "tlp", "TLP:RED");
        // the real definition beside the forgery does not launder it: the stricter of the two holds
        withheldEverywhere(fanOut(forgedClear, Tlp.CLEAR.markingDefinition(), o), o, "tlp", "TLP:RED");
        withheldEverywhere(fanOut(Tlp.CLEAR.markingDefinition(), forgedClear, o), o, "tlp", "TLP:RED");

        // stricter, but not RED: shared only where GREEN may go, marked GREEN, with the standard GREEN body
        ObjectNode greenUnderClearId = Tlp.GREEN.markingDefinition();
        greenUnderClearId.put("id", Tlp.CLEAR.markingId());
        ObjectNode p = Stx.marked(indicator(), Tlp.CLEAR.markingId());
        Map<String, FilterResult> results = fanOut(greenUnderClearId, p);
        assertThat(Stx.out(results.get("feed-vendor"), p)).as("feed-vendor takes TLP:CLEAR only").isNull();
        ObjectNode toCertEu = Stx.out(results.get("cert-eu"), p);
        assertThat(toCertEu).isNotNull();
        assertThat(toCertEu.path("object_marking_refs").toString()).contains(Tlp.GREEN.markingId()).doesNotContain(Tlp.CLEAR.markingId());
        for (FilterResult r : results.values()) {
            for (StixObject out : r.objects()) {
                Tlp.standardDefinition(out.id()).ifPresent(standard ->
                        assertThat(out.tree()).as("%s: only standard bodies under standard ids", r.destination().id()).isEqualTo(standard));
            }
            assertThat(Stx.decision(r, greenUnderClearId).rule()).isEqualTo("invalid");
        }
    }

    @Test
    void aForgedTlp1DefinitionIsReadAsRed() {
        ObjectNode forgedWhite = Stx.parse("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + Stx.TLP1_WHITE + "\","
                + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\",\"name\":\"TLP:WHITE\",\"definition\":{\"tlp\":\"red\"}}");
        ObjectNode o = Stx.marked(indicator(), Stx.TLP1_WHITE);
        withheldEverywhere(fanOut(forgedWhite, o), o, "tlp", "TLP:RED");
    }

    @Test
    void defangedAndEncodedEmailAddressesArePersonalData() {
        List<String> written = List.of("jane.doe [at] example [dot] org", "jane.doe(at)example.org", "jane.doe%40example.org",
                "jane.doe&#64;example.org", "jane.doe＠example.org", "jane.doe[@]example[.]org", "jane.doe@example[.]org");
        ObjectNode o = indicator();
        o.put("description", "Phishing kit; the kit's author wrote to " + String.join(", ", written) + " for support.");
        Map<String, FilterResult> results = fanOut(o);
        results.forEach((destination, r) -> {
            String out = Stx.json(r);
            for (String w : written) {
                assertThat(out).as("%s must not receive '%s' raw", destination, w).doesNotContain(w);
            }
            assertThat(out).doesNotContain("jane.doe");
        });
        // cert-eu pseudonymises: every way of writing the one address is the one pseudonym
        String description = Stx.out(results.get("cert-eu"), o).path("description").asText();
        Set<String> pseudonyms = Pattern.compile("[0-9a-f]{20}@pseudonymised\\.example\\.org").matcher(description).results()
                .map(MatchResult::group).collect(Collectors.toSet());
        assertThat(pseudonyms).as(description).hasSize(1);
        assertThat(description).as("seven written forms, seven pseudonyms in their places").containsPattern("(" + pseudonyms.iterator().next().replace(".", "\\.") + ".*){7}");
    }

    @Test
    void theOperatorsSourceWinsOverTheSourceAnInputClaims() {
        // the object claims urlhaus (TLP:CLEAR by default, shared with everyone); it came in as Shadowserver (AMBER, min trust medium)
        ObjectNode o = indicator();
        Map<String, FilterResult> results = fanOut(new InputContext("shadowserver-sinkhole-http", null), o);
        for (String lowTrust : List.of("us-isac", "feed-vendor", "cn-partner")) {
            assertThat(Stx.out(results.get(lowTrust), o)).as(lowTrust).isNull();
        }
        Decision toCertEu = Stx.decision(results.get("cert-eu"), o);
        assertThat(toCertEu.outcome()).isNotEqualTo(Outcome.WITHHELD);
        assertThat(toCertEu.reason()).contains("claims source urlhaus", "shadowserver-sinkhole-http applies");

        // an input nobody configured is not a source at all, whatever the objects say
        withheldEverywhere(fanOut(new InputContext("partner-upload", null), indicator()), o, "source", "partner-upload");
    }

    @Test
    void aRelayOfCtiflowsOwnOutputKeepsEachObjectsSource() {
        ObjectNode o = indicator();
        fanOut(new InputContext("kafka", null), o).forEach((destination, r) ->
                assertThat(Stx.out(r, o)).as("%s gets the urlhaus object relayed over Kafka", destination).isNotNull());
    }

    @Test
    void aSelfReferencingRelationshipIsInvalid() {
        ObjectNode malware = Stx.prov(Stx.malware("Emotet"), "urlhaus", "CH");
        ObjectNode loop = Stx.prov(Stx.relationship("related-to", malware, malware), "urlhaus", "CH");
        withheldEverywhere(fanOut(malware, loop), loop, "invalid", "two different objects");
        assertThat(new StixValidator().objectErrors(loop)).extracting(Object::toString).anyMatch(p -> p.contains("target_ref"));
    }

    @Test
    void everyObjectTheFilterCallsInvalidIsOneValidateRejectsAndNoOther() {
        List<ObjectNode> cases = new ArrayList<>();
        ObjectNode a = indicator();
        a.put("object_marking_refs", RED);
        cases.add(a);
        ObjectNode b = indicator();
        b.put("created_by_ref", 7);
        cases.add(b);
        cases.add(indicator());
        ObjectNode c = indicator();
        ((ArrayNode) c.withArray("object_marking_refs")).add(Tlp.GREEN.markingId());
        cases.add(c);
        StixValidator validator = new StixValidator();
        for (ObjectNode o : cases) {
            boolean invalidForValidate = StixValidator.hasErrors(validator.objectErrors(o));
            fanOut(o).values().forEach(r -> assertThat("invalid".equals(Stx.decision(r, o).rule())).as(o.toString()).isEqualTo(invalidForValidate));
        }
    }
}
