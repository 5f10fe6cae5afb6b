package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.Stix;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-source observedData option: an indicator also gets its observed-data (with the observables) and an
 * indicator based-on observed-data relationship, as misp-stix writes every to_ids attribute; off by default.
 */
class MispObservedDataOptionTest {

    private static JsonNode event() throws Exception {
        return Stix.mapper().readTree("""
                {"uuid": "6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", "info": "observed data option", "date": "2024-04-10",
                 "timestamp": "1712743200", "Orgc": {"name": "CIRCL", "uuid": "55f6ea5e-2c60-40e5-964f-47a8950d210f"},
                 "Attribute": [{"uuid": "d1b2c3d4-0000-4000-8000-000000000001", "type": "ip-dst|port", "value": "5.6.7.8|443", "to_ids": true},
                               {"uuid": "d1b2c3d4-0000-4000-8000-000000000002", "type": "http-method", "value": "POST", "to_ids": true},
                               {"uuid": "d1b2c3d4-0000-4000-8000-000000000003", "type": "domain", "value": "circl.lu", "to_ids": false}]}
                """);
    }

    @Test
    void withTheOptionEachIndicatorIsBasedOnItsObservedData() throws Exception {
        MispConversion c = CONVERTER.convert(event(), MispToStix.Options.OBSERVED_DATA);
        validBundle("observedData option", c);
        assertThat(ofType(c, "indicator")).hasSize(2);
        List<ObjectNode> basedOn = ofType(c, "relationship").stream().filter(r -> r.path("relationship_type").asText().equals("based-on")).toList();
        assertThat(basedOn).as("http-method has no standalone observable: its indicator stays alone").hasSize(1);
        ObjectNode indicator = MispTestSupport.byId(c, basedOn.get(0).path("source_ref").asText());
        assertThat(indicator.path("pattern").asText()).isEqualTo("[network-traffic:dst_ref.value = '5.6.7.8' AND network-traffic:dst_port = 443]");
        ObjectNode observed = MispTestSupport.byId(c, basedOn.get(0).path("target_ref").asText());
        assertThat(observed.path("type").asText()).isEqualTo("observed-data");
        assertThat(ofType(c, "observed-data")).as("the ip-dst|port's and the domain's").hasSize(2);
        assertThat(ofType(c, "network-traffic")).singleElement().satisfies(n -> assertThat(n.path("dst_port").asInt()).isEqualTo(443));
    }

    @Test
    void withoutItAnIndicatorStandsAlone() throws Exception {
        MispConversion c = CONVERTER.convert(event());
        assertThat(ofType(c, "relationship")).isEmpty();
        assertThat(ofType(c, "observed-data")).hasSize(1);
    }

    @Test
    void theConsumersHeaderChoosesTheOption() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            MispBatches batches = new MispBatches(CONVERTER);
            DefaultExchange exchange = new DefaultExchange(camel);
            exchange.getIn().setBody(event());
            exchange.getIn().setHeader(MispConstants.OBSERVED_DATA, true);
            Batch on = batches.toBatch(exchange);
            exchange.getIn().setHeader(MispConstants.OBSERVED_DATA, false);
            Batch off = batches.toBatch(exchange);
            assertThat(on.objects().size()).isGreaterThan(off.objects().size());
            assertThat(on.objects()).anyMatch(o -> o.tree().path("relationship_type").asText().equals("based-on"));
        }
    }
}
