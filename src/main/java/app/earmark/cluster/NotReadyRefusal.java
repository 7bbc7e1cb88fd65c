package app.earmark.cluster;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until this node is ready (its start-up work done: migrations, the shipped catalogue, demo data) and again once it
 * begins to shut down, every request but the health checks is answered {@code 503} with {@code Retry-After}.
 * Open-source nginx checks nodes only passively (docs/deployment/nginx.conf): it sends requests to any node whose port
 * accepts connections, and a node's port opens before its start-up work has run. With this answer nginx passes the
 * request to the other node ({@code proxy_next_upstream http_503}) and leaves this one out for {@code fail_timeout},
 * so nothing is served by a node that is not ready.
 */
final class NotReadyRefusal extends OncePerRequestFilter {

    static final String MESSAGE = "This Earmark server is starting or stopping and is not taking requests yet; try"
            + " again in a few seconds.";

    private final ApplicationAvailability availability;

    NotReadyRefusal(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(MESSAGE);
    }
}
