package app.earmark.recordings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live recordings ({@code earmark.live.*}).
 *
 * @param abandonAfter how long without a part before a live recording is closed with what arrived
 * @param partMillis   how often the browser sends a part (its MediaRecorder timeslice)
 */
@ConfigurationProperties("earmark.live")
public record LiveProperties(@DefaultValue("2m") Duration abandonAfter, @DefaultValue("2000") int partMillis) {
}
