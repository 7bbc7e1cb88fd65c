package app.earmark.base;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.transaction.annotation.Transactional;

/**
 * A module's searchable evidence, for the search index: "the pieces of discussion N (or sheet N) as they are now".
 * The module that keeps the index asks every contributor for the pieces of a subject whenever that subject changed,
 * so it never reads another module's tables and needs no knowledge of who contributes. Implementations are Spring
 * beans, read their own data without any signed-in person (they run in the background) and answer only what they
 * hold: a subject they hold nothing of gives an empty list.
 */
public interface SearchContributor {

    /**
     * Every subject this module holds pieces of, for a full reindex; none by default, for a module whose records
     * belong to subjects another module lists (tags and disputes to discussions, QA reviews to sheets).
     */
    default Collection<Subject> subjects() {
        return List.of();
    }

    /** The subject's pieces as they are now; empty when it is gone (deleted) or holds nothing of this module's. */
    List<Piece> pieces(Subject subject);

    /**
     * Some of the subject's pieces as they are now: those of the given ids that still exist, and the pieces every
     * piece is completed from (a discussion's {@link PieceKind#DISCUSSION_TITLE}). By default read from
     * {@link #pieces(Subject)} (in one read-only transaction, as that call here is not through the bean's proxy); a
     * module with many pieces per subject (tags) reads only those asked for.
     */
    @Transactional(readOnly = true)
    default List<Piece> pieces(Subject subject, Set<String> ids) {
        return pieces(subject).stream().filter(p -> ids.contains(p.id()) || p.kind() == PieceKind.DISCUSSION_TITLE)
                .toList();
    }

    /**
     * For a contributor whose records belong to discussions (tags, disputes: the discussions module lists the
     * discussions for a reindex, so it keeps the default {@link #subjects()}): the pieces {@code read} gives for a
     * discussion's id, none for any other subject.
     */
    static List<Piece> ofDiscussion(Subject subject, java.util.function.LongFunction<List<Piece>> read) {
        return subject.kind() == Subject.Kind.DISCUSSION ? read.apply(subject.id()) : List.of();
    }

    /** What pieces belong to and are re-read together: a discussion or a result sheet version. */
    record Subject(Kind kind, long id) {

        public enum Kind {
            DISCUSSION,
            SHEET
        }

        public Subject {
            Objects.requireNonNull(kind, "A search subject needs a kind");
        }

        public static Subject discussion(long id) {
            return new Subject(Kind.DISCUSSION, id);
        }

        public static Subject sheet(long id) {
            return new Subject(Kind.SHEET, id);
        }

        /** {@code discussion:12}, {@code sheet:7}. */
        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    /** The kinds of pieces (the search module's document kinds have the same names). */
    enum PieceKind {
        TAG_NOTE, SHEET_AC_FEEDBACK, LO_COMMENT, PLAN_QUESTION, QA_NOTE, QA_ACTION, DISPUTE, DISCUSSION_TITLE
    }

    /**
     * One searchable piece. What a piece leaves null (learner, assessor, date, mode, units) is taken from the
     * subject's context: the discussion's {@link PieceKind#DISCUSSION_TITLE} piece, or a sheet's first piece that
     * names its learner.
     *
     * @param id           unique across modules and kinds, e.g. {@code tag:42}, {@code sheet-ac:7:913}
     * @param kind         what it is
     * @param learnerId    whose evidence, or null for the subject's
     * @param assessorId   the assessor's person id, or null for the subject's
     * @param discussionId the discussion it belongs to, or null
     * @param title        a discussion's title, or null
     * @param text         the searchable text (note, feedback, question, dispute), may be empty
     * @param unitIds      catalogue unit versions concerned (empty for the subject's)
     * @param criterionIds catalogue ACs concerned
     * @param outcome      PASS, REFERRAL, UNDECIDED, or null
     * @param sheetState   the sheet's state (DRAFT, SIGNED), or null
     * @param mode         the discussion's mode, or null
     * @param qaState      the QA review's state (OPEN, ACCEPTED, ACTION_REQUIRED), or null
     * @param date         the day it belongs to, or null for the subject's
     * @param recordingId  the recording {@code momentMs} is in (null: the discussion's first playable one)
     * @param momentMs     where in that recording it is, or null
     * @param sheetId      the sheet a hit opens (with {@code acNumber}), or null
     * @param acNumber     the AC a sheet hit opens at, as written with its unit ({@code 8580-502/2.3}), or null
     */
    record Piece(String id, PieceKind kind, Long learnerId, Long assessorId, Long discussionId, String title,
            String text, Set<Long> unitIds, Set<Long> criterionIds, String outcome, String sheetState, String mode,
            String qaState, LocalDate date, Long recordingId, Long momentMs, Long sheetId, String acNumber) {

        public Piece {
            Objects.requireNonNull(id, "A search piece needs an id");
            Objects.requireNonNull(kind, "A search piece needs a kind");
            unitIds = unitIds == null ? Set.of() : Set.copyOf(unitIds);
            criterionIds = criterionIds == null ? Set.of() : Set.copyOf(criterionIds);
        }

        /** A piece with only what every piece needs; the rest comes from the subject. */
        public static Piece of(String id, PieceKind kind, String text) {
            return new Piece(id, kind, null, null, null, null, text, Set.of(), Set.of(), null, null, null, null,
                    null, null, null, null, null);
        }

        public Piece withLearner(Long learner, Long assessor) {
            return new Piece(id, kind, learner, assessor, discussionId, title, text, unitIds, criterionIds, outcome,
                    sheetState, mode, qaState, date, recordingId, momentMs, sheetId, acNumber);
        }

        public Piece withDiscussion(Long discussion, String newTitle, String newMode, LocalDate newDate) {
            return new Piece(id, kind, learnerId, assessorId, discussion, newTitle, text, unitIds, criterionIds,
                    outcome, sheetState, newMode, qaState, newDate, recordingId, momentMs, sheetId, acNumber);
        }

        public Piece withCriteria(Collection<Long> units, Collection<Long> criteria) {
            return new Piece(id, kind, learnerId, assessorId, discussionId, title, text, Set.copyOf(units),
                    Set.copyOf(criteria), outcome, sheetState, mode, qaState, date, recordingId, momentMs, sheetId, acNumber);
        }

        public Piece withStates(String newOutcome, String newSheetState, String newQaState) {
            return new Piece(id, kind, learnerId, assessorId, discussionId, title, text, unitIds, criterionIds,
                    newOutcome, newSheetState, mode, newQaState, date, recordingId, momentMs, sheetId, acNumber);
        }

        public Piece withDate(LocalDate newDate) {
            return new Piece(id, kind, learnerId, assessorId, discussionId, title, text, unitIds, criterionIds,
                    outcome, sheetState, mode, qaState, newDate, recordingId, momentMs, sheetId, acNumber);
        }

        /** At a moment of one recording of the discussion: a hit opens that recording there (the time counters' URL). */
        public Piece atMoment(long discussion, long recording, long ms) {
            return new Piece(id, kind, learnerId, assessorId, discussion, title, text, unitIds, criterionIds,
                    outcome, sheetState, mode, qaState, date, recording, ms, sheetId, acNumber);
        }

        public Piece atSheet(long sheet, String ac) {
            return new Piece(id, kind, learnerId, assessorId, discussionId, title, text, unitIds, criterionIds,
                    outcome, sheetState, mode, qaState, date, recordingId, momentMs, sheet, ac);
        }
    }
}
