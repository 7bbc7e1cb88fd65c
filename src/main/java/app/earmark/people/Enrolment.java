package app.earmark.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A learner registered on a qualification with the awarding body. */
@Entity
@Table(name = "enrolment")
class Enrolment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "learner_id", nullable = false)
    private long learnerId;

    @Column(name = "qualification_code", nullable = false, length = 40)
    private String qualificationCode;

    @Column(name = "registration_number", nullable = false, length = 40)
    private String registrationNumber;

    @Column(name = "enrolled_on", nullable = false)
    private LocalDate enrolledOn;

    protected Enrolment() {
    }

    Enrolment(long learnerId, String qualificationCode, String registrationNumber, LocalDate enrolledOn) {
        this.learnerId = learnerId;
        this.qualificationCode = qualificationCode;
        this.registrationNumber = registrationNumber;
        this.enrolledOn = enrolledOn;
    }

    Long id() {
        return id;
    }

    long learnerId() {
        return learnerId;
    }

    String qualificationCode() {
        return qualificationCode;
    }

    String registrationNumber() {
        return registrationNumber;
    }

    LocalDate enrolledOn() {
        return enrolledOn;
    }
}
