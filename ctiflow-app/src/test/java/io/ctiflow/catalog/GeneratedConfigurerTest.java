package io.ctiflow.catalog;

import io.ctiflow.sink.WebhookEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.spi.GeneratedPropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Endpoints configured by URI options go through the generated configurers: every option lands where the
 * endpoint reads it, and Camel's bean introspection (reflection) is never asked.
 */
class GeneratedConfigurerTest extends CamelTestSupport {

    @TempDir
    Path state;

    /** One URI per scheme with options off their defaults, and the values the endpoint must then report. */
    private Map<String, Map<String, Object>> uris() {
        return Map.of(
                "taxii:partner?url=https://taxii.example.org/api1/collections/c1/&token=t&pageSize=50&delay=1000&checkpointDir=" + state,
                Map.of("url", "https://taxii.example.org/api1/collections/c1/", "pageSize", 50, "delay", 1000L),
                "misp:circl?url=https://misp.example.org&apiKey=k&tags=tlp:green&distribution=1&delay=2000",
                Map.of("url", "https://misp.example.org", "tags", "tlp:green", "distribution", 1, "delay", 2000L),
                "misp-feed:osint?url=https://feed.example.org/&hashes=false",
                Map.of("url", "https://feed.example.org/", "hashes", false),
                "otx:subscribed?apiKey=k&pageSize=20&endpoint=activity",
                Map.of("pageSize", 20, "endpoint", "activity"),
                "signed-webhook:partner?url=https://hook.example.org/in&secret=s&maxBundleBytes=4096&maxRetries=1",
                Map.of("url", "https://hook.example.org/in", "maxBundleBytes", 4096L, "maxRetries", 1),
                "siem:soc?transport=tcp&host=127.0.0.1&port=6514&facility=local4",
                Map.of("host", "127.0.0.1", "port", 6514, "facility", "local4"),
                "jurisdiction:cert-eu?source=misp-circl&origin=DE",
                Map.of("source", "misp-circl", "origin", "DE"));
    }

    @Test
    void uriOptionsAreSetAndReadWithoutReflection() {
        BeanIntrospection reflection = PluginHelper.getBeanIntrospection(context);
        for (var uri : uris().entrySet()) {
            reflection.resetCounters();
            Endpoint endpoint = context.getEndpoint(uri.getKey());
            assertThat(reflection.getInvokedCounter()).as("reflective calls creating %s", uri.getKey()).isZero();

            PropertyConfigurer configurer = ((DefaultComponent) endpoint.getComponent()).getEndpointPropertyConfigurer();
            assertThat(configurer).as("configurer of %s", uri.getKey()).isInstanceOf(GeneratedPropertyConfigurer.class);
            uri.getValue().forEach((option, value) -> assertThat(((PropertyConfigurerGetter) configurer)
                    .getOptionValue(endpoint, option, false)).as("%s of %s", option, uri.getKey()).isEqualTo(value));
        }
    }

    @Test
    void optionsAreBoundBeforeTheEndpointChecksThem() {
        WebhookEndpoint webhook = context.getEndpoint("signed-webhook:p?url=https://hook.example.org/in&secret=s&maxBundleBytes=4096",
                WebhookEndpoint.class);
        assertThat(webhook.getConfiguration().getMaxBundleBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> context.getEndpoint("signed-webhook:p?url=https://hook.example.org/in&secret=s&maxBundleBytes=10"))
                .hasRootCauseMessage("signed-webhook:p maxBundleBytes must be at least 64");
        assertThatThrownBy(() -> context.getEndpoint("signed-webhook:p?url=https://hook.example.org/in&secret=s&maxBundleByte=4096"))
                .as("a mistyped option").hasMessageContaining("maxBundleByte");
    }
}
