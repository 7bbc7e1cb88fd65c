package app.earmark.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * The person the current request or UI interaction is made by. Reads the application's own security
 * context holder (Vaadin's session-aware one), not the JVM-wide static, which another application
 * context in the same JVM (as in tests) may have replaced.
 */
@Component
public class CurrentUser {

    private final SecurityContextHolderStrategy securityContexts;

    CurrentUser(SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
    }

    public Optional<EarmarkPrincipal> find() {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof EarmarkPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }

    /** The signed-in person; refuses when nobody is signed in. */
    public EarmarkPrincipal require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Nobody is signed in"));
    }

    /** Username of the signed-in person, or "system" for work Earmark does by itself. */
    public String actorName() {
        return find().map(EarmarkPrincipal::getUsername).orElse(app.earmark.base.AuditableEvent.SYSTEM);
    }
}
