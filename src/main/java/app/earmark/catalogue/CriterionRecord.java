package app.earmark.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** The identity of one AC of one unit version, for tags and result sheets to refer to. */
@Entity
@Immutable
@Table(name = "catalogue_criterion")
class CriterionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "unit_id")
    private UnitRecord unit;

    @Column(name = "lo_number", nullable = false)
    private int loNumber;

    @Column(nullable = false, length = 20)
    private String number;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 4000)
    private String text;

    private Integer marks;

    private Integer minimum;

    protected CriterionRecord() {
    }

    CriterionRecord(UnitRecord unit, int loNumber, AssessmentCriterion ac, int position) {
        this.unit = unit;
        this.loNumber = loNumber;
        this.number = ac.number();
        this.position = position;
        this.text = ac.text();
        this.marks = ac.marks();
        this.minimum = ac.minimum();
    }

    Long id() {
        return id;
    }

    String number() {
        return number;
    }
}
