package app.earmark.security;

import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused because there were too many failed sign-ins for the account or from the address,
 * whatever the password. Says when to try again.
 */
class SignInLockedException extends LockedException {

    private final boolean forAccount;
    private final Instant retryAt;

    SignInLockedException(boolean forAccount, Instant retryAt) {
        super("Too many failed sign-ins " + (forAccount ? "for this account" : "from this address"));
        this.forAccount = forAccount;
        this.retryAt = retryAt;
    }

    Instant retryAt() {
        return retryAt;
    }

    /** Whole seconds until the lock ends (at least 1), for {@code Retry-After}. */
    long retryAfterSeconds(Instant now) {
        long millis = Duration.between(now, retryAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** "Too many failed sign-ins for this account; try again in 4 minutes." */
    String messageFor(Instant now) {
        long seconds = retryAfterSeconds(now);
        long minutes = (seconds + 59) / 60;
        String wait = seconds < 60 ? seconds + (seconds == 1 ? " second" : " seconds")
                : minutes + (minutes == 1 ? " minute" : " minutes");
        return "Too many failed sign-ins " + (forAccount ? "for this account" : "from your address")
                + "; try again in " + wait + ".";
    }
}
