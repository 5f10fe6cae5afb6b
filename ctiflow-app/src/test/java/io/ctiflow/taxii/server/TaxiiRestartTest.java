package io.ctiflow.taxii.server;

import org.junit.jupiter.api.Test;

import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Objects, versions, date_added order and status resources survive a restart on the same store. */
class TaxiiRestartTest extends TaxiiServerTestBase {

    @Test
    void everythingIsStillThereAfterARestartAndNewObjectsComeAfter() {
        TaxiiTestServer before = TaxiiTestServer.restart(taxii); // own server on the same store: this test restarts it
        String statusId;
        String last;
        try (before) {
            statusId = before.http.post(before.objects(before.shared), ALICE, StixFixtures.indicators(60_000, 50)).json().path("id").asText();
            last = before.http.get(before.objects(before.shared) + "?limit=100", ALICE)
                    .header("X-TAXII-Date-Added-Last");
        }
        try (TaxiiTestServer after = TaxiiTestServer.restart(before)) {
            assertThat(after.http.get(after.objects(after.shared) + "?limit=100", ALICE).json().path("objects")).hasSize(50);
            assertThat(after.http.get(after.server.apiRootUrl(TaxiiTestServer.ROOT) + "status/" + statusId + "/", ALICE).json()
                    .path("success_count").asInt()).isEqualTo(50);
            after.http.post(after.objects(after.shared), ALICE, StixFixtures.indicators(60_050, 5));
            TaxiiHttp.Answer fresh = after.http.get(after.objects(after.shared) + "?added_after=" + last, ALICE);
            assertThat(fresh.json().path("objects")).hasSize(5);
            assertThat(fresh.header("X-TAXII-Date-Added-First")).isGreaterThan(last);
        }
    }
}
