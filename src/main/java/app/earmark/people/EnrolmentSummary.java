package app.earmark.people;

import java.time.LocalDate;

/** A learner's registration on a qualification. */
public record EnrolmentSummary(long id, String qualificationCode, String qualificationTitle, String registrationNumber,
        LocalDate enrolledOn) {
}
