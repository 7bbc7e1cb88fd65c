package app.earmark.security;

import app.earmark.base.AuditableEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Turns Spring Security's outcomes into Earmark's audit events (failed sign-ins: {@link SignInThrottle}). */
@Component
class SecurityAuditor {

    private final ApplicationEventPublisher events;

    SecurityAuditor(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Sign-ins through the login page (the API authenticates on every request and is not a sign-in). */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        events.publishEvent(new SignedIn(authentication.getName(), from(authentication)));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        events.publishEvent(new SignedOut(event.getAuthentication().getName()));
    }

    /** URL and method refusals of a signed-in person (anonymous visitors are sent to the login page). */
    @EventListener
    void refused(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return;
        }
        events.publishEvent(new AccessRefused(authentication.getName(), describe(event.getSource()),
                "Refused by the security rules"));
    }

    private static String describe(Object secured) {
        if (secured instanceof jakarta.servlet.http.HttpServletRequest request) {
            return "url:" + request.getMethod() + " " + request.getRequestURI();
        }
        if (secured instanceof org.aopalliance.intercept.MethodInvocation invocation) {
            var method = invocation.getMethod();
            return "method:" + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }
        return String.valueOf(secured);
    }

    private static String from(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown address";
    }

    /** Someone signed in through the login page. */
    record SignedIn(String actor, String remoteAddress) implements AuditableEvent {
        public String action() {
            return "signed-in";
        }

        public String subject() {
            return "user:" + actor;
        }

        public String details() {
            return "Signed in from " + remoteAddress;
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    record SignedOut(String actor) implements AuditableEvent {
        public String action() {
            return "signed-out";
        }

        public String subject() {
            return "user:" + actor;
        }

        public String details() {
            return "Signed out";
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }
}
