package io.ctiflow.ops;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric names the dashboard test finds in PromQL: functions, groupings, ranges, numbers, variables and strings skipped. */
class PromQlTest {

    @Test
    void findsTheMetricsAndTheirExactMatchersOnly() {
        String expr = "sum by (destination) (rate(ctiflow_destination_objects_total{destination=~\"$destination\",outcome=\"withheld\"}[$__rate_interval]))"
                + " / ignoring(outcome) group_left sum without (outcome) (increase(ctiflow_destination_objects_total[1h] offset 1d)) > 1e9"
                + " and on (le) histogram_quantile(0.95, sum by (le) (rate(ctiflow_stage_seconds_bucket{stage=\"map\"}[5m])))"
                + " or label_replace(vector(0), \"rule\", \"none\", \"\", \"\") unless time() - ctiflow_source_last_success_timestamp_seconds > 3600";
        assertThat(PromQl.selectors(expr)).containsExactly(
                new PromQl.Selector("ctiflow_destination_objects_total", mapOf("destination", null, "outcome", "withheld")),
                new PromQl.Selector("ctiflow_destination_objects_total", Map.of()),
                new PromQl.Selector("ctiflow_stage_seconds_bucket", Map.of("stage", "map")),
                new PromQl.Selector("ctiflow_source_last_success_timestamp_seconds", Map.of()));
    }

    @Test
    void readsAScrapeAndBrackets() {
        var series = PromQl.series("# TYPE a_total counter\na_total{x=\"1\",y=\"b\"} 2.0\na_total{x=\"2\",y=\"b\"} 1.0\nup 1\n");
        assertThat(series).containsKeys("a_total", "up");
        assertThat(series.get("a_total").get("x")).containsExactlyInAnyOrder("1", "2");
        assertThat(PromQl.balanced("sum(rate(a{b=\")\"}[5m]))")).isTrue();
        assertThat(PromQl.balanced("sum(rate(a[5m])")).isFalse();
        assertThat(PromQl.labelValuesMetric("label_values(ctiflow_feed_records_total, feed)")).isEqualTo("ctiflow_feed_records_total");
    }

    private static Map<String, String> mapOf(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
