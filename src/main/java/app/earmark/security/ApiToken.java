package app.earmark.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token: whose it is, its name, the SHA-256 of the token (never the token), and its life. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = 100)
    private String username;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    @Column(name = "token_hint", nullable = false, length = 12)
    private String tokenHint;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    ApiToken(long userId, String username, String name, String tokenHash, String tokenHint, Instant createdAt,
            Instant expiresAt) {
        this.userId = userId;
        this.username = username;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenHint = tokenHint;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    long id() {
        return id;
    }

    long userId() {
        return userId;
    }

    String username() {
        return username;
    }

    String name() {
        return name;
    }

    String tokenHint() {
        return tokenHint;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    boolean activeAt(Instant now) {
        return revokedAt == null && !expiredAt(now);
    }

    void usedAt(Instant now) {
        lastUsedAt = now;
    }

    void revokeAt(Instant now) {
        revokedAt = now;
    }
}
