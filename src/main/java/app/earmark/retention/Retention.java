package app.earmark.retention;

import app.earmark.base.DisplayFormats;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.Recordings.StoredMedia;
import app.earmark.recordings.media.MediaStore;
import app.earmark.people.AssessorSummary;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.retention.RetentionEvents.ClosureCleared;
import app.earmark.retention.RetentionEvents.ClosureRecorded;
import app.earmark.retention.RetentionEvents.DeletionPreviewed;
import app.earmark.retention.RetentionEvents.DeletionSkipped;
import app.earmark.retention.RetentionEvents.HoldLifted;
import app.earmark.retention.RetentionEvents.HoldPlaced;
import app.earmark.retention.RetentionEvents.RecordingMediaDeleted;
import app.earmark.retention.RetentionEvents.RetentionPeriodChanged;
import app.earmark.retention.RetentionStore.Claim;
import app.earmark.retention.RetentionStore.ClosureRow;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of recordings for a centre: the periods, the dates learners were certificated or withdrew, holds, and the
 * deletion of media that is due. The administrator sets periods, records dates, previews and confirms deletions; an
 * IQA (on learners of the assessors they quality-assure), an EQA (within their grants in force) and the administrator
 * place and lift holds. Every change is audited.
 */
@Service
public class Retention {

    /**
     * The centre default: 36 months after certification or withdrawal. The awarding body's documents Earmark is built
     * on give no period; they require every assessment to stay available to the EQA on request (see docs/retention.md).
     */
    public static final int DEFAULT_MONTHS = 36;
    public static final int MAX_MONTHS = 1200;
    private static final int MAX_REASON = 2000;

    private final RetentionStore store;
    private final People people;
    private final Discussions discussions;
    private final Recordings recordings;
    private final MediaStore media;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Retention(RetentionStore store, People people, Discussions discussions, Recordings recordings, MediaStore media,
            Catalogue catalogue, CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events,
            Clock clock, TransactionTemplate transactions) {
        this.store = store;
        this.people = people;
        this.discussions = discussions;
        this.recordings = recordings;
        this.media = media;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    // ---------------------------------------------------------------- periods

    /** One qualification's period: its own, or the centre default when {@code own} is null. */
    public record Period(String qualificationCode, String qualificationTitle, Integer own, int effective) {
    }

    /** The centre's default and each qualification's period. */
    public record Policy(int defaultMonths, List<Period> periods) {
    }

    @RolesAllowed(Role.Name.ADMIN)
    public Policy policy() {
        long centre = currentUser.require().centreId();
        int defaultMonths = store.defaultMonths(centre);
        Map<String, Integer> own = store.qualificationMonths(centre);
        return new Policy(defaultMonths, catalogue.qualifications().stream()
                .sorted(Comparator.comparing(Qualification::code))
                .map(q -> new Period(q.code(), q.title(), own.get(q.code()),
                        own.getOrDefault(q.code(), defaultMonths))).toList());
    }

    @RolesAllowed(Role.Name.ADMIN)
    public void setDefaultMonths(Integer months) {
        int value = requireMonths(months);
        EarmarkPrincipal admin = currentUser.require();
        transactions.executeWithoutResult(status -> {
            store.ensureSetting(admin.centreId(), DEFAULT_MONTHS);
            int before = store.lockCentre(admin.centreId());
            if (before == value) {
                return;
            }
            store.setDefaultMonths(admin.centreId(), value, admin.getUsername(), clock.instant());
            events.publishEvent(new RetentionPeriodChanged(admin.getUsername(), admin.centreId(), null,
                    months(before), months(value)));
        });
    }

    /** Sets a qualification's own period; null returns it to the centre default. */
    @RolesAllowed(Role.Name.ADMIN)
    public void setQualificationMonths(String qualificationCode, Integer months) {
        Qualification qualification = requireQualification(qualificationCode);
        Integer value = months == null ? null : requireMonths(months);
        EarmarkPrincipal admin = currentUser.require();
        transactions.executeWithoutResult(status -> {
            store.ensureSetting(admin.centreId(), DEFAULT_MONTHS);
            int defaultMonths = store.lockCentre(admin.centreId());
            Integer before = store.qualificationMonths(admin.centreId()).get(qualification.code());
            if (java.util.Objects.equals(before, value)) {
                return;
            }
            store.setQualificationMonths(admin.centreId(), qualification.code(), value, admin.getUsername(),
                    clock.instant());
            events.publishEvent(new RetentionPeriodChanged(admin.getUsername(), admin.centreId(), qualification.code(),
                    before == null ? "the centre default (" + months(defaultMonths) + ")" : months(before),
                    value == null ? "the centre default (" + months(defaultMonths) + ")" : months(value)));
        });
    }

    private static int requireMonths(Integer months) {
        if (months == null || months < 1 || months > MAX_MONTHS) {
            throw new RetentionException("A retention period is a whole number of months from 1 to " + MAX_MONTHS
                    + " (given: " + months + ").");
        }
        return months;
    }

    private Qualification requireQualification(String code) {
        return catalogue.qualification(code == null ? "" : code.trim()).orElseThrow(
                () -> new RetentionException("There is no qualification " + code + " in the catalogue."));
    }

    static String months(int months) {
        return months + (months == 1 ? " month" : " months");
    }

    // ---------------------------------------------------------------- certification and withdrawal

    /** A learner's enrolment with its certification or withdrawal, if recorded. */
    public record LearnerQualification(long learnerId, String learnerName, String username, String qualificationCode,
            String qualificationTitle, ClosureOutcome outcome, LocalDate closedOn, String recordedBy) {

        public boolean closed() {
            return outcome != null;
        }
    }

    /** Every learner's enrolments of the centre, with the certification or withdrawal recorded for each. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<LearnerQualification> learnerQualifications() {
        List<LearnerSummary> learners = people.visibleLearners();
        Map<String, ClosureRow> closures = store.closures(learners.stream().map(LearnerSummary::id).toList()).stream()
                .collect(Collectors.toMap(c -> c.learnerId() + "/" + c.qualificationCode(), Function.identity()));
        List<LearnerQualification> rows = new ArrayList<>();
        for (LearnerSummary learner : learners) {
            Set<String> codes = new LinkedHashSet<>();
            learner.enrolments().forEach(e -> codes.add(e.qualificationCode()));
            closures.values().stream().filter(c -> c.learnerId() == learner.id())
                    .forEach(c -> codes.add(c.qualificationCode()));
            for (String code : codes) {
                ClosureRow closure = closures.get(learner.id() + "/" + code);
                rows.add(new LearnerQualification(learner.id(), learner.displayName(), learner.username(), code,
                        catalogue.qualification(code).map(Qualification::title).orElse(code),
                        closure == null ? null : closure.outcome(), closure == null ? null : closure.on(),
                        closure == null ? null : closure.recordedBy()));
            }
        }
        return rows;
    }

    /** Records (or corrects) the date a learner was certificated on, or withdrew from, a qualification. */
    @RolesAllowed(Role.Name.ADMIN)
    public void recordClosure(long learnerId, String qualificationCode, ClosureOutcome outcome, LocalDate on) {
        EarmarkPrincipal admin = currentUser.require();
        LearnerSummary learner = people.learner(learnerId);
        Qualification qualification = requireQualification(qualificationCode);
        if (outcome == null) {
            throw new RetentionException("Say whether " + learner.displayName() + " was certificated or withdrew.");
        }
        if (on == null) {
            throw new RetentionException("Give the date of " + outcome.noun() + ".");
        }
        if (on.isAfter(today())) {
            throw new RetentionException("The date of " + outcome.noun() + " cannot be in the future ("
                    + DisplayFormats.date(on) + ").");
        }
        Optional<ClosureRow> existing = store.closure(learnerId, qualification.code());
        boolean enrolled = learner.enrolments().stream()
                .anyMatch(e -> e.qualificationCode().equals(qualification.code()));
        if (!enrolled && existing.isEmpty()) {
            throw new RetentionException(learner.displayName() + " is not enrolled on " + qualification.code() + ".");
        }
        Optional<LocalDate> enrolledOn = learner.enrolments().stream()
                .filter(e -> e.qualificationCode().equals(qualification.code())).map(EnrolmentSummary::enrolledOn)
                .findFirst();
        if (enrolledOn.isPresent() && on.isBefore(enrolledOn.get())) {
            throw new RetentionException("The date of " + outcome.noun() + " (" + DisplayFormats.date(on)
                    + ") is before " + learner.displayName() + " enrolled on " + qualification.code() + " ("
                    + DisplayFormats.date(enrolledOn.get()) + ").");
        }
        transactions.executeWithoutResult(status -> {
            store.ensureSetting(admin.centreId(), DEFAULT_MONTHS);
            store.lockCentre(admin.centreId());
            store.saveClosure(new ClosureRow(learnerId, qualification.code(), outcome, on, admin.getUsername(),
                    clock.instant()));
            events.publishEvent(new ClosureRecorded(admin.getUsername(), learner.username(), qualification.code(),
                    outcome, on, existing.map(c -> c.outcome().noun() + " on " + c.on()).orElse(null)));
        });
    }

    /** Takes back a recorded certification or withdrawal (recorded in error), with a reason. */
    @RolesAllowed(Role.Name.ADMIN)
    public void clearClosure(long learnerId, String qualificationCode, String reason) {
        EarmarkPrincipal admin = currentUser.require();
        LearnerSummary learner = people.learner(learnerId);
        String why = requireReason(reason, "taking back a certification or withdrawal");
        ClosureRow existing = store.closure(learnerId, qualificationCode == null ? "" : qualificationCode.trim())
                .orElseThrow(() -> new RetentionException("No certification or withdrawal is recorded for "
                        + learner.displayName() + " on " + qualificationCode + "."));
        transactions.executeWithoutResult(status -> {
            store.ensureSetting(admin.centreId(), DEFAULT_MONTHS);
            store.lockCentre(admin.centreId());
            store.deleteClosure(learnerId, existing.qualificationCode());
            events.publishEvent(new ClosureCleared(admin.getUsername(), learner.username(),
                    existing.qualificationCode(), existing.outcome().noun() + " on " + existing.on(), why));
        });
    }

    // ---------------------------------------------------------------- holds

    /** A hold as its viewers see it, with the learner's name and the discussion it covers (if not all). */
    public record HoldView(Hold hold, String learnerName, String discussionLabel) {
    }

    /** The holds in force the signed-in person may see and lift: the administrator's are every hold of the centre. */
    @RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
    public List<HoldView> holds() {
        EarmarkPrincipal me = currentUser.require();
        Map<Long, LearnerSummary> learners = holdableLearners().stream()
                .collect(Collectors.toMap(LearnerSummary::id, Function.identity()));
        Map<Long, DiscussionSummary> visible = discussions.visible().stream()
                .collect(Collectors.toMap(DiscussionSummary::id, Function.identity()));
        List<HoldView> views = new ArrayList<>();
        for (Hold hold : store.holdsInForce(me.centreId())) {
            LearnerSummary learner = learners.get(hold.learnerId());
            DiscussionSummary discussion = hold.discussionId() == null ? null : visible.get(hold.discussionId());
            if (learner == null || (hold.discussionId() != null
                    && (discussion == null || !mayHold(me, learner.id(), discussion)))) {
                continue;
            }
            views.add(new HoldView(hold, learner.displayName(), discussion == null ? null : label(discussion)));
        }
        return views;
    }

    /** The holds in force on one learner (theirs and their discussions'), if the signed-in person may hold them. */
    @RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
    public List<HoldView> holdsOf(long learnerId) {
        return holds().stream().filter(h -> h.hold().learnerId() == learnerId).toList();
    }

    /**
     * The learners the signed-in person may place holds on: every learner of the centre for the administrator, the
     * learners of the assessors an IQA quality-assures, and the learners of an EQA's grants in force.
     */
    @RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
    public List<LearnerSummary> holdableLearners() {
        EarmarkPrincipal me = currentUser.require();
        Set<Long> ids = holdableLearnerIds(me);
        return people.visibleLearners().stream().filter(l -> ids.contains(l.id())).toList();
    }

    /** Whether the signed-in person may place a hold on this learner (for showing or hiding the action). */
    public boolean mayHold(long learnerId) {
        return currentUser.find().map(me -> holdableLearnerIds(me).contains(learnerId)).orElse(false);
    }

    private Set<Long> holdableLearnerIds(EarmarkPrincipal me) {
        Set<Long> ids = new HashSet<>();
        if (me.hasRole(Role.ADMIN)) {
            people.visibleLearners().forEach(l -> ids.add(l.id()));
        }
        if (me.hasRole(Role.IQA)) {
            people.qualityAssuredAssessors().stream().map(AssessorSummary::learners).flatMap(List::stream)
                    .forEach(l -> ids.add(l.id()));
        }
        if (me.hasRole(Role.EQA)) {
            people.eqaScopes(me).forEach(scope -> ids.add(scope.learnerId()));
        }
        return ids;
    }

    /** Whether the person may hold this discussion: as for its learner, and for an EQA only within their grants. */
    private boolean mayHold(EarmarkPrincipal me, long learnerId, DiscussionSummary discussion) {
        if (me.hasRole(Role.ADMIN) && people.maySeeLearner(me, learnerId)) {
            return true;
        }
        if (me.hasRole(Role.IQA) && people.qualityAssuredAssessors().stream().map(AssessorSummary::learners)
                .flatMap(List::stream).anyMatch(l -> l.id() == learnerId)) {
            return true;
        }
        if (me.hasRole(Role.EQA)) {
            return people.eqaScopes(me).stream().anyMatch(scope -> discussion == null ? scope.learnerId() == learnerId
                    : scope.covers(learnerId, discussion.units().stream().map(DiscussionSummary.UnitRef::id).toList(),
                            discussion.heldOn()));
        }
        return false;
    }

    /**
     * Places a hold on a learner's recordings ({@code discussionId} null) or on one discussion's: none of them is
     * deleted while it is in force, even if it arrives after the administrator previewed a deletion.
     */
    @RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
    public Hold placeHold(long learnerId, Long discussionId, String reason) {
        EarmarkPrincipal me = currentUser.require();
        String why = requireReason(reason, "placing a hold");
        DiscussionSummary discussion = null;
        String subject = discussionId == null ? "learner:" + learnerId : "discussion:" + discussionId;
        if (discussionId != null) {
            discussion = discussions.get(discussionId);
            if (discussion.learner().id() != learnerId) {
                throw new RetentionException("Discussion " + discussionId + " is not one of learner " + learnerId
                        + "'s.");
            }
        }
        if (!mayHold(me, learnerId, discussion)) {
            throw guard.refuse(subject, "You may not place a hold on " + (discussionId == null ? "learner "
                    + learnerId : "discussion " + discussionId) + ".");
        }
        return transactions.execute(status -> {
            store.ensureSetting(me.centreId(), DEFAULT_MONTHS);
            store.lockCentre(me.centreId());
            Instant now = clock.instant();
            long id = store.insertHold(me.centreId(), learnerId, discussionId, why, me.getUsername(), now);
            events.publishEvent(new HoldPlaced(me.getUsername(), id, subject, why));
            return new Hold(id, learnerId, discussionId, why, me.getUsername(), now, null, null, null);
        });
    }

    /** Lifts a hold in force, with a reason; who may place it may lift it. */
    @RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
    public void liftHold(long holdId, String reason) {
        EarmarkPrincipal me = currentUser.require();
        String why = requireReason(reason, "lifting a hold");
        Hold hold = store.hold(me.centreId(), holdId).filter(Hold::inForce).orElse(null);
        DiscussionSummary discussion = null;
        if (hold != null && hold.discussionId() != null) {
            long id = hold.discussionId();
            discussion = discussions.visible().stream().filter(d -> d.id() == id).findFirst().orElse(null);
            if (discussion == null) {
                hold = null;
            }
        }
        if (hold == null || !mayHold(me, hold.learnerId(), discussion)) {
            throw guard.refuse("retention-hold:" + holdId, "There is no hold " + holdId + " in force that you may"
                    + " lift.");
        }
        Hold lifted = hold;
        transactions.executeWithoutResult(status -> {
            store.lockCentre(me.centreId());
            store.liftHold(holdId, me.getUsername(), clock.instant(), why);
            events.publishEvent(new HoldLifted(me.getUsername(), holdId, lifted.subject(), lifted.reason(), why));
        });
    }

    static String requireReason(String reason, String doing) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new RetentionException("Give a reason for " + doing + ".");
        }
        if (why.length() > MAX_REASON) {
            throw new RetentionException("A reason is at most " + MAX_REASON + " characters (this one has "
                    + why.length() + ").");
        }
        return why;
    }

    // ---------------------------------------------------------------- preview and deletion

    /**
     * A recording whose retention period has ended.
     *
     * @param holds the reasons of the holds in force on it (empty: it is deleted when the deletion is confirmed)
     */
    public record DueRecording(long recordingId, String recordingName, long discussionId, String discussionLabel,
            long learnerId, String learnerName, String rule, LocalDate dueOn, long bytes, List<String> holds) {

        public boolean held() {
            return !holds.isEmpty();
        }
    }

    /**
     * What is due for deletion today, held or not, the deletions already done (newest first), and the recordings whose
     * deletion was claimed but interrupted (the next confirmation finishes them first, held or not: their media may be
     * partly gone already).
     */
    public record Preview(LocalDate today, List<DueRecording> due, List<DoneDeletion> done, List<Long> interrupted) {

        public List<DueRecording> deletable() {
            return due.stream().filter(d -> !d.held() && !interrupted.contains(d.recordingId())).toList();
        }

        public long deletableBytes() {
            return deletable().stream().mapToLong(DueRecording::bytes).sum();
        }
    }

    /** A deletion done, as the administrator sees it. */
    public record DoneDeletion(long recordingId, long discussionId, String rule, LocalDate dueOn, long bytes,
            String by, Instant at) {
    }

    /** What a confirmed deletion did. */
    public record DeletionReport(List<Long> deleted, Map<Long, String> skipped, long bytes) {
    }

    /** What is due for deletion now (audited: who looked, and how much was due). */
    @RolesAllowed(Role.Name.ADMIN)
    public Preview preview() {
        EarmarkPrincipal admin = currentUser.require();
        Plan plan = plan();
        List<DueRecording> due = plan.items().stream().filter(i -> i.due().isDue(plan.today()))
                .map(i -> i.toDueRecording(store.holdsOn(i.learner().id(), i.discussion().id())))
                .sorted(Comparator.comparing(DueRecording::dueOn).thenComparing(DueRecording::recordingId)).toList();
        List<DoneDeletion> done = store.finishedClaims(admin.centreId(), 200).stream()
                .map(c -> new DoneDeletion(c.recordingId(), c.discussionId(), c.rule(), c.dueOn(), c.bytes(),
                        c.claimedBy(), c.finishedAt())).toList();
        List<Long> interrupted = store.unfinishedClaims(admin.centreId()).stream().map(Claim::recordingId).toList();
        Preview preview = new Preview(plan.today(), due, done, interrupted);
        transactions.executeWithoutResult(status -> events.publishEvent(new DeletionPreviewed(admin.getUsername(),
                admin.centreId(), preview.deletable().size(), (int) due.stream().filter(DueRecording::held).count(),
                preview.deletableBytes())));
        return preview;
    }

    /**
     * Deletes the media of the recordings the administrator confirmed from a preview. First finishes any deletion an
     * interruption left half done; then, for each recording, checks again (under the lock holds take) that it is still
     * due and that no hold is in force on it or its learner, records what it is about to delete, deletes it from the
     * media store, and marks the recording deleted with one audit entry. A recording held or no longer due is skipped
     * (and that is audited too).
     */
    @RolesAllowed(Role.Name.ADMIN)
    public DeletionReport delete(Collection<Long> recordingIds) {
        EarmarkPrincipal admin = currentUser.require();
        Plan plan = plan();
        List<Long> deleted = new ArrayList<>();
        Map<Long, String> skipped = new LinkedHashMap<>();
        long bytes = 0;
        Set<Long> claimed = new HashSet<>(store.claimedRecordingIds(admin.centreId()));
        for (Claim unfinished : store.unfinishedClaims(admin.centreId())) {
            finish(unfinished, plan, claimed, admin);
            deleted.add(unfinished.recordingId());
            bytes += unfinished.bytes();
        }
        Map<Long, Item> items = plan.items().stream()
                .collect(Collectors.toMap(i -> i.media().recordingId(), Function.identity()));
        for (long recordingId : new LinkedHashSet<>(recordingIds)) {
            if (deleted.contains(recordingId)) {
                continue;
            }
            Item item = items.get(recordingId);
            String refusal = item == null ? "it is not a recording of this centre that is kept in the media store"
                    : !item.due().isDue(plan.today()) ? "it is not due for deletion (" + item.due().why() + ")" : null;
            Optional<Claim> claim = refusal == null ? claim(item, plan, admin) : Optional.empty();
            if (claim.isEmpty()) {
                String why = refusal != null ? refusal : heldReason(item);
                skipped.put(recordingId, why);
                transactions.executeWithoutResult(status -> events.publishEvent(new DeletionSkipped(
                        admin.getUsername(), recordingId, why)));
                continue;
            }
            claimed.add(recordingId);
            finish(claim.get(), plan, claimed, admin);
            deleted.add(recordingId);
            bytes += claim.get().bytes();
        }
        return new DeletionReport(deleted, skipped, bytes);
    }

    private String heldReason(Item item) {
        List<Hold> holds = store.holdsOn(item.learner().id(), item.discussion().id());
        return holds.isEmpty() ? "it was already claimed for deletion"
                : "held: " + holds.stream().map(h -> h.reason() + " (hold " + h.id() + ", "
                        + h.placedBy() + ")").collect(Collectors.joining("; "));
    }

    /**
     * Claims a recording for deletion, under the centre lock that placing a hold also takes: nothing is claimed that
     * a hold in force covers. The claim records the hashes, so that an interrupted deletion knows what to finish.
     */
    private Optional<Claim> claim(Item item, Plan plan, EarmarkPrincipal admin) {
        String renditionSha = renditionSha256(item.media());
        return Optional.ofNullable(transactions.execute(status -> {
            store.ensureSetting(admin.centreId(), DEFAULT_MONTHS);
            store.lockCentre(admin.centreId());
            if (!store.holdsOn(item.learner().id(), item.discussion().id()).isEmpty()
                    || store.claim(item.media().recordingId()).isPresent()) {
                return null;
            }
            Due due = due(item.learner(), item.discussion(), admin.centreId());
            if (!due.isDue(plan.today())) {
                return null;
            }
            Claim claim = new Claim(item.media().recordingId(), admin.centreId(), item.discussion().id(),
                    item.learner().id(), due.rule(), due.dueOn(), item.media().originalSha256(), renditionSha,
                    item.bytes(), admin.getUsername(), clock.instant(), null);
            store.insertClaim(claim);
            return claim;
        }));
    }

    private String renditionSha256(StoredMedia stored) {
        if (stored.originalSha256() == null || stored.renditionName() == null) {
            return null;
        }
        try {
            return media.derivedSha256(stored.originalSha256(), stored.renditionName());
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("The SHA-256 of recording " + stored.recordingId()
                    + "'s playable copy could not be read from the media store", e);
        }
    }

    /**
     * Deletes a claimed recording's media (the rendition's hash first, for the chaptered copies stored under it, then
     * the original's, which takes the derived files and then the original) and marks it deleted. Asking the store
     * again for what is already gone does nothing, so this finishes an interrupted deletion. A hash another recording
     * still uses (the same file uploaded twice) is left in the store.
     */
    private void finish(Claim claim, Plan plan, Set<Long> claimed, EarmarkPrincipal admin) {
        // Derived files live under the original's hash, so a recording of the same file shares them too.
        boolean shared = claim.originalSha256() != null && plan.stillStored().stream()
                .anyMatch(s -> s.recordingId() != claim.recordingId() && !claimed.contains(s.recordingId())
                        && claim.originalSha256().equals(s.originalSha256()));
        List<String> kept = new ArrayList<>();
        for (String hash : java.util.Arrays.asList(claim.renditionSha256(), claim.originalSha256())) {
            if (hash == null) {
                continue;
            }
            if (shared) {
                kept.add(hash);
                continue;
            }
            try {
                media.delete(hash);
            } catch (IOException e) {
                throw new UncheckedIOException("The media of recording " + claim.recordingId() + " could not be"
                        + " deleted from the media store (run the deletion again to finish it)", e);
            }
        }
        Item item = plan.items().stream().filter(i -> i.media().recordingId() == claim.recordingId()).findFirst()
                .orElse(null);
        String message = "Media deleted on " + DisplayFormats.date(today()) + " under the retention rule: "
                + claim.rule() + ". The discussion, its tags and sheets and the audit trail are kept.";
        transactions.executeWithoutResult(status -> {
            recordings.markMediaDeleted(claim.recordingId(), message);
            store.finishClaim(claim.recordingId(), clock.instant());
            events.publishEvent(new RecordingMediaDeleted(admin.getUsername(), claim.recordingId(),
                    claim.discussionId(), item == null ? "id " + claim.learnerId() : item.learner().username(),
                    item == null ? "recording " + claim.recordingId() : item.media().originalName(), claim.rule(),
                    claim.dueOn(), claim.originalSha256(), claim.renditionSha256(), claim.bytes(),
                    kept.isEmpty() ? null : "Kept in the store because another recording uses the same file: "
                            + String.join(", ", kept) + "."));
        });
    }

    // ---------------------------------------------------------------- the rules

    /** When a discussion's recordings are due, under which rule; or why they are not. */
    record Due(LocalDate dueOn, String rule, String why) {

        boolean isDue(LocalDate today) {
            return dueOn != null && !dueOn.isAfter(today);
        }
    }

    /** A recording of the centre with media in the store, and when it is due. */
    record Item(StoredMedia media, DiscussionSummary discussion, LearnerSummary learner, Due due) {

        long bytes() {
            return media.originalSize() + (media.renditionSize() == null ? 0 : media.renditionSize());
        }

        DueRecording toDueRecording(List<Hold> holds) {
            return new DueRecording(media.recordingId(), media.originalName(), discussion.id(), label(discussion),
                    learner.id(), learner.displayName(), due.rule(), due.dueOn(), bytes(),
                    holds.stream().map(h -> h.reason() + " (" + h.placedBy() + ")").toList());
        }
    }

    /**
     * Every recording of the centre's discussions with media in the store and not in progress ({@code items}), and the
     * others (in progress, or already deleted).
     */
    record Plan(LocalDate today, List<Item> items, List<StoredMedia> others) {

        /** The recordings whose media is (or will be) in the store: all but those marked deleted. */
        List<StoredMedia> stillStored() {
            return java.util.stream.Stream.concat(items.stream().map(Item::media), others.stream())
                    .filter(s -> s.state() != RecordingState.DELETED && s.originalSha256() != null).toList();
        }
    }

    private Plan plan() {
        EarmarkPrincipal admin = currentUser.require();
        Map<Long, LearnerSummary> learners = people.visibleLearners().stream()
                .collect(Collectors.toMap(LearnerSummary::id, Function.identity()));
        Map<Long, DiscussionSummary> byId = discussions.visible().stream()
                .filter(d -> learners.containsKey(d.learner().id()))
                .collect(Collectors.toMap(DiscussionSummary::id, Function.identity()));
        Map<Long, List<ClosureRow>> closures = store.closures(learners.keySet()).stream()
                .collect(Collectors.groupingBy(ClosureRow::learnerId));
        int defaultMonths = store.defaultMonths(admin.centreId());
        Map<String, Integer> own = store.qualificationMonths(admin.centreId());
        List<Item> items = new ArrayList<>();
        List<StoredMedia> others = new ArrayList<>();
        Map<Long, Due> dues = new HashMap<>();
        for (StoredMedia stored : recordings.storedMedia(byId.keySet())) {
            boolean inStore = stored.originalSha256() != null && stored.state() != RecordingState.DELETED
                    && !stored.state().inProgress();
            if (!inStore) {
                others.add(stored);
                continue;
            }
            DiscussionSummary discussion = byId.get(stored.discussionId());
            LearnerSummary learner = learners.get(discussion.learner().id());
            Due due = dues.computeIfAbsent(discussion.id(), id -> due(learner, discussion,
                    closures.getOrDefault(learner.id(), List.of()), defaultMonths, own));
            items.add(new Item(stored, discussion, learner, due));
        }
        return new Plan(today(), items, others);
    }

    private Due due(LearnerSummary learner, DiscussionSummary discussion, long centreId) {
        return due(learner, discussion, store.closures(List.of(learner.id())), store.defaultMonths(centreId),
                store.qualificationMonths(centreId));
    }

    /**
     * A discussion's recordings are due when every qualification of the learner that contains one of the discussion's
     * units has a certification or withdrawal recorded, on the latest of those dates plus each qualification's period.
     */
    private Due due(LearnerSummary learner, DiscussionSummary discussion, List<ClosureRow> closures, int defaultMonths,
            Map<String, Integer> own) {
        Set<String> unitCodes = discussion.units().stream().map(DiscussionSummary.UnitRef::code)
                .collect(Collectors.toSet());
        Set<String> codes = new LinkedHashSet<>();
        learner.enrolments().forEach(e -> codes.add(e.qualificationCode()));
        closures.forEach(c -> codes.add(c.qualificationCode()));
        List<String> relevant = codes.stream().filter(code -> catalogue.qualification(code).map(Qualification::units)
                .orElse(List.of()).stream().map(Unit::code).anyMatch(unitCodes::contains)).toList();
        if (relevant.isEmpty()) {
            return new Due(null, null, "no qualification of " + learner.displayName() + " contains "
                    + discussion.unitCodes());
        }
        Map<String, ClosureRow> byCode = closures.stream()
                .collect(Collectors.toMap(ClosureRow::qualificationCode, Function.identity()));
        LocalDate latest = null;
        String rule = null;
        for (String code : relevant) {
            ClosureRow closure = byCode.get(code);
            if (closure == null) {
                return new Due(null, null, learner.displayName() + " has no certification or withdrawal recorded on "
                        + code);
            }
            int months = own.getOrDefault(code, defaultMonths);
            LocalDate dueOn = closure.on().plusMonths(months);
            if (latest == null || dueOn.isAfter(latest)) {
                latest = dueOn;
                rule = code + ": " + months(months) + " after " + closure.outcome().noun() + " on " + closure.on()
                        + (own.containsKey(code) ? " (period set for " + code + ")" : " (centre default)");
            }
        }
        return new Due(latest, rule, null);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), DisplayFormats.ZONE);
    }

    static String label(DiscussionSummary discussion) {
        return "discussion " + discussion.id() + " of " + DisplayFormats.date(discussion.heldOn()) + " ("
                + discussion.unitCodes() + ")";
    }
}
