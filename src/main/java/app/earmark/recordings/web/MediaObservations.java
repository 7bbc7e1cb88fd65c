package app.earmark.recordings.web;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * A media player's Range requests are timed once, as {@value MediaController#RANGE_TIMER} (by store and outcome), and
 * not a second time as {@code http.server.requests}: that observation (a context, an active-requests gauge and a
 * timer looked up by their tags, per request) was about a tenth of a Range request's time in Spring
 * (docs/benchmarks.md, "Streaming"), on the request a player sends many times a second. Every other request, media
 * requests without a Range (a poster, the waveform, a download) included, is observed as before.
 */
@Configuration(proxyBeanMethods = false)
class MediaObservations {

    @Bean
    ObservationPredicate mediaRangeRequestsTimedOnce() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isMediaRangeRequest(server.getCarrier()));
    }

    static boolean isMediaRangeRequest(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.RANGE) != null
                && request.getRequestURI().startsWith(request.getContextPath() + "/media/");
    }
}
