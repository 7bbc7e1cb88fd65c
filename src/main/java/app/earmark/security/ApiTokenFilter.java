package app.earmark.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an API request in by its {@code Authorization: Bearer} personal token; answers 401 with a JSON
 * message for a token that is unknown, revoked or expired. Requests without a bearer token go on to
 * HTTP Basic.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;
    private final ApiSecurityResponses responses;
    private final SecurityContextHolderStrategy securityContexts;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    ApiTokenFilter(ApiTokens tokens, ApiSecurityResponses responses, SecurityContextHolderStrategy securityContexts) {
        this.tokens = tokens;
        this.responses = responses;
        this.securityContexts = securityContexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokens.Check check = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (check instanceof ApiTokens.Check.Refused refused) {
            responses.invalidToken(response, refused.message());
        } else if (check instanceof ApiTokens.Check.Accepted accepted) {
            var authentication = new TokenAuthentication(accepted.principal());
            authentication.setDetails(details.buildDetails(request));
            var context = securityContexts.createEmptyContext();
            context.setAuthentication(authentication);
            securityContexts.setContext(context);
            chain.doFilter(request, response);
        }
    }

    /** Signed in by a personal API token: the owner, with the owner's roles. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final EarmarkPrincipal principal;

        TokenAuthentication(EarmarkPrincipal principal) {
            super(principal.getAuthorities());
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }
    }
}
