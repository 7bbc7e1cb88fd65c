package app.earmark.review;

import app.earmark.base.TimeFormat;
import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.review.QaReviewEvents.QaAcceptanceVoided;
import app.earmark.review.QaReviewEvents.QaActionAnswered;
import app.earmark.review.QaReviewEvents.QaNoteAdded;
import app.earmark.review.QaReviewEvents.QaReviewDecided;
import app.earmark.review.QaReviewEvents.QaReviewStarted;
import app.earmark.review.QaReviewEvents.QaReviewViewed;
import app.earmark.review.QaReviewEvents.QaVerdictRecorded;
import app.earmark.review.ReviewView.ActionView;
import app.earmark.review.ReviewView.NoteView;
import app.earmark.review.ReviewView.VerdictView;
import app.earmark.people.People;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.sheets.Declaration;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.QaOutcome;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetEvents.SheetAmended;
import app.earmark.sheets.SheetView;
import app.earmark.sheets.TimeCounterRef;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * IQA reviews at the moment. Whoever may see the learner may read a sheet's review (the administrator and an EQA
 * given access read only); only an IQA who quality-assures the assessor who signed the sheet reviews and decides
 * it, on the latest signed version and the SHA-256 they opened; the assessor answers the actions. A decision writes
 * the sheet's QA check ({@link Declarations#recordQaCheck}), the one record of the QA box on the sheet and its PDF.
 * Every step is audited; amending an accepted version voids the acceptance.
 */
@Service
@Transactional(readOnly = true)
public class QaReviews {

    static final int MAX_TEXT = 4000;
    static final int MAX_NOTE = 2000;

    private final QaReviewRepository reviews;
    private final ResultSheets sheets;
    private final Declarations declarations;
    private final Discussions discussions;
    private final People people;
    private final Recordings recordings;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QaReviews(QaReviewRepository reviews, ResultSheets sheets, Declarations declarations, Discussions discussions,
            People people, Recordings recordings, CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events,
            Clock clock) {
        this.reviews = reviews;
        this.sheets = sheets;
        this.declarations = declarations;
        this.discussions = discussions;
        this.people = people;
        this.recordings = recordings;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /** An action the IQA requires: the ACs it concerns (numbers, "1.2"), optionally a moment, and what to do. */
    public record ActionDraft(List<String> acNumbers, Long atMs, String text) {
    }

    /**
     * Everything the review page shows for one sheet version.
     *
     * @param latest        the latest version of the sheet (this one, or the one that replaces it)
     * @param recording     the recording reviewed (the one most of the sheet's time counters point to), if any
     * @param earlier       the reviews of earlier versions of the same sheet, newest first
     * @param mayDecide     whether the signed-in person reviews and decides (the IQA of the signing assessor)
     * @param mayAnswer     whether the signed-in person answers actions (an assessor of the learner)
     */
    public record ReviewPage(SheetView sheet, SheetView latest, Optional<ReviewView> review,
            Optional<DiscussionSummary> discussion, Optional<RecordingSummary> recording, List<ReviewView> earlier,
            Optional<Declaration> qaCheck, boolean mayDecide, boolean mayAnswer) {

        /** Why this version cannot be reviewed now, or empty when it can. */
        public Optional<String> notReviewable() {
            if (!sheet.signed()) {
                return Optional.of("Version " + sheet.versionNumber() + " of this sheet is a draft the assessor is"
                        + " still writing; it is reviewed once signed.");
            }
            if (latest.id() != sheet.id()) {
                return Optional.of("Version " + sheet.versionNumber() + " of this sheet has been amended: version "
                        + latest.versionNumber() + (latest.signed() ? ", signed," : ", a draft,") + " replaces it.");
            }
            return Optional.empty();
        }
    }

    /** An open action for the signed-in assessor, with the sheet it is about. */
    public record OpenAction(ReviewView review, ActionView action, String learnerName, String unitCode) {
    }

    /** The review page of a sheet version, for anyone who may see the learner; the opening is audited. */
    @Transactional
    public ReviewPage page(long sheetId) {
        SheetView sheet = sheets.get(sheetId);
        refuseLearners(sheetId);
        Optional<ReviewView> review = reviews.findBySheetId(sheetId).map(QaReviews::view);
        events.publishEvent(new QaReviewViewed(currentUser.actorName(), sheetId, review.map(ReviewView::id)
                .orElse(null)));
        List<SheetView> history = sheets.history(sheet.learner().id(), sheet.unit().id());
        Optional<RecordingSummary> recording = review.map(ReviewView::recordingId).filter(id -> id != null)
                .map(recordings::get).or(() -> chooseRecording(sheet));
        Optional<DiscussionSummary> discussion = recording.map(r -> discussions.get(r.discussionId()));
        List<ReviewView> earlier = reviews.findByLearnerIdAndUnitIdOrderBySheetVersionDescIdDesc(
                sheet.learner().id(), sheet.unit().id()).stream().filter(r -> r.sheetVersion() < sheet.versionNumber())
                .map(QaReviews::view).toList();
        return new ReviewPage(sheet, history.get(0), review, discussion, recording, earlier,
                sheet.signed() ? declarations.of(sheetId).qaCheck() : Optional.empty(),
                declarations.mayCheck(sheet), sheets.mayAssess(sheet.learner().id()));
    }

    /** The review of a sheet version, if any, for anyone who may see the sheet (not audited: for sections). */
    public Optional<ReviewView> of(long sheetId) {
        sheets.get(sheetId);
        return reviews.findBySheetId(sheetId).map(QaReviews::view);
    }

    /** The reviews of a learner's sheets (every unit), oldest first, for anyone who may see the learner. */
    public List<ReviewView> ofLearner(long learnerId) {
        people.learner(learnerId);
        return reviews.findByLearnerIdOrderByOpenedAtAscIdAsc(learnerId).stream().map(QaReviews::view).toList();
    }

    /** The IQA agrees or disagrees (with a comment, required to disagree) on one AC of the sheet they opened. */
    @Transactional
    public ReviewView recordVerdict(long sheetId, String expectedHash, String acNumber, Verdict verdict,
            String comment) {
        SheetView sheet = reviewable(sheetId, expectedHash);
        Long criterionId = acNumber == null ? null : sheet.unit().criterionIds().get(acNumber);
        if (criterionId == null) {
            throw new ReviewException("Unit " + sheet.unit().code() + " has no AC " + acNumber + ".");
        }
        if (verdict == null) {
            throw new ReviewException("Choose agree or disagree for AC " + acNumber + ".");
        }
        String text = text(comment, MAX_TEXT, "The comment on AC " + acNumber);
        if (verdict == Verdict.DISAGREE && text == null) {
            throw new ReviewException("Say why you disagree on AC " + acNumber + "; nothing was saved.");
        }
        QaReview review = openReview(sheet);
        Instant now = now();
        review.verdicts().stream().filter(v -> v.criterionId() == criterionId).findFirst().ifPresentOrElse(
                v -> v.change(verdict, text, now),
                () -> review.verdicts().add(new ReviewVerdict(criterionId, acNumber, verdict, text, now)));
        QaReview saved = reviews.saveAndFlush(review);
        events.publishEvent(new QaVerdictRecorded(currentUser.actorName(), saved.id(), sheetId, acNumber, verdict,
                text));
        return view(saved);
    }

    /** The IQA's own time-coded note on the reviewed recording: a moment, or a span when {@code endMs} is given. */
    @Transactional
    public ReviewView addNote(long sheetId, String expectedHash, long startMs, Long endMs, String note) {
        SheetView sheet = reviewable(sheetId, expectedHash);
        String text = text(note, MAX_NOTE, "A QA note");
        if (text == null) {
            throw new ReviewException("Write the QA note; nothing was saved.");
        }
        QaReview review = openReview(sheet);
        if (review.recordingId() == null) {
            throw new ReviewException("This sheet's discussion has no recording ready to play, so there is no moment"
                    + " to note.");
        }
        Long duration = recordings.get(review.recordingId()).durationMillis();
        if (startMs < 0 || endMs != null && endMs <= startMs) {
            throw new ReviewException("A span of the recording ends after it starts; nothing was saved.");
        }
        long last = endMs == null ? startMs : endMs;
        if (duration != null && last > duration) {
            throw new ReviewException(TimeFormat.counter(last) + " is after the end of the recording, which lasts "
                    + TimeFormat.counter(duration) + "; nothing was saved.");
        }
        review.notes().add(new ReviewNote(review.recordingId(), startMs, endMs, text, currentUser.actorName(), now()));
        QaReview saved = reviews.saveAndFlush(review);
        events.publishEvent(new QaNoteAdded(currentUser.actorName(), saved.id(), sheetId, review.recordingId(), startMs,
                endMs, text));
        return view(saved);
    }

    /**
     * The IQA decides: {@link ReviewStatus#ACCEPTED} (no AC disagreed, no action) or
     * {@link ReviewStatus#ACTION_REQUIRED} with at least one action. The decision is the sheet's QA check, bound to
     * the version and SHA-256 opened, and is never changed afterwards.
     */
    @Transactional
    public ReviewView decide(long sheetId, String expectedHash, ReviewStatus outcome, String comment,
            List<ActionDraft> actions) {
        SheetView sheet = reviewable(sheetId, expectedHash);
        if (outcome == null || outcome == ReviewStatus.OPEN) {
            throw new ReviewException("Choose the outcome: " + ReviewStatus.ACCEPTED.label() + " or "
                    + ReviewStatus.ACTION_REQUIRED.label() + ".");
        }
        String text = text(comment, MAX_TEXT, "The comment");
        List<ActionDraft> asked = actions == null ? List.of() : actions;
        QaReview review = openReview(sheet);
        declarations.of(sheetId).qaCheck().ifPresent(d -> {
            throw new ReviewException(d.declaredByName() + " already recorded the QA check of version "
                    + sheet.versionNumber() + " (" + d.outcome().label() + ") on the sheet; it is made once per"
                    + " signed version.");
        });
        List<ReviewAction> made = new ArrayList<>();
        if (outcome == ReviewStatus.ACCEPTED) {
            List<String> disagreed = review.verdicts().stream().filter(v -> v.verdict() == Verdict.DISAGREE)
                    .map(ReviewVerdict::acNumber).sorted().toList();
            if (!disagreed.isEmpty()) {
                throw new ReviewException("You disagree on AC " + String.join(", ", disagreed) + ": change your"
                        + " verdict, or require an action. Nothing was decided.");
            }
            if (!asked.isEmpty()) {
                throw new ReviewException("An accepted review sends no actions to the assessor; remove them, or"
                        + " require an action.");
            }
        } else {
            if (asked.isEmpty()) {
                throw new ReviewException("Name at least one action for the assessor; nothing was decided.");
            }
            Long duration = review.recordingId() == null ? null : recordings.get(review.recordingId()).durationMillis();
            for (ActionDraft draft : asked) {
                made.add(action(sheet, review, draft, duration));
            }
        }
        String declared = declarationComment(outcome, text, made);
        declarations.recordQaCheck(sheetId, outcome == ReviewStatus.ACCEPTED ? QaOutcome.ACCEPTED
                : QaOutcome.ACTION_REQUIRED, declared, verification(sheet, review));
        review.actions().addAll(made);
        review.decide(outcome, text, now());
        QaReview saved = reviews.saveAndFlush(review);
        events.publishEvent(new QaReviewDecided(currentUser.actorName(), saved.id(), sheetId, sheet.versionNumber(),
                sheet.contentHash(), sheet.learner().id(), sheet.unit().id(), outcome.name()));
        return view(saved);
    }

    /**
     * An assessor of the learner answers an action: {@link AnswerKind#AMENDED} once a later version of the sheet
     * exists, or that they added evidence or tags, or a reply. Each action is answered once.
     */
    @Transactional
    public ReviewView answer(long actionId, AnswerKind kind, String text) {
        QaReview review = reviews.findByActionId(actionId).orElseThrow(() -> guard.refuse("qa-action:" + actionId, "There is no action " + actionId + "."));
        SheetView sheet;
        try {
            sheet = sheets.get(review.sheetId());
        } catch (org.springframework.security.access.AccessDeniedException e) {
            throw guard.refuse("qa-action:" + actionId, "There is no action " + actionId + ".");
        }
        if (!sheets.mayAssess(sheet.learner().id())) {
            throw guard.refuse("qa-action:" + actionId, "There is no action " + actionId + ".");
        }
        ReviewAction action = review.actions().stream().filter(a -> a.id() == actionId).findFirst().orElseThrow();
        if (action.answeredAt() != null) {
            throw new ReviewException("This action was answered already, on "
                    + app.earmark.base.DisplayFormats.dateTime(action.answeredAt()) + ".");
        }
        if (kind == null) {
            throw new ReviewException("Choose how you answered the action.");
        }
        String said = text(text, MAX_TEXT, "The answer");
        if (said == null) {
            throw new ReviewException("Say what you did or reply to the IQA; nothing was saved.");
        }
        if (kind == AnswerKind.AMENDED) {
            SheetView latest = sheets.history(sheet.learner().id(), sheet.unit().id()).get(0);
            if (latest.versionNumber() <= review.sheetVersion()) {
                throw new ReviewException("The sheet has not been amended since version " + review.sheetVersion()
                        + " was reviewed: amend it first, or answer otherwise.");
            }
        }
        action.answer(kind, said, currentUser.actorName(), now());
        QaReview saved = reviews.saveAndFlush(review);
        events.publishEvent(new QaActionAnswered(currentUser.actorName(), saved.id(), actionId, review.sheetId(),
                kind, said));
        return view(saved);
    }

    /** The actions still open for the signed-in assessor, oldest first. */
    public List<OpenAction> openActions() {
        EarmarkPrincipal me = currentUser.require();
        List<OpenAction> open = new ArrayList<>();
        for (QaReview review : reviews.findByAssessorAndStatusOrderByDecidedAtAscIdAsc(me.getUsername(),
                ReviewStatus.ACTION_REQUIRED)) {
            if (!sheets.mayAssess(review.learnerId())) {
                continue;
            }
            ReviewView view = view(review);
            SheetView sheet = sheets.get(review.sheetId());
            view.openActions().forEach(a -> open.add(new OpenAction(view, a, sheet.learner().displayName(),
                    sheet.unit().code())));
        }
        return open;
    }

    /** An amendment voids the acceptance of the version it replaces, visibly and audited, in the same transaction. */
    @EventListener
    @Transactional
    void onAmended(SheetAmended amended) {
        reviews.findBySheetId(amended.signedSheetId()).filter(r -> r.status() == ReviewStatus.ACCEPTED
                && r.voidedAt() == null).ifPresent(review -> {
                    review.voidAcceptance(now(), "Version " + amended.newVersionNumber() + " amends version "
                            + review.sheetVersion() + ", so this acceptance no longer stands; the new version is"
                            + " reviewed again.");
                    reviews.saveAndFlush(review);
                    events.publishEvent(new QaAcceptanceVoided(amended.actor(), review.id(), review.sheetId(),
                            review.sheetVersion(), amended.newSheetId(), amended.newVersionNumber()));
                });
    }

    /** A learner sees a review's outcome in their trail, not the review itself; the refusal looks like not found. */
    void refuseLearners(long sheetId) {
        EarmarkPrincipal me = currentUser.require();
        if (me.roles().stream().allMatch(r -> r == app.earmark.security.Role.LEARNER)) {
            throw guard.refuse("sheet:" + sheetId + " review", "You may not see result sheet " + sheetId + ".");
        }
    }

    /** The sheet, if the signed-in IQA may review it and it is still the signed version with the hash they opened. */
    private SheetView reviewable(long sheetId, String expectedHash) {
        SheetView sheet = sheets.get(sheetId);
        if (!declarations.mayCheck(sheet)) {
            throw guard.refuse("sheet:" + sheetId, "You may not see result sheet " + sheetId + ".");
        }
        if (!sheet.signed()) {
            throw new ReviewException("Version " + sheet.versionNumber() + " of this sheet is a draft; it is reviewed"
                    + " once the assessor signs it. Nothing was saved.");
        }
        SheetView latest = sheets.history(sheet.learner().id(), sheet.unit().id()).get(0);
        if (latest.id() != sheet.id()) {
            throw new ReviewException("The sheet changed after you opened it: version " + latest.versionNumber()
                    + (latest.signed() ? " was signed" : " was started") + " and replaces version "
                    + sheet.versionNumber() + ". Nothing was saved; open the review of the latest signed version.");
        }
        if (expectedHash == null || !expectedHash.equals(sheet.contentHash())) {
            throw new ReviewException("The sheet you reviewed is not the one stored: its SHA-256 is now "
                    + sheet.contentHash() + ". Nothing was saved; reload the review.");
        }
        reviews.findBySheetId(sheetId).filter(r -> r.status() != ReviewStatus.OPEN).ifPresent(r -> {
            throw new ReviewException("The review of version " + sheet.versionNumber() + " was decided ("
                    + r.status().label() + ") and is not changed. Nothing was saved.");
        });
        return sheet;
    }

    private QaReview openReview(SheetView sheet) {
        Optional<QaReview> existing = reviews.findBySheetId(sheet.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<RecordingSummary> recording = chooseRecording(sheet);
        EarmarkPrincipal me = currentUser.require();
        try {
            QaReview created = reviews.saveAndFlush(new QaReview(sheet.id(), sheet.versionNumber(), sheet.contentHash(),
                    sheet.learner().id(), sheet.unit().id(), sheet.signedBy(), recording.map(
                            RecordingSummary::discussionId).orElse(null), recording.map(RecordingSummary::id)
                            .orElse(null), recording.map(RecordingSummary::sha256).orElse(null), me.getUsername(),
                    me.displayName(), now()));
            events.publishEvent(new QaReviewStarted(me.getUsername(), created.id(), sheet.id(), sheet.versionNumber(),
                    sheet.contentHash(), created.recordingId(), created.recordingSha256()));
            return created;
        } catch (DataIntegrityViolationException e) {
            throw new ReviewException("Someone started this review at the same moment; reload it.");
        }
    }

    /**
     * The recording reviewed: of the latest discussion the sheet's time counters point to, its ready recording with the
     * most counters; without counters, the latest ready recording of the learner's latest discussion of the unit.
     */
    private Optional<RecordingSummary> chooseRecording(SheetView sheet) {
        Map<Long, Long> byRecording = sheet.counters().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(TimeCounterRef::recordingId, Collectors.counting()));
        Map<Long, Long> discussionOf = sheet.counters().values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(TimeCounterRef::recordingId, TimeCounterRef::discussionId, (a, b) -> a));
        Optional<RecordingSummary> counted = byRecording.keySet().stream()
                .sorted(Comparator.<Long, Long>comparing(discussionOf::get).reversed()
                        .thenComparing(Comparator.<Long, Long>comparing(byRecording::get).reversed())
                        .thenComparing(Comparator.reverseOrder()))
                .map(recordings::get).filter(r -> r.state() == RecordingState.READY).findFirst();
        if (counted.isPresent()) {
            return counted;
        }
        return discussions.visible().stream().filter(d -> d.learner().id() == sheet.learner().id())
                .filter(d -> d.units().stream().anyMatch(u -> u.id() == sheet.unit().id()))
                .sorted(Comparator.comparing(DiscussionSummary::heldOn).thenComparing(DiscussionSummary::id).reversed())
                .flatMap(d -> recordings.forDiscussion(d.id()).stream()
                        .filter(r -> r.state() == RecordingState.READY)
                        .sorted(Comparator.comparing(RecordingSummary::uploadedAt).reversed()))
                .findFirst();
    }

    private ReviewAction action(SheetView sheet, QaReview review, ActionDraft draft, Long duration) {
        List<String> acs = draft.acNumbers() == null ? List.of() : draft.acNumbers().stream()
                .filter(a -> a != null && !a.isBlank()).map(String::strip).distinct().sorted(QaReviews::byNumber)
                .toList();
        String text = text(draft.text(), MAX_TEXT, "An action");
        if (text == null) {
            throw new ReviewException("Say what the assessor should do in each action; nothing was decided.");
        }
        if (acs.isEmpty()) {
            throw new ReviewException("Name the ACs each action concerns; \"" + abbreviate(text) + "\" names none.");
        }
        List<String> unknown = acs.stream().filter(a -> !sheet.unit().criterionIds().containsKey(a)).toList();
        if (!unknown.isEmpty()) {
            throw new ReviewException("Unit " + sheet.unit().code() + " has no AC " + String.join(", ", unknown) + ".");
        }
        if (draft.atMs() != null) {
            if (review.recordingId() == null) {
                throw new ReviewException("There is no recording, so an action cannot name a moment.");
            }
            if (draft.atMs() < 0 || duration != null && draft.atMs() > duration) {
                throw new ReviewException(TimeFormat.counter(Math.max(0, draft.atMs())) + " is not a moment of the"
                        + " recording" + (duration == null ? "." : ", which lasts " + TimeFormat.counter(duration) + "."));
            }
        }
        return new ReviewAction(String.join(",", acs), draft.atMs() == null ? null : review.recordingId(),
                draft.atMs(), text);
    }

    /** The QA check's comment: the IQA's comment and the actions, so that the sheet and its PDF say what is required. */
    private static String declarationComment(ReviewStatus outcome, String comment, List<ReviewAction> actions) {
        var out = new StringBuilder(comment == null ? "" : comment);
        for (ReviewAction a : actions) {
            out.append(out.isEmpty() ? "" : "\n").append("Action on AC ").append(a.acNumbers().replace(",", ", "))
                    .append(a.atMs() == null ? "" : " at " + TimeFormat.counter(a.atMs())).append(": ")
                    .append(a.text());
        }
        String text = out.toString();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        return text.isBlank() ? null : text;
    }

    /** The IQA's comments on ACs, by learning outcome: the sheet's verification comments. */
    private static Map<Integer, String> verification(SheetView sheet, QaReview review) {
        Map<String, Integer> loOf = new LinkedHashMap<>();
        for (LearningOutcome lo : sheet.unit().definition().learningOutcomes()) {
            for (AssessmentCriterion ac : lo.assessmentCriteria()) {
                loOf.put(ac.number(), lo.number());
            }
        }
        Map<Integer, String> byLo = new TreeMap<>();
        review.verdicts().stream().filter(v -> v.comment() != null)
                .sorted(Comparator.comparing(ReviewVerdict::acNumber))
                .forEach(v -> byLo.merge(loOf.getOrDefault(v.acNumber(), 0), "AC " + v.acNumber() + " ("
                        + v.verdict().label().toLowerCase() + "): " + v.comment(), (a, b) -> a + "\n" + b));
        byLo.remove(0);
        byLo.replaceAll((lo, text) -> text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text);
        return byLo;
    }

    private static String text(String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new ReviewException(what + " may have at most " + max + " characters; nothing was saved.");
        }
        return text;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 39) + "…" : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ReviewView view(QaReview r) {
        return new ReviewView(r.id(), r.sheetId(), r.sheetVersion(), r.sheetHash(), r.learnerId(), r.unitId(),
                r.assessor(), r.discussionId(), r.recordingId(), r.recordingSha256(), r.reviewer(), r.reviewerName(),
                r.openedAt(), r.status(), r.comment(), r.decidedAt(), r.voidedAt(), r.voidedReason(),
                r.verdicts().stream().sorted(Comparator.comparing(ReviewVerdict::acNumber, QaReviews::byNumber))
                        .map(v -> new VerdictView(v.criterionId(), v.acNumber(), v.verdict(), v.comment(),
                                v.recordedAt())).toList(),
                r.notes().stream().map(n -> new NoteView(n.id(), n.recordingId(), n.startMs(), n.endMs(), n.text(),
                        n.createdBy(), n.createdAt())).toList(),
                r.actions().stream().map(a -> new ActionView(a.id(), r.id(), Arrays.asList(a.acNumbers().split(",")),
                        a.recordingId(), a.atMs(), a.text(), a.answerKind(), a.answerText(), a.answeredBy(),
                        a.answeredAt())).toList());
    }

    /** Orders AC numbers as numbers ("1.2" before "1.10"). */
    static int byNumber(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+") ? Integer.compare(Integer.parseInt(x[i]),
                    Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
