package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The store-retry settings bound as typed values: defaults, a list as written in a properties file, bad values. */
class RecordingsPropertiesTest {

    private static RecordingsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("earmark.recordings",
                RecordingsProperties.class);
    }

    @Test
    void storeRetriesDefaultToGrowingDelaysAndFiftyTries() {
        RecordingsProperties defaults = bind(Map.of());
        assertThat(defaults.storeRetryDelays()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofMinutes(10), Duration.ofMinutes(30));
        assertThat(defaults.storeRetryLimit()).isEqualTo(50);
    }

    @Test
    void storeRetryDelaysAreAListOfDurations() {
        assertThat(bind(Map.of("earmark.recordings.store-retry-delays", "2s,3s")).storeRetryDelays())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void aDelayThatIsNotPositiveOrALimitBelowOneIsRefusedSayingWhich() {
        assertThatThrownBy(() -> bind(Map.of("earmark.recordings.store-retry-delays", "30s,0s")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("earmark.recordings.store-retry-delays needs positive durations");
        assertThatThrownBy(() -> bind(Map.of("earmark.recordings.store-retry-limit", "0")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("earmark.recordings.store-retry-limit must be at least 1");
    }
}
