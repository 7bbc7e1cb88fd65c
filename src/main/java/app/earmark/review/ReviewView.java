package app.earmark.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A QA review as those who may see it see it: the sheet version and recording it is bound to (with their
 * SHA-256), the IQA's verdicts per AC, time-coded QA notes, the outcome and the actions with their answers.
 *
 * @param voidedAt set when an amendment of the sheet voided an acceptance
 */
public record ReviewView(long id, long sheetId, int sheetVersion, String sheetHash, long learnerId, long unitId,
        String assessor, Long discussionId, Long recordingId, String recordingSha256, String reviewer,
        String reviewerName, Instant openedAt, ReviewStatus status, String comment, Instant decidedAt,
        Instant voidedAt, String voidedReason, List<VerdictView> verdicts, List<NoteView> notes,
        List<ActionView> actions) {

    public ReviewView {
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
        actions = List.copyOf(actions);
    }

    public boolean decided() {
        return status != ReviewStatus.OPEN;
    }

    public boolean voided() {
        return voidedAt != null;
    }

    /** Whether this review's acceptance stands (accepted and not voided by an amendment). */
    public boolean acceptanceStands() {
        return status == ReviewStatus.ACCEPTED && !voided();
    }

    public Optional<VerdictView> verdict(long criterionId) {
        return verdicts.stream().filter(v -> v.criterionId() == criterionId).findFirst();
    }

    public List<ActionView> openActions() {
        return actions.stream().filter(a -> !a.answered()).toList();
    }

    /** The IQA's verdict on one AC. */
    public record VerdictView(long criterionId, String acNumber, Verdict verdict, String comment,
            Instant recordedAt) {
    }

    /** A time-coded QA note: a moment ({@code endMs} null) or a span of the recording. */
    public record NoteView(long id, long recordingId, long startMs, Long endMs, String text, String createdBy,
            Instant createdAt) {
    }

    /** An action for the assessor, and their answer once given. */
    public record ActionView(long id, long reviewId, List<String> acNumbers, Long recordingId, Long atMs,
            String text, AnswerKind answerKind, String answerText, String answeredBy, Instant answeredAt) {

        public ActionView {
            acNumbers = List.copyOf(acNumbers);
        }

        public boolean answered() {
            return answeredAt != null;
        }
    }
}
