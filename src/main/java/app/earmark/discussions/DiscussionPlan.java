package app.earmark.discussions;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A discussion's plan: the start time and the agreed questions, each mapped to ACs; whether it has been
 * shared with the learner and acknowledged by them; and the ACs of the assessed units no question covers.
 */
public record DiscussionPlan(LocalTime startsAt, List<Question> questions, Instant sharedAt, Instant acknowledgedAt,
        String acknowledgedBy, List<AssessedCriterion> uncovered) {

    public DiscussionPlan {
        questions = List.copyOf(questions);
        uncovered = List.copyOf(uncovered);
    }

    public boolean shared() {
        return sharedAt != null;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** A question as the assessor writes it, before it is saved. */
    public record Draft(String text, java.util.Set<Long> criterionIds) {
    }

    /** One agreed question, numbered from 1. */
    public record Question(int position, String text, List<Long> criterionIds) {
    }
}
