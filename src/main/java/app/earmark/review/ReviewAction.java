package app.earmark.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An action the IQA requires of the assessor: the ACs it concerns, optionally a moment, and the answer. */
@Entity
@Table(name = "qa_review_action")
class ReviewAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** AC numbers, comma-separated ("1.1,2.3"). */
    @Column(name = "ac_numbers", nullable = false)
    private String acNumbers;
    @Column(name = "recording_id")
    private Long recordingId;
    @Column(name = "at_ms")
    private Long atMs;
    @Column(name = "action_text", nullable = false)
    private String text;
    @Enumerated(EnumType.STRING)
    @Column(name = "answer_kind")
    private AnswerKind answerKind;
    @Column(name = "answer_text")
    private String answerText;
    @Column(name = "answered_by")
    private String answeredBy;
    @Column(name = "answered_at")
    private Instant answeredAt;

    protected ReviewAction() {
    }

    ReviewAction(String acNumbers, Long recordingId, Long atMs, String text) {
        this.acNumbers = acNumbers;
        this.recordingId = recordingId;
        this.atMs = atMs;
        this.text = text;
    }

    void answer(AnswerKind kind, String text, String by, Instant at) {
        this.answerKind = kind;
        this.answerText = text;
        this.answeredBy = by;
        this.answeredAt = at;
    }

    Long id() {
        return id;
    }

    String acNumbers() {
        return acNumbers;
    }

    Long recordingId() {
        return recordingId;
    }

    Long atMs() {
        return atMs;
    }

    String text() {
        return text;
    }

    AnswerKind answerKind() {
        return answerKind;
    }

    String answerText() {
        return answerText;
    }

    String answeredBy() {
        return answeredBy;
    }

    Instant answeredAt() {
        return answeredAt;
    }
}
