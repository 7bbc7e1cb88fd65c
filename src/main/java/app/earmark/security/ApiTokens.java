package app.earmark.security;

import app.earmark.base.Hashing;
import app.earmark.security.ApiTokenEvents.ApiTokenCreated;
import app.earmark.security.ApiTokenEvents.ApiTokenRevoked;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: a signed-in person creates and revokes their own; the API accepts them as
 * {@code Authorization: Bearer ea_…} instead of a password (no bcrypt per request). A token is 256 random
 * bits, shown once; only its SHA-256 is kept, which is enough for a secret that cannot be guessed. A
 * token reads exactly what its owner may read, and only reads: the API allows nothing but GET.
 */
@Service
class ApiTokens {

    static final String PREFIX = "ea_";
    static final int MAX_ACTIVE = 20;
    /** How often the last-used time is written at most: once a minute, not on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final UserDetailsService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(ApiTokenRepository tokens, CurrentUser currentUser, AccessGuard guard, UserDetailsService accounts,
            ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.guard = guard;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** A token as its owner sees it in the list (never the token itself). */
    record TokenSummary(long id, String name, String hint, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt, Instant revokedAt, String status) {
    }

    /** A token just created: the only time the token itself is shown. */
    record IssuedToken(TokenSummary summary, String token) {
    }

    /** The signed-in person's tokens, newest first. */
    @Transactional(readOnly = true)
    List<TokenSummary> mine() {
        Instant now = clock.instant();
        return tokens.findByUserIdOrderByCreatedAtDesc(currentUser.require().userId()).stream()
                .map(t -> summary(t, now)).toList();
    }

    /**
     * Creates a read-only token for the signed-in person.
     *
     * @param validity how long it works, or null for no expiry
     */
    @Transactional
    IssuedToken create(String name, Duration validity) {
        EarmarkPrincipal owner = currentUser.require();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new ApiTokenException("Give the token a name, e.g. the integration that will use it.");
        }
        if (trimmed.length() > 100) {
            throw new ApiTokenException("A token's name is at most 100 characters (this one has " + trimmed.length()
                    + ").");
        }
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new ApiTokenException("A token's validity must be in the future.");
        }
        Instant now = clock.instant();
        long active = tokens.findByUserIdOrderByCreatedAtDesc(owner.userId()).stream().filter(t -> t.activeAt(now))
                .count();
        if (active >= MAX_ACTIVE) {
            throw new ApiTokenException("You have " + active + " tokens in use, the most a person may have. Revoke"
                    + " one you no longer need first.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hint = token.substring(0, PREFIX.length() + 4);
        ApiToken saved = tokens.save(new ApiToken(owner.userId(), owner.getUsername(), trimmed, Hashing.sha256Hex(token),
                hint, now, validity == null ? null : now.plus(validity)));
        events.publishEvent(new ApiTokenCreated(owner.getUsername(), saved.id(), trimmed, hint, saved.expiresAt()));
        return new IssuedToken(summary(saved, now), token);
    }

    /** Revokes one of the signed-in person's tokens; refuses anyone else's the same way as one that does not exist. */
    @Transactional
    void revoke(long tokenId) {
        EarmarkPrincipal owner = currentUser.require();
        ApiToken token = tokens.findById(tokenId).filter(t -> t.userId() == owner.userId())
                .orElseThrow(() -> guard.refuse("api-token:" + tokenId, "You may not revoke API token " + tokenId + "."));
        if (token.revokedAt() != null) {
            return;
        }
        token.revokeAt(clock.instant());
        events.publishEvent(new ApiTokenRevoked(owner.getUsername(), token.id(), token.name(), token.tokenHint()));
    }

    /** The outcome of presenting a token to the API. */
    sealed interface Check {
        record Accepted(EarmarkPrincipal principal) implements Check {
        }

        record Refused(String message) implements Check {
        }
    }

    /** Who the presented token belongs to, if it is known, in force and its owner's account is enabled. */
    @Transactional
    Check authenticate(String presented) {
        Optional<ApiToken> found = presented.startsWith(PREFIX) && presented.length() <= 100
                ? tokens.findByTokenHash(Hashing.sha256Hex(presented)) : Optional.empty();
        if (found.isEmpty()) {
            return new Check.Refused("This API token is not known. Create one under API tokens in Earmark.");
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        if (token.revokedAt() != null) {
            return new Check.Refused("This API token was revoked. Create a new one under API tokens in Earmark.");
        }
        if (token.expiredAt(now)) {
            return new Check.Refused("This API token expired on " + token.expiresAt() + ". Create a new one under"
                    + " API tokens in Earmark.");
        }
        EarmarkPrincipal principal;
        try {
            principal = (EarmarkPrincipal) accounts.loadUserByUsername(token.username());
        } catch (UsernameNotFoundException e) {
            return new Check.Refused("The account of this API token no longer exists.");
        }
        if (!principal.isEnabled() || principal.userId() != token.userId()) {
            return new Check.Refused("The account of this API token is disabled.");
        }
        principal.eraseCredentials();
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
            token.usedAt(now);
        }
        return new Check.Accepted(principal);
    }

    private static TokenSummary summary(ApiToken t, Instant now) {
        String status = t.revokedAt() != null ? "Revoked" : t.expiredAt(now) ? "Expired" : "Active";
        return new TokenSummary(t.id(), t.name(), t.tokenHint(), t.createdAt(), t.expiresAt(), t.lastUsedAt(),
                t.revokedAt(), status);
    }

    /** A token cannot be created as asked; the message says why. */
    static class ApiTokenException extends RuntimeException {
        ApiTokenException(String message) {
            super(message);
        }
    }
}
