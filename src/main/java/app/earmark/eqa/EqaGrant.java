package app.earmark.eqa;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** A grant as stored: who, what (its items), from when to when; revoked once at most, never otherwise changed. */
@Entity
@Table(name = "eqa_grant")
class EqaGrant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "centre_id", nullable = false)
    private long centreId;

    @Column(name = "eqa_id", nullable = false)
    private long eqaId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private GrantKind kind;

    @Column(nullable = false, length = 1000)
    private String description;

    @Column(name = "unit_id")
    private Long unitId;

    @Column(name = "evidence_from")
    private LocalDate evidenceFrom;

    @Column(name = "evidence_to")
    private LocalDate evidenceTo;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "granted_by", nullable = false, length = 100)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "revoked_by", length = 100)
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "eqa_grant_item", joinColumns = @JoinColumn(name = "grant_id"))
    private Set<Item> items = new HashSet<>();

    protected EqaGrant() {
    }

    EqaGrant(long centreId, long eqaId, GrantKind kind, String description, Long unitId, LocalDate evidenceFrom,
            LocalDate evidenceTo, Instant startsAt, Instant endsAt, String grantedBy, Set<Item> items) {
        this.centreId = centreId;
        this.eqaId = eqaId;
        this.kind = kind;
        this.description = description;
        this.unitId = unitId;
        this.evidenceFrom = evidenceFrom;
        this.evidenceTo = evidenceTo;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.grantedBy = grantedBy;
        this.grantedAt = startsAt;
        this.items = new HashSet<>(items);
    }

    /** One learner and one unit version of theirs (null: every unit). */
    @Embeddable
    static class Item {
        @Column(name = "learner_id", nullable = false)
        private long learnerId;

        @Column(name = "unit_id")
        private Long unitId;

        protected Item() {
        }

        Item(long learnerId, Long unitId) {
            this.learnerId = learnerId;
            this.unitId = unitId;
        }

        long learnerId() {
            return learnerId;
        }

        Long unitId() {
            return unitId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item other && other.learnerId == learnerId && java.util.Objects.equals(other.unitId, unitId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(learnerId, unitId);
        }
    }

    void revoke(String by, Instant at) {
        revokedBy = by;
        revokedAt = at;
    }

    boolean inForce(Instant now) {
        return revokedAt == null && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    GrantView.Status status(Instant now) {
        return revokedAt != null ? GrantView.Status.REVOKED
                : now.isBefore(endsAt) ? GrantView.Status.IN_FORCE : GrantView.Status.ENDED;
    }

    Long id() { return id; }
    long centreId() { return centreId; }
    long eqaId() { return eqaId; }
    GrantKind kind() { return kind; }
    String description() { return description; }
    Long unitId() { return unitId; }
    LocalDate evidenceFrom() { return evidenceFrom; }
    LocalDate evidenceTo() { return evidenceTo; }
    Instant startsAt() { return startsAt; }
    Instant endsAt() { return endsAt; }
    String grantedBy() { return grantedBy; }
    Instant grantedAt() { return grantedAt; }
    String revokedBy() { return revokedBy; }
    Instant revokedAt() { return revokedAt; }
    Set<Item> items() { return items; }
}
