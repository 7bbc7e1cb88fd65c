package app.earmark.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What Earmark's pages send and fetch by script rather than by navigating: a live recording's parts and its finish,
 * tags, tus uploads, a live observation's parts, and the session's CSRF token ({@link SessionTokens}). Without a signed-in session (it ended, or the server or its node
 * restarted or died) such a request is answered 401 with a plain message, ahead of the CSRF check and of the login
 * redirect a navigation gets: a script that followed the redirect took the login page's 200 for its request's success
 * (a recording's part thrown away as stored).
 */
final class SignedOutScriptRequests extends OncePerRequestFilter {

    static final String[] PATHS = {"/live/**", "/uploads", "/uploads/**", "/workspace/recordings/*/tags",
        "/workspace/pages/*/recordings/*/tags", "/workspace/tags/**", "/workspace/pages/*/tags/**",
        "/observation/live/**", SessionTokens.PATH};
    static final String MESSAGE = "You are signed out of Earmark (the server restarted, or your session ended)."
            + " Sign in again.";

    private final RequestMatcher scripts;
    private final SecurityContextHolderStrategy contexts;

    SignedOutScriptRequests(SecurityContextHolderStrategy contexts) {
        var paths = PathPatternRequestMatcher.withDefaults();
        this.scripts = new OrRequestMatcher(Arrays.stream(PATHS).map(p -> (RequestMatcher) paths.matcher(p)).toList());
        this.contexts = contexts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !scripts.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = contexts.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(MESSAGE);
    }
}
