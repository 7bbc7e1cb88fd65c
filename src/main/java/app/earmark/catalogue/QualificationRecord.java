package app.earmark.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A stored qualification version. Immutable. */
@Entity
@Immutable
@Table(name = "catalogue_qualification")
class QualificationRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 40)
    private String code;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false)
    private int level;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Unit.Origin origin;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    @Column(name = "stored_by", nullable = false, length = 100)
    private String storedBy;

    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @Column(nullable = false, length = 1000000)
    private String definition;

    protected QualificationRecord() {
    }

    QualificationRecord(QualificationDefinition q, String canonicalJson, String contentHash, Unit.Origin origin,
            Instant storedAt, String storedBy) {
        this.code = q.code();
        this.version = q.version();
        this.title = q.title();
        this.level = q.level();
        this.origin = origin;
        this.storedAt = storedAt;
        this.storedBy = storedBy;
        this.contentHash = contentHash;
        this.definition = canonicalJson;
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    int version() {
        return version;
    }

    String contentHash() {
        return contentHash;
    }

    Unit.Origin origin() {
        return origin;
    }

    String definition() {
        return definition;
    }
}
