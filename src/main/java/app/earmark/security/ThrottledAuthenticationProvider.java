package app.earmark.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password (login page and HTTP Basic alike) only if {@link SignInThrottle} allows
 * the attempt, and tells it how the check went.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = String.valueOf(attempt.getName());
        String address = addressOf(attempt);
        throttle.checkAllowed(username, address);
        try {
            Authentication result = passwords.authenticate(attempt);
            if (result != null) {
                throttle.succeeded(username);
            }
            return result;
        } catch (AuthenticationException e) {
            SignInLockedException locked = throttle.failed(username, address, e.getClass().getSimpleName());
            if (locked != null) {
                locked.initCause(e);
                throw locked;
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    /** The address Spring sees for the request (the proxy's, unless forwarded headers are configured). */
    static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown address";
    }
}
