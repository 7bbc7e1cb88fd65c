package app.earmark.catalogue;

import java.util.List;

/** A learning outcome and its assessment criteria. */
public record LearningOutcome(Integer number, String title, List<String> indicativeContent,
        List<AssessmentCriterion> assessmentCriteria) {

    public LearningOutcome {
        indicativeContent = indicativeContent == null ? List.of() : List.copyOf(indicativeContent);
        assessmentCriteria = assessmentCriteria == null ? List.of() : List.copyOf(assessmentCriteria);
    }
}
