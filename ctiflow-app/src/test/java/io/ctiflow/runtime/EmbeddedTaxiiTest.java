package io.ctiflow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.stix.Stix;
import io.ctiflow.taxii.server.Passwords;
import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded TAXII server of a ctiflow run: a collection per destination, each partner sees only its own. */
class EmbeddedTaxiiTest {

    private static final String ACCEPT = "application/taxii+json;version=2.1";

    @TempDir
    Path tmp;

    private EmbeddedTaxii taxii;

    @AfterEach
    void stop() {
        if (taxii != null) {
            taxii.close();
        }
    }

    private JsonNode get(String url, String authorization, int expectedStatus) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT)
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return Stix.mapper().readTree(r.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachDestinationReadsOnlyItsOwnCollectionAndTheAdminReadsAll() throws Exception {
        String certEuHash = Passwords.hash("cert-eu-secret".toCharArray(), 1000);
        var policy = new PolicyLoader(Path.of("policies/schema"), name -> null).load(Path.of("policies"));
        taxii = EmbeddedTaxii.start(policy, StoreSettings.h2File(tmp.resolve("taxii")), "127.0.0.1", 0, "admin",
                Passwords.hash("admin-secret".toCharArray(), 1000), Map.of("CTIFLOW_TAXII_PASSWORD_HASH_CERT_EU", certEuHash)::get);

        JsonNode asAdmin = get(taxii.apiRootUrl() + "collections/", basic("admin", "admin-secret"), 200);
        assertThat(asAdmin.path("collections").findValuesAsText("title")).containsExactlyInAnyOrder("cert-eu", "ncsc-uk", "us-isac", "feed-vendor", "cn-partner");
        JsonNode asCertEu = get(taxii.apiRootUrl() + "collections/", basic("cert-eu", "cert-eu-secret"), 200);
        assertThat(asCertEu.path("collections").findValuesAsText("title")).containsExactly("cert-eu");
        assertThat(asCertEu.path("collections").get(0).path("id").asText()).isEqualTo(EmbeddedTaxii.collectionId("cert-eu").toString());
        get(taxii.apiRootUrl() + "collections/" + EmbeddedTaxii.collectionId("us-isac") + "/objects/", basic("cert-eu", "cert-eu-secret"), 404);
        get(taxii.apiRootUrl() + "collections/", basic("cert-eu", "wrong"), 401);
        // destinations without a configured hash have no user: nobody logs in as them
        get(taxii.apiRootUrl() + "collections/", basic("ncsc-uk", "anything"), 401);
    }
}
