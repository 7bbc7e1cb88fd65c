package app.earmark.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** JSON bodies for the API's 401, 403 and 429 (too many failed sign-ins), in the same shape as every other API error. */
@Component
class ApiSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Clock clock;

    ApiSecurityResponses(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInLockedException locked) {
            Instant now = clock.instant();
            response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds(now)));
            write(response, 429, "too_many_requests", locked.messageFor(now));
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Earmark\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Earmark\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
                "Send a personal API token (Authorization: Bearer ea_...) or your Earmark username and password"
                        + " (HTTP Basic).");
    }

    /** A bearer token that is unknown, revoked or expired. */
    void invalidToken(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"Earmark\", error=\"invalid_token\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token", message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "You may not do this.");
    }

    private static void write(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + message + "\"}");
    }
}
