package io.ctiflow.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ctiflow.catalog.CtiflowComponents.OPTIONS_USERS_RELY_ON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/components/&lt;scheme&gt;.md are the components' catalog JSON rendered (ComponentDocPage), so the option
 * tables cannot drift from the annotations. After changing an option, regenerate them with
 * {@code mvn -q test -Dtest=ComponentDocsTest -Dctiflow.regenerate=true} and commit the pages.
 */
class ComponentDocsTest extends CamelTestSupport {

    static final Path DOCS = Path.of("docs/components");

    @Test
    void everyComponentPageIsItsRenderedCatalog() throws IOException {
        if (Boolean.getBoolean("ctiflow.regenerate")) {
            Files.createDirectories(DOCS);
            for (String scheme : OPTIONS_USERS_RELY_ON.keySet()) {
                Path page = DOCS.resolve(scheme + ".md");
                Files.writeString(page, page(scheme).update(Files.exists(page) ? Files.readString(page) : null));
            }
        }
        for (String scheme : OPTIONS_USERS_RELY_ON.keySet()) {
            Path page = DOCS.resolve(scheme + ".md");
            assertThat(page).as("%s (regenerate: -Dctiflow.regenerate=true)", page).exists();
            String text = Files.readString(page);
            assertThat(ComponentDocPage.section(text)).as("%s generated section (regenerate: -Dctiflow.regenerate=true)", page)
                    .isEqualTo(page(scheme).render());
            assertThat(text).as("%s has an example route", page).contains("## Example").doesNotContain("TODO");
        }
    }

    /** A reader copying an example from a page gets endpoints the catalog accepts: known options, required ones given. */
    @Test
    void everyExampleRouteUsesItsComponentAsTheCatalogDescribesIt() throws Exception {
        for (String scheme : OPTIONS_USERS_RELY_ON.keySet()) {
            String page = Files.readString(DOCS.resolve(scheme + ".md"));
            String example = page.substring(page.indexOf("## Example"));
            List<JsonNode> endpoints = new ArrayList<>();
            for (String block : example.split("```yaml\n")) {
                if (block.contains("```")) {
                    collectEndpoints(new YAMLMapper().readTree(block.substring(0, block.indexOf("```"))), scheme, endpoints);
                }
            }
            assertThat(endpoints).as("%s: endpoints of the example", scheme).isNotEmpty();
            for (JsonNode endpoint : endpoints) {
                Map<String, String> options = new HashMap<>(catalog().endpointProperties(endpoint.path("uri").asText()));
                endpoint.path("parameters").properties().forEach(p -> options.put(p.getKey(), p.getValue().asText()));
                EndpointValidationResult result = catalog().validateProperties(scheme, options);
                assertThat(result.isSuccess()).as("%s example %s: %s", scheme, endpoint, result.summaryErrorMessage(false)).isTrue();
            }
        }
    }

    /** Every {@code uri:} of the scheme in a YAML route, with its {@code parameters:}. */
    private static void collectEndpoints(JsonNode node, String scheme, List<JsonNode> endpoints) {
        if (node.path("uri").asText().startsWith(scheme + ":")) {
            endpoints.add(node);
        }
        node.forEach(child -> collectEndpoints(child, scheme, endpoints));
    }

    private RuntimeCamelCatalog catalog() {
        return context.getCamelContextExtension().getRuntimeCamelCatalog();
    }

    private ComponentDocPage page(String scheme) throws IOException {
        return new ComponentDocPage(new ObjectMapper().readTree(catalog().componentJSonSchema(scheme)));
    }
}
