package app.earmark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A node answers nothing but its health until it is ready, and again once it refuses traffic (shutting down), so the
 * passive checks of nginx pass its requests to another node (ClusterIT shows it with nginx in front of two nodes).
 */
class NotReadyRefusalTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final NotReadyRefusal filter = new NotReadyRefusal(availability);

    private MockHttpServletResponse get(String path, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private void readiness(ReadinessState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
    }

    @Test
    void beforeTheNodeIsReadyEveryRequestButHealthIsAnsweredServiceUnavailable() throws Exception {
        MockFilterChain page = new MockFilterChain();
        MockHttpServletResponse refused = get("/discussions", page);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getContentAsString()).isEqualTo(NotReadyRefusal.MESSAGE);
        assertThat(page.getRequest()).as("the request went no further").isNull();

        for (String health : new String[] {"/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness"}) {
            MockFilterChain chain = new MockFilterChain();
            get(health, chain);
            assertThat(chain.getRequest()).as(health + " is answered by the actuator").isNotNull();
        }
    }

    @Test
    void aReadyNodeServesEverythingAndRefusesAgainWhenItStopsTakingTraffic() throws Exception {
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        MockFilterChain served = new MockFilterChain();
        assertThat(get("/discussions", served).getStatus()).isEqualTo(200);
        assertThat(served.getRequest()).isNotNull();

        readiness(ReadinessState.REFUSING_TRAFFIC);
        MockFilterChain stopping = new MockFilterChain();
        assertThat(get("/uploads/abc", stopping).getStatus()).isEqualTo(503);
        assertThat(stopping.getRequest()).isNull();
    }

    @Test
    void aPathThatOnlyBeginsLikeHealthIsRefused() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        assertThat(get("/actuator/healthy", chain).getStatus()).isEqualTo(503);
        assertThat(chain.getRequest()).isNull();
    }
}
