package app.earmark.people;

import java.util.List;

/** An assessor and the learners they assess, as their IQA sees them. */
public record AssessorSummary(PersonRef assessor, List<LearnerSummary> learners) {

    public AssessorSummary {
        learners = List.copyOf(learners);
    }
}
