package app.earmark.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed sign-ins (login page and HTTP Basic on the API).
 *
 * @param maxFailures            failed sign-ins for one account within {@code window} that lock it
 * @param maxFailuresPerAddress  failed sign-ins from one client address within {@code window} that lock
 *                               the address (for every account; higher, as a centre may share one address)
 * @param window                 how far back failures are counted
 * @param lockout                how long a locked account or address is refused, even with the right password
 */
@ConfigurationProperties("earmark.security.sign-in")
record SignInProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("50") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window,
        @DefaultValue("5m") Duration lockout) {

    SignInProperties {
        if (maxFailures < 1 || maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("earmark.security.sign-in.max-failures and max-failures-per-address"
                    + " must be at least 1");
        }
        if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("earmark.security.sign-in.window and lockout must be longer than 0");
        }
    }
}
