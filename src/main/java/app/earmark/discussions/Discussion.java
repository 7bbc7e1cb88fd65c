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
import jakarta.persistence.CascadeType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    @Column(name = "starts_at")
    private LocalTime startsAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "plan_shared_at")
    private Instant planSharedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 100)
    private String acknowledgedBy;

    @OneToMany(mappedBy = "discussion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Question> questions = new ArrayList<>();

    @Version
    private long version;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "deleted_by", length = 100)
    private String deletedBy;

    @Column(name = "deletion_reason", length = 1000)
    private String deletionReason;

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

    LocalTime startsAt() {
        return startsAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Corrects what was entered when the discussion was created. */
    void correct(LocalDate newHeldOn, DiscussionMode newMode, Set<Long> newUnitIds) {
        heldOn = newHeldOn;
        mode = newMode;
        unitIds.clear();
        unitIds.addAll(newUnitIds);
    }

    /** Deleted as created by mistake: kept, with who deleted it and why, but no longer shown to anyone. */
    void delete(String by, String reason, Instant at) {
        deletedAt = at;
        deletedBy = by;
        deletionReason = reason;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    /**
     * Replaces the agreed questions and the start time. A plan the learner had acknowledged must be
     * acknowledged again.
     *
     * @return whether an acknowledgement was withdrawn
     */
    boolean replacePlan(LocalTime newStartsAt, List<DiscussionPlan.Draft> drafts) {
        startsAt = newStartsAt;
        questions.clear();
        for (int i = 0; i < drafts.size(); i++) {
            questions.add(new Question(this, i + 1, drafts.get(i).text(), drafts.get(i).criterionIds()));
        }
        boolean withdrawn = acknowledgedAt != null;
        acknowledgedAt = null;
        acknowledgedBy = null;
        return withdrawn;
    }

    void sharePlan(Instant at) {
        planSharedAt = at;
    }

    boolean planShared() {
        return planSharedAt != null;
    }

    void acknowledge(String learner, Instant at) {
        acknowledgedAt = at;
        acknowledgedBy = learner;
    }

    DiscussionPlan plan(List<AssessedCriterion> uncovered) {
        return new DiscussionPlan(startsAt, questions.stream().map(Question::view).toList(), planSharedAt,
                acknowledgedAt, acknowledgedBy, uncovered);
    }

    Set<Long> plannedCriterionIds() {
        Set<Long> ids = new HashSet<>();
        questions.forEach(q -> ids.addAll(q.view().criterionIds()));
        return ids;
    }

}
