package app.earmark.notes;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The learner's dispute of named items of a discussion's notes, with their comment; answered and resolved by the
 * assessor, and kept once resolved. Each item keeps a description of the tag as it was when disputed.
 */
@Entity
@Table(name = "notes_dispute")
class NotesDispute {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "learner_id", nullable = false)
    private long learnerId;

    @Column(name = "unit_ids", nullable = false, length = 400)
    private String unitIds;

    @Column(name = "disputed_by", nullable = false, length = 100)
    private String disputedBy;

    @Column(name = "disputed_at", nullable = false)
    private Instant disputedAt;

    @Column(name = "comment_text", nullable = false, length = 4000)
    private String comment;

    @Column(name = "notes_sha256", nullable = false, length = 64)
    private String notesSha256;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "notes_dispute_item", joinColumns = @JoinColumn(name = "dispute_id"))
    @OrderColumn(name = "position")
    private List<Item> items = new ArrayList<>();

    @Column(name = "resolved_by", length = 100)
    private String resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(length = 4000)
    private String resolution;

    @Version
    private long version;

    protected NotesDispute() {
    }

    NotesDispute(long discussionId, long learnerId, String unitIds, String by, Instant at, String comment,
            String notesSha256, List<NotesDisputeView.Item> items) {
        this.discussionId = discussionId;
        this.learnerId = learnerId;
        this.unitIds = unitIds;
        this.disputedBy = by;
        this.disputedAt = at;
        this.comment = comment;
        this.notesSha256 = notesSha256;
        items.forEach(i -> this.items.add(new Item(i.tagId(), i.description())));
    }

    Long id() {
        return id;
    }

    long discussionId() {
        return discussionId;
    }

    long learnerId() {
        return learnerId;
    }

    String unitIds() {
        return unitIds;
    }

    Instant disputedAt() {
        return disputedAt;
    }

    boolean resolved() {
        return resolvedAt != null;
    }

    void resolve(String by, Instant at, String answer) {
        resolvedBy = by;
        resolvedAt = at;
        resolution = answer;
    }

    NotesDisputeView view() {
        return new NotesDisputeView(id, discussionId, learnerId, disputedBy, disputedAt, comment, notesSha256,
                items.stream().map(i -> new NotesDisputeView.Item(i.tagId, i.description)).toList(), resolvedBy,
                resolvedAt, resolution);
    }

    /** One disputed item: a tag (its moment, ACs and note) as it was when disputed. */
    @Embeddable
    static class Item {

        @Column(name = "tag_id", nullable = false)
        private long tagId;

        @Column(nullable = false, length = 4000)
        private String description;

        protected Item() {
        }

        Item(long tagId, String description) {
            this.tagId = tagId;
            this.description = description;
        }
    }
}
