package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestSearchQueryTest {

    @Test
    void theBodyCarriesPagingTimestampAndEveryFilter() {
        MispConfiguration config = new MispConfiguration();
        config.setPageSize(50);
        config.setTags(" tlp:white , !tlp:red,tlp:green,! ");
        config.setPublished(false);
        config.setOrg("CIRCL");
        config.setThreatLevel(1);
        config.setEventIds("12, 5c066053-0e94-46eb-9746-4b7d950d210f");

        ObjectNode body = new RestSearchQuery(config).body(1569281526L, 3);

        assertThat(body.toString()).isEqualTo("{\"returnFormat\":\"json\",\"timestamp\":1569281526,\"page\":3,"
                + "\"limit\":50,\"tags\":{\"OR\":[\"tlp:white\",\"tlp:green\"],\"NOT\":[\"tlp:red\"]},"
                + "\"published\":false,\"org\":\"CIRCL\",\"threat_level_id\":1,"
                + "\"eventid\":[\"12\",\"5c066053-0e94-46eb-9746-4b7d950d210f\"]}");
    }

    @Test
    void withoutFiltersOrTimestampOnlyPagingIsSent() {
        assertThat(new RestSearchQuery(new MispConfiguration()).body(null, 1).toString())
                .isEqualTo("{\"returnFormat\":\"json\",\"page\":1,\"limit\":100}");
        assertThat(RestSearchQuery.tags("!osint:lifetime=\"delete\"").toString())
                .isEqualTo("{\"NOT\":[\"osint:lifetime=\\\"delete\\\"\"]}");
        assertThat(RestSearchQuery.tags(" , ")).isNull();
    }

    @Test
    void sinceTakesEpochSecondsDatesAndDateTimes() {
        assertThat(MispTimestamps.parseSince("1455373240")).isEqualTo(1455373240L);
        assertThat(MispTimestamps.parseSince("2016-02-13")).isEqualTo(1455321600L);
        assertThat(MispTimestamps.parseSince("2016-02-13T14:20:40Z")).isEqualTo(1455373240L);
        assertThat(MispTimestamps.parseSince("2016-02-13T15:20:40+01:00")).isEqualTo(1455373240L);
        assertThat(MispTimestamps.parseSince("2016-02-13T14:20:40")).isEqualTo(1455373240L);
        assertThatThrownBy(() -> MispTimestamps.parseSince("last tuesday"))
                .hasMessageStartingWith("invalid since 'last tuesday': expected epoch seconds or an ISO-8601 date");
    }
}
