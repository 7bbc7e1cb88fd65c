package app.earmark.catalogue;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** A stored unit version. Immutable: there is no code path that updates one. */
@Entity
@Immutable
@Table(name = "catalogue_unit")
class UnitRecord {

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
    private SheetType sheet;

    @Column(nullable = false)
    private boolean provisional;

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

    @OneToMany(mappedBy = "unit", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    private List<CriterionRecord> criteria = new ArrayList<>();

    protected UnitRecord() {
    }

    UnitRecord(UnitDefinition unit, String canonicalJson, String contentHash, Unit.Origin origin, Instant storedAt,
            String storedBy) {
        this.code = unit.code();
        this.version = unit.version();
        this.title = unit.title();
        this.level = unit.level();
        this.sheet = unit.sheet();
        this.provisional = unit.isProvisional();
        this.origin = origin;
        this.storedAt = storedAt;
        this.storedBy = storedBy;
        this.contentHash = contentHash;
        this.definition = canonicalJson;
        int position = 0;
        for (LearningOutcome lo : unit.learningOutcomes()) {
            for (AssessmentCriterion ac : lo.assessmentCriteria()) {
                criteria.add(new CriterionRecord(this, lo.number(), ac, position++));
            }
        }
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

    Unit.Origin origin() {
        return origin;
    }

    Instant storedAt() {
        return storedAt;
    }

    String storedBy() {
        return storedBy;
    }

    String contentHash() {
        return contentHash;
    }

    String definition() {
        return definition;
    }

    List<CriterionRecord> criteria() {
        return criteria;
    }
}
