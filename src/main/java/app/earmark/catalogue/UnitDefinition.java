package app.earmark.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A unit exactly as its data file describes it (format in {@code docs/catalogue-format.md}). Required
 * fields are boxed so that a missing one can be reported by name rather than defaulted.
 */
public record UnitDefinition(String code, Integer version, String title, Integer level, Integer credits, Integer glh,
        String uan, String aim, String assessmentMethod, SheetType sheet, Boolean provisional, String source,
        String notes, List<LearningOutcome> learningOutcomes) {

    public UnitDefinition {
        learningOutcomes = learningOutcomes == null ? List.of() : List.copyOf(learningOutcomes);
    }

    @JsonIgnore
    public boolean isProvisional() {
        return Boolean.TRUE.equals(provisional);
    }

    @JsonIgnore
    public boolean isMarked() {
        return sheet == SheetType.MARK_SHEET;
    }

    public Stream<AssessmentCriterion> criteria() {
        return learningOutcomes.stream().flatMap(lo -> lo.assessmentCriteria().stream());
    }

    public Optional<AssessmentCriterion> criterion(String number) {
        return criteria().filter(ac -> ac.number().equals(number)).findFirst();
    }

    public int totalMarks() {
        return criteria().map(AssessmentCriterion::marks).filter(m -> m != null).mapToInt(Integer::intValue).sum();
    }
}
