package io.ctiflow.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator's JDBC URL becomes before a store opens it (the crash itself: ServeKillAndRestartTest). */
class DurableJdbcUrlTest {

    @Test
    void h2FileUrlsGetWriteDelayZeroOthersPassUnchanged() {
        assertThat(DurableJdbcUrl.of("jdbc:h2:file:/var/x")).isEqualTo("jdbc:h2:file:/var/x;WRITE_DELAY=0");
        assertThat(DurableJdbcUrl.of("jdbc:h2:/var/x;CACHE_SIZE=8192;")).isEqualTo("jdbc:h2:/var/x;CACHE_SIZE=8192;WRITE_DELAY=0");
        assertThat(DurableJdbcUrl.of("jdbc:h2:file:/var/x;write_delay = 0")).isEqualTo("jdbc:h2:file:/var/x;write_delay = 0");
        assertThat(DurableJdbcUrl.of("jdbc:postgresql://db:5432/cti")).isEqualTo("jdbc:postgresql://db:5432/cti");
    }

    @Test
    void aUrlThatAsksForAWriteDelayIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DurableJdbcUrl.of("jdbc:h2:file:/var/x;WRITE_DELAY=500"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WRITE_DELAY=500").hasMessageContaining("jdbc:h2:file:/var/x");
    }

    @Test
    void inMemoryH2IsRefusedUnlessAccepted() {
        assertThatThrownBy(() -> DurableJdbcUrl.of("jdbc:h2:mem:x")).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> DurableJdbcUrl.of("jdbc:h2:tcp://localhost/mem:x")).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> DurableJdbcUrl.of("jdbc:h2:mem:x", false, "--in-memory-store")).hasMessageContaining("--in-memory-store");
        assertThat(DurableJdbcUrl.of("jdbc:h2:mem:x", true, "--in-memory-store")).isEqualTo("jdbc:h2:mem:x");
    }
}
