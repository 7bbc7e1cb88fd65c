package app.earmark.security;

import app.earmark.base.AuditableEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins by account and by client address, and locks either for a while once it has
 * failed too often: while locked, every sign-in is refused, even with the right password, without
 * checking the password at all. A successful sign-in clears the account's count (not the address's).
 *
 * <p>The audit trail gets the first failure of a series, the lockout (with the count and the address)
 * and one summary of the sign-ins refused while locked, never one entry per attempt. Counts are kept in
 * memory: a restart forgets them (Earmark runs as one server).
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SignInProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<String, Tally> accounts = new HashMap<>();
    private final Map<String, Tally> addresses = new HashMap<>();

    SignInThrottle(SignInProperties limits, Clock clock, ApplicationEventPublisher events) {
        this.limits = limits;
        this.clock = clock;
        this.events = events;
    }

    /** Refuses the attempt if the account or the address is locked; counts it as refused if so. */
    void checkAllowed(String username, String address) {
        List<AuditableEvent> audit = new ArrayList<>();
        SignInLockedException refusal;
        synchronized (this) {
            Instant now = clock.instant();
            Tally account = current(accounts, accountKey(username), now, audit);
            Tally from = current(addresses, address, now, audit);
            Tally locked = account != null && account.lockedAt(now) ? account
                    : from != null && from.lockedAt(now) ? from : null;
            refusal = locked == null ? null : new SignInLockedException(locked == account, locked.lockedUntil);
            if (locked != null) {
                locked.refused(address);
            }
        }
        audit.forEach(events::publishEvent);
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * Counts a failed sign-in. Returns the lock it caused, if this failure was one too many, for the
     * caller to report instead of a wrong password.
     */
    SignInLockedException failed(String username, String address, String reason) {
        List<AuditableEvent> audit = new ArrayList<>();
        SignInLockedException locked = null;
        synchronized (this) {
            Instant now = clock.instant();
            Tally account = currentOrNew(accounts, accountKey(username), now, audit);
            Tally from = currentOrNew(addresses, address, now, audit);
            if (account.failures == 0) {
                audit.add(new SignInFailed(username, address, reason));
            }
            if (account.failed(now, limits.maxFailures(), limits, address)) {
                audit.add(new SignInLockedOut(username, "user:" + username, account.failures, address,
                        limits, account.lockedUntil));
                locked = new SignInLockedException(true, account.lockedUntil);
            }
            if (from.failed(now, limits.maxFailuresPerAddress(), limits, address)) {
                audit.add(new SignInLockedOut(AuditableEvent.SYSTEM, "address:" + address, from.failures, address,
                        limits, from.lockedUntil));
                if (locked == null) {
                    locked = new SignInLockedException(false, from.lockedUntil);
                }
            }
        }
        audit.forEach(events::publishEvent);
        return locked;
    }

    /** A successful sign-in: the account starts afresh. */
    synchronized void succeeded(String username) {
        Tally account = accounts.get(accountKey(username));
        if (account != null && !account.lockedAt(clock.instant())) {
            accounts.remove(accountKey(username));
        }
    }

    /** Writes the summaries of locks that have ended and forgets counts that are out of the window. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void sweep() {
        List<AuditableEvent> audit = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (var tallies : List.of(accounts, addresses)) {
                for (String key : List.copyOf(tallies.keySet())) {
                    current(tallies, key, now, audit);
                }
            }
        }
        audit.forEach(events::publishEvent);
    }

    /**
     * The tally for the key, or null once its lock has ended (then with the summary of what was refused
     * while locked added to {@code audit}) or its window has passed.
     */
    private Tally current(Map<String, Tally> tallies, String key, Instant now, List<AuditableEvent> audit) {
        Tally tally = tallies.get(key);
        if (tally == null) {
            return null;
        }
        if (tally.lockedUntil != null && !tally.lockedAt(now)) {
            if (tally.refused > 0) {
                boolean account = tallies == accounts;
                audit.add(new SignInsRefusedWhileLocked(account ? key : AuditableEvent.SYSTEM,
                        (account ? "user:" : "address:") + key, tally.refused, tally.refusedFrom, tally.lockedSince,
                        tally.lockedUntil));
            }
            tallies.remove(key);
            return null;
        }
        if (tally.lockedUntil == null && tally.windowStart.plus(limits.window()).isBefore(now)) {
            tallies.remove(key);
            return null;
        }
        return tally;
    }

    private Tally currentOrNew(Map<String, Tally> tallies, String key, Instant now, List<AuditableEvent> audit) {
        Tally tally = current(tallies, key, now, audit);
        if (tally == null) {
            tally = new Tally(now);
            tallies.put(key, tally);
        }
        return tally;
    }

    private static String accountKey(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** Failures of one account or address within the window, and its lock if any. */
    private static final class Tally {
        Instant windowStart;
        int failures;
        Instant lockedSince;
        Instant lockedUntil;
        int refused;
        final TreeSet<String> refusedFrom = new TreeSet<>();

        Tally(Instant now) {
            this.windowStart = now;
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        /** Counts a failure; true if it locks. */
        boolean failed(Instant now, int max, SignInProperties limits, String address) {
            if (lockedAt(now)) {
                refused(address);
                return false;
            }
            if (windowStart.plus(limits.window()).isBefore(now)) {
                windowStart = now;
                failures = 0;
            }
            failures++;
            if (failures >= max) {
                lockedSince = now;
                lockedUntil = now.plus(limits.lockout());
                log.warn("Sign-in locked after {} failures until {}", failures, lockedUntil);
                return true;
            }
            return false;
        }

        void refused(String address) {
            refused++;
            if (refusedFrom.size() < 20) {
                refusedFrom.add(address);
            }
        }
    }

    /** The first failed sign-in of a series for this username (wrong password, unknown or disabled account). */
    record SignInFailed(String attemptedUsername, String remoteAddress, String reason) implements AuditableEvent {
        public String actor() {
            return attemptedUsername;
        }

        public String action() {
            return "sign-in-failed";
        }

        public String subject() {
            return "user:" + attemptedUsername;
        }

        public String details() {
            return "Sign-in failed from " + remoteAddress + " (" + reason + "); further failures are counted"
                    + " and recorded if they lock the account";
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** Too many failed sign-ins for an account or from an address: sign-ins are refused until the lock ends. */
    record SignInLockedOut(String actor, String subject, int failures, String lastAddress, SignInProperties limits,
            Instant until) implements AuditableEvent {
        public String action() {
            return "sign-in-locked";
        }

        public String details() {
            return failures + " failed sign-ins within " + minutes(limits.window()) + " (the last from " + lastAddress
                    + "); every sign-in " + (subject.startsWith("user:") ? "for this account" : "from this address")
                    + " is refused until " + HH_MM.format(until);
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** One summary of the sign-ins refused while an account or address was locked. */
    record SignInsRefusedWhileLocked(String actor, String subject, int refused, java.util.Set<String> from,
            Instant lockedSince, Instant lockedUntil) implements AuditableEvent {
        SignInsRefusedWhileLocked {
            from = java.util.Set.copyOf(from);
        }

        public String action() {
            return "sign-ins-refused";
        }

        public String details() {
            return refused + (refused == 1 ? " sign-in was" : " sign-ins were") + " refused while locked, from "
                    + String.join(", ", new TreeSet<>(from)) + ", between " + HH_MM.format(lockedSince) + " and "
                    + HH_MM.format(lockedUntil);
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    private static String minutes(java.time.Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : duration.toSeconds() + " seconds";
    }
}
