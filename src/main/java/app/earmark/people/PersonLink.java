package app.earmark.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A working relationship between two people of a centre. */
@Entity
@Table(name = "person_link")
@IdClass(PersonLink.Key.class)
class PersonLink {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private Relationship kind;

    @Id
    @Column(name = "from_id")
    private Long fromId;

    @Id
    @Column(name = "to_id")
    private Long toId;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected PersonLink() {
    }

    PersonLink(Relationship kind, long fromId, long toId, Instant linkedAt) {
        this.kind = kind;
        this.fromId = fromId;
        this.toId = toId;
        this.linkedAt = linkedAt;
    }

    long fromId() {
        return fromId;
    }

    long toId() {
        return toId;
    }

    Relationship kind() {
        return kind;
    }

    /** Composite identity: kind, from, to. */
    static class Key implements Serializable {
        private Relationship kind;
        private Long fromId;
        private Long toId;

        protected Key() {
        }

        Key(Relationship kind, long fromId, long toId) {
            this.kind = kind;
            this.fromId = fromId;
            this.toId = toId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && Objects.equals(k.fromId, fromId)
                    && Objects.equals(k.toId, toId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, fromId, toId);
        }
    }
}
