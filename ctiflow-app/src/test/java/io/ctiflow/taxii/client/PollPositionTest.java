package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PollPositionTest {

    private final List<StixObject> first = TestObjects.indicators("first", 3);
    private final List<StixObject> second = TestObjects.indicators("second", 3);

    @Test
    void resumesJustBeforeTheLastDateAddedAndRemembersWhatCanComeAgain() {
        PollPosition p = PollPosition.startingAfter("2024-01-01T00:00:00Z");
        assertThat(p.addedAfter()).isEqualTo("2024-01-01T00:00:00Z");

        p.advance(first, "2024-05-01T10:00:00.000100Z");
        assertThat(p.addedAfter()).isEqualTo("2024-05-01T09:59:59.999100Z");
        assertThat(first).allMatch(p::delivered);
        assertThat(second).noneMatch(p::delivered);
    }

    @Test
    void keysOfPagesOutsideTheOverlapAreForgotten() {
        PollPosition p = PollPosition.startingAfter(null);
        p.advance(first, "2024-05-01T10:00:00.000000Z");
        p.advance(second, "2024-05-01T10:00:00.000900Z");
        assertThat(p.boundarySize()).isEqualTo(6);
        p.advance(List.of(), "2024-05-01T10:00:00.001000Z");
        assertThat(first).noneMatch(p::delivered);
        assertThat(second).allMatch(p::delivered);
    }

    @Test
    void survivesTheCheckpointRoundTrip() {
        PollPosition p = PollPosition.startingAfter("2024-01-01T00:00:00Z");
        p.advance(first, "2024-05-01T10:00:00.000100Z");
        PollPosition back = PollPosition.fromJson(p.toJson(), "test");
        assertThat(back.dateAddedLast()).isEqualTo("2024-05-01T10:00:00.000100Z");
        assertThat(back.addedAfter()).isEqualTo(p.addedAfter());
        assertThat(first).allMatch(back::delivered);
    }
}
