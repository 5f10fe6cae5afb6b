package io.ctiflow.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.ctiflow.catalog.CtiflowComponents.OPTIONS_USERS_RELY_ON;
import static io.ctiflow.catalog.CtiflowComponents.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Camel tooling (JBang, IDE completion, Karavan) learns about ctiflow's components: the catalog JSON
 * that camel-package-maven-plugin generates, read through Camel's runtime catalog, by scheme.
 */
class ComponentCatalogTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The modules whose classes carry components (their generated files live in each one's src/generated). */
    private static final List<String> COMPONENT_MODULES = List.of("ctiflow-core", "camel-ctiflow");

    private RuntimeCamelCatalog catalog() {
        return context.getCamelContextExtension().getRuntimeCamelCatalog();
    }

    @Test
    void everyComponentDescribesTheOptionsUsersRelyOn() throws IOException {
        for (var component : OPTIONS_USERS_RELY_ON.entrySet()) {
            String scheme = component.getKey();
            String json = catalog().componentJSonSchema(scheme);
            assertThat(json).as("catalog JSON of %s:", scheme).isNotNull();
            JsonNode catalog = JSON.readTree(json);
            assertThat(catalog.at("/component/scheme").asText()).isEqualTo(scheme);
            assertThat(catalog.at("/component/syntax").asText()).startsWith(scheme + ":");
            assertThat(catalog.at("/component/description").asText()).as("%s: description", scheme).isNotBlank();
            JsonNode options = catalog.path("properties");
            assertThat(options.fieldNames()).toIterable().as("%s: options", scheme).containsAll(component.getValue());
            options.properties().forEach(option -> assertThat(option.getValue().path("description").asText())
                    .as("%s: description of %s", scheme, option.getKey()).isNotBlank());
            for (String secret : SECRETS) {
                if (options.has(secret)) {
                    assertThat(options.path(secret).path("secret").asBoolean()).as("%s: %s is secret", scheme, secret).isTrue();
                }
            }
        }
    }

    @Test
    void requiredOptionsAndHeadersAreDescribed() throws IOException {
        JsonNode webhook = JSON.readTree(catalog().componentJSonSchema("signed-webhook"));
        assertThat(webhook.at("/properties/url/required").asBoolean()).isTrue();
        assertThat(webhook.at("/component/producerOnly").asBoolean()).isTrue();
        assertThat(webhook.path("headers").fieldNames()).toIterable()
                .contains("CtiflowDestination", "CtiflowWebhookRequests", "CtiflowWebhookObjects");

        JsonNode taxii = JSON.readTree(catalog().componentJSonSchema("taxii"));
        assertThat(taxii.path("componentProperties").fieldNames()).toIterable().contains("checkpointDir", "checkpointStore");
        assertThat(taxii.path("headers").fieldNames()).toIterable().contains("CtiflowFeed", "CtiflowTaxiiPage");
    }

    @Test
    void theCatalogCatchesMistakesInEndpointOptionsBeforeARouteRuns() throws Exception {
        EndpointValidationResult typo = catalog().validateProperties("signed-webhook",
                Map.of("name", "partner", "url", "https://hook.example.org/in", "secret", "s", "maxRetrys", "2"));
        assertThat(typo.isSuccess()).isFalse();
        assertThat(typo.getUnknown()).containsExactly("maxRetrys");

        EndpointValidationResult missing = catalog().validateProperties("taxii", Map.of("name", "partner", "pageSize", "many"));
        assertThat(missing.getRequired()).containsExactly("url");
        assertThat(missing.getInvalidInteger()).containsKey("pageSize");

        assertThat(catalog().asEndpointUri("misp", Map.of("name", "circl", "url", "https://misp.example.org"), false))
                .isEqualTo("misp:circl?url=https://misp.example.org");
    }

    /** The plugin does not delete what it generated for a scheme that is gone (webhook: before the rename). */
    @Test
    void generatedDescriptorsAreExactlyTheComponentsOfThisBuild() throws IOException {
        List<String> schemes = new ArrayList<>();
        List<String> catalogs = new ArrayList<>();
        for (String module : COMPONENT_MODULES) {
            Path generated = Path.of(module, "src/generated/resources/META-INF");
            try (Stream<Path> files = Files.list(generated.resolve("services/org/apache/camel/component"))) {
                files.forEach(f -> schemes.add(f.getFileName().toString()));
            }
            try (Stream<Path> files = Files.walk(generated.resolve("io"))) {
                files.filter(f -> f.toString().endsWith(".json")).forEach(f -> catalogs.add(f.getFileName().toString().replace(".json", "")));
            }
        }
        assertThat(schemes).containsExactlyInAnyOrderElementsOf(OPTIONS_USERS_RELY_ON.keySet());
        assertThat(catalogs).containsExactlyInAnyOrderElementsOf(OPTIONS_USERS_RELY_ON.keySet());
    }
}
