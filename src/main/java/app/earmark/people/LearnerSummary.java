package app.earmark.people;

import java.util.List;

/** A learner as those allowed to see them see them: who, on which qualifications, with which assessors. */
public record LearnerSummary(long id, String username, String displayName, List<EnrolmentSummary> enrolments,
        List<PersonRef> assessors) {

    public LearnerSummary {
        enrolments = List.copyOf(enrolments);
        assessors = List.copyOf(assessors);
    }

    public PersonRef ref() {
        return new PersonRef(id, username, displayName);
    }
}
