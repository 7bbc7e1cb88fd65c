package app.earmark.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) sent by a page of another site: its
 * {@code Origin} (or, without one, its {@code Referer}) must be the address the request came in on, the
 * scheme, host and port the server sees. Behind a proxy that address follows {@code X-Forwarded-*} only
 * when Spring's forwarded-header handling is on ({@code server.forward-headers-strategy}), which is what
 * makes the request report it. A request with neither header (not a browser's) is left to the other
 * checks: the session and its CSRF token.
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SameOriginFilter.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String source = origin != null ? origin : request.getHeader(HttpHeaders.REFERER);
        if (source == null) {
            chain.doFilter(request, response);
            return;
        }
        String own = ownOrigin(request);
        String from = originOf(source);
        if (own.equals(from)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Refused {} {} from {} (this server is {})", request.getMethod(), request.getRequestURI(),
                from == null ? source : from, own);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Refused: this request was sent by a page of another site ("
                + (from == null ? "an unknown origin" : shown(from)) + "), not by Earmark's own pages ("
                + shown(own) + "). Open Earmark at " + shown(own) + " and try again.");
    }

    /** scheme://host:port the request came in on, as the server sees it. */
    static String ownOrigin(HttpServletRequest request) {
        return normalise(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** The origin of an {@code Origin} or {@code Referer} value, or null if it has none ("null", garbage). */
    static String originOf(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return normalise(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An origin as people write it, without the scheme's default port. */
    private static String shown(String origin) {
        return origin.startsWith("http://") && origin.endsWith(":80") ? origin.substring(0, origin.length() - 3)
                : origin.startsWith("https://") && origin.endsWith(":443") ? origin.substring(0, origin.length() - 4)
                : origin;
    }

    private static String normalise(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p = port > 0 ? port : s.equals("https") ? 443 : 80;
        return s + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + p;
    }
}
