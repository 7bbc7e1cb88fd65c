package app.earmark.discussions;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** One professional discussion between an assessor and one learner (never a group). */
@Entity
@Table(name = "discussion")
class Discussion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "learner_id", nullable = false)
    private long learnerId;

    @Column(name = "assessor_id", nullable = false)
    private long assessorId;

    @Column(name = "held_on", nullable = false)
    private LocalDate heldOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private DiscussionMode mode;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "discussion_unit", joinColumns = @JoinColumn(name = "discussion_id"))
    @Column(name = "unit_id", nullable = false)
    private Set<Long> unitIds = new HashSet<>();

    protected Discussion() {
    }

    Discussion(long learnerId, long assessorId, LocalDate heldOn, DiscussionMode mode, Set<Long> unitIds,
            Instant createdAt) {
        this.learnerId = learnerId;
        this.assessorId = assessorId;
        this.heldOn = heldOn;
        this.mode = mode;
        this.unitIds = new HashSet<>(unitIds);
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    long learnerId() {
        return learnerId;
    }

    long assessorId() {
        return assessorId;
    }

    LocalDate heldOn() {
        return heldOn;
    }

    DiscussionMode mode() {
        return mode;
    }

    Set<Long> unitIds() {
        return Set.copyOf(unitIds);
    }
}
