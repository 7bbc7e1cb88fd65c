package app.earmark.eqa.web;

import app.earmark.eqa.EqaEvents.EqaAccessed;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits what an EQA opens outside the pages (which {@code EqaPageAudit} covers): every API resource, recording
 * (play or download) and export, whether answered or refused. A player asks for a recording many times in ranges,
 * so one address is audited once per person in {@link #WINDOW} (as recordings' openings are). Packs audit their own
 * hand-out; they are audited here too as requests.
 */
@Component
class EqaAccessAudit extends OncePerRequestFilter {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Instant> lastAudited = new ConcurrentHashMap<>();

    EqaAccessAudit(CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/media/") || path.startsWith("/exports/")
                || path.startsWith("/eqa/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            currentUser.find().filter(me -> me.hasRole(Role.EQA)).ifPresent(me -> {
                String what = request.getMethod() + " " + request.getRequestURI()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                String key = me.getUsername() + " " + what + " " + response.getStatus();
                Instant now = clock.instant();
                Instant previous = lastAudited.put(key, now);
                if (previous == null || previous.plus(WINDOW).isBefore(now)) {
                    events.publishEvent(new EqaAccessed(me.getUsername(), what, response.getStatus()));
                }
                if (lastAudited.size() > 10_000) {
                    lastAudited.values().removeIf(at -> at.plus(WINDOW).isBefore(now));
                }
            });
        }
    }
}
