package app.earmark.discussions;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionEvents.DiscussionCreated;
import app.earmark.discussions.DiscussionSummary.UnitRef;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Discussions: an assessor creates one for a learner they assess; anyone who may see the learner may see
 * the learner's discussions. Every method checks the signed-in person, whatever the UI showed them.
 */
@Service
@Transactional(readOnly = true)
public class Discussions {

    private final DiscussionRepository discussions;
    private final People people;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<CorrectionChecks> checks;

    Discussions(DiscussionRepository discussions, People people, Catalogue catalogue, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock, ObjectProvider<CorrectionChecks> checks) {
        this.checks = checks;
        this.discussions = discussions;
        this.people = people;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a discussion of the given unit versions with one learner the signed-in assessor assesses.
     *
     * @throws DiscussionException when a unit is not one of the learner's, or a field is missing
     */
    @RolesAllowed(Role.Name.ASSESSOR)
    @Transactional
    public DiscussionSummary create(List<Long> learnerIds, Set<Long> unitIds, LocalDate heldOn, DiscussionMode mode) {
        if (learnerIds == null || learnerIds.isEmpty()) {
            throw new DiscussionException("Choose the learner.");
        }
        if (learnerIds.stream().distinct().count() > 1) {
            throw new DiscussionException("A professional discussion is held with one learner at a time: the "
                    + "awarding body's guidance rules out group discussions. Create one discussion per learner.");
        }
        long learnerId = learnerIds.get(0);
        EarmarkPrincipal me = currentUser.require();
        if (!people.assesses(me.userId(), learnerId)) {
            throw guard.refuse("learner:" + learnerId, "You are not assigned to assess learner " + learnerId + ".");
        }
        if (unitIds == null || unitIds.isEmpty()) {
            throw new DiscussionException("Choose the unit or units the discussion assesses.");
        }
        Set<Long> allowed = unitsFor(learnerId).stream().map(Unit::id).collect(Collectors.toSet());
        for (long unitId : unitIds) {
            if (!allowed.contains(unitId)) {
                String what = catalogue.unit(unitId).map(Unit::code).orElse("with id " + unitId);
                throw new DiscussionException("Unit " + what + " is not one of the learner's units.");
            }
        }
        if (heldOn == null) {
            throw new DiscussionException("Give the date of the discussion.");
        }
        if (mode == null) {
            throw new DiscussionException("Say whether the discussion is face-to-face or remote.");
        }
        Discussion discussion = discussions.save(new Discussion(learnerId, me.userId(), heldOn, mode, unitIds,
                clock.instant()));
        DiscussionSummary summary = summaries(List.of(discussion)).get(0);
        events.publishEvent(new DiscussionCreated(me.getUsername(), discussion.id(), summary.learner().username(),
                summary.unitCodes(), mode.label()));
        return summary;
    }

    /**
     * Corrects a discussion's date, mode and units, with a reason, until its evidence is signed; after that a
     * correction is made through an amendment of the signed sheet, and this refuses saying so. A unit can be taken
     * off only while no agreed question and no tag points at its ACs.
     */
    @RolesAllowed(Role.Name.ASSESSOR)
    @Transactional
    public DiscussionSummary correct(long discussionId, LocalDate heldOn, DiscussionMode mode, Set<Long> unitIds,
            String reason) {
        requireMayRecord(discussionId);
        Discussion discussion = discussions.findById(discussionId).orElseThrow();
        DiscussionSummary before = summaries(List.of(discussion)).get(0);
        String why = requireReason(reason, "correcting discussion " + discussionId);
        requireCorrectable(discussion);
        if (heldOn == null) {
            throw new DiscussionException("Give the date of the discussion.");
        }
        if (mode == null) {
            throw new DiscussionException("Say whether the discussion is face-to-face or remote.");
        }
        if (unitIds == null || unitIds.isEmpty()) {
            throw new DiscussionException("Choose the unit or units the discussion assesses.");
        }
        Set<Long> allowed = unitsFor(discussion.learnerId()).stream().map(Unit::id).collect(Collectors.toSet());
        for (long unitId : unitIds) {
            if (!allowed.contains(unitId) && !discussion.unitIds().contains(unitId)) {
                String what = catalogue.unit(unitId).map(Unit::code).orElse("with id " + unitId);
                throw new DiscussionException("Unit " + what + " is not one of the learner's units.");
            }
        }
        Set<Long> planned = discussion.plannedCriterionIds();
        for (long removed : discussion.unitIds()) {
            if (unitIds.contains(removed)) {
                continue;
            }
            String code = catalogue.unit(removed).map(Unit::code).orElse("with id " + removed);
            boolean inPlan = criteriaOf(discussion).stream()
                    .anyMatch(c -> c.unitId() == removed && planned.contains(c.id()));
            if (inPlan) {
                throw new DiscussionException("The plan maps agreed questions to ACs of unit " + code + ": change the"
                        + " plan first, then take the unit off the discussion.");
            }
            checks.orderedStream().map(check -> check.unitInUse(discussionId, removed)).flatMap(Optional::stream)
                    .findFirst().ifPresent(refusal -> {
                        throw new DiscussionException(refusal);
                    });
        }
        List<String> changes = new ArrayList<>();
        if (!heldOn.equals(discussion.heldOn())) {
            changes.add("date " + discussion.heldOn() + " → " + heldOn);
        }
        if (mode != discussion.mode()) {
            changes.add("mode " + discussion.mode().label() + " → " + mode.label());
        }
        if (!unitIds.equals(discussion.unitIds())) {
            discussion.correct(heldOn, mode, unitIds);
            changes.add("units " + before.unitCodes() + " → " + summaries(List.of(discussion)).get(0).unitCodes());
        }
        if (changes.isEmpty()) {
            throw new DiscussionException("Nothing was changed: change the date, the mode or the units, or cancel.");
        }
        discussion.correct(heldOn, mode, unitIds);
        events.publishEvent(new DiscussionEvents.DiscussionCorrected(currentUser.actorName(), discussionId,
                String.join("; ", changes), why));
        return summaries(List.of(discussion)).get(0);
    }

    /**
     * Deletes a discussion created by mistake, with a reason, while none of its evidence is signed and nothing is
     * being recorded or prepared in it. It is kept (with its recordings and audit entries) but no longer shown.
     */
    @RolesAllowed(Role.Name.ASSESSOR)
    @Transactional
    public void delete(long discussionId, String reason) {
        requireMayRecord(discussionId);
        Discussion discussion = discussions.findById(discussionId).orElseThrow();
        DiscussionSummary summary = summaries(List.of(discussion)).get(0);
        String why = requireReason(reason, "deleting discussion " + discussionId);
        requireCorrectable(discussion);
        checks.orderedStream().map(check -> check.deletionBlocked(discussionId)).flatMap(Optional::stream)
                .findFirst().ifPresent(refusal -> {
                    throw new DiscussionException(refusal);
                });
        discussion.delete(currentUser.actorName(), why, clock.instant());
        events.publishEvent(new DiscussionEvents.DiscussionDeleted(currentUser.actorName(), discussionId,
                summary.learner().username(), summary.unitCodes(), why));
    }

    /** Refuses (with the reason, and saying that an amendment is the way) once the discussion's evidence is signed. */
    public void requireCorrectable(long discussionId) {
        requireCorrectable(discussions.findById(discussionId).orElseThrow());
    }

    private void requireCorrectable(Discussion discussion) {
        var ref = new CorrectionChecks.DiscussionRef(discussion.id(), discussion.learnerId(), discussion.unitIds(),
                discussion.createdAt());
        checks.orderedStream().map(check -> check.signedRecord(ref)).flatMap(Optional::stream).findFirst()
                .ifPresent(signed -> {
                    throw new DiscussionException(signed + " It can no longer be corrected here: make the"
                            + " correction through an amendment of the signed sheet.");
                });
    }

    /**
     * Whether the discussion can still be corrected directly (for showing or hiding controls): empty if so,
     * else why not.
     */
    public Optional<String> correctionRefusal(long discussionId) {
        try {
            requireCorrectable(visibleDiscussion(discussionId));
            return Optional.empty();
        } catch (DiscussionException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why the recording cannot be removed as it is (e.g. it has tags), or empty: the first answer of the checks. */
    public Optional<String> recordingInUse(long recordingId) {
        return checks.orderedStream().map(check -> check.recordingInUse(recordingId)).flatMap(Optional::stream)
                .findFirst();
    }

    /** A correction's reason: required, at most 1,000 characters. */
    public static String requireReason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new DiscussionException("Give the reason for " + what + ": it is kept in the audit trail.");
        }
        if (reason.strip().length() > 1000) {
            throw new DiscussionException("The reason is longer than 1,000 characters.");
        }
        return reason.strip();
    }

    /** The ACs of the unit versions the discussion assesses, in unit and AC order. */
    public List<AssessedCriterion> criteria(long discussionId) {
        return criteriaOf(visibleDiscussion(discussionId));
    }

    /**
     * The discussion's plan. The learner sees it once the assessor has shared it; before that, an empty plan.
     */
    public DiscussionPlan plan(long discussionId) {
        Discussion discussion = visibleDiscussion(discussionId);
        if (!discussion.planShared() && !mayRecord(summaries(List.of(discussion)).get(0))) {
            return new DiscussionPlan(null, List.of(), null, null, null, List.of());
        }
        return planOf(discussion);
    }

    /**
     * Saves the start time and the agreed questions (each mapped to at least one AC of the assessed
     * units). Changing a plan the learner has acknowledged asks them to acknowledge it again.
     */
    @Transactional
    public DiscussionPlan savePlan(long discussionId, LocalTime startsAt, List<DiscussionPlan.Draft> drafts) {
        requireMayRecord(discussionId);
        Discussion discussion = discussions.findById(discussionId).orElseThrow();
        Map<Long, AssessedCriterion> criteria = criteriaOf(discussion).stream()
                .collect(Collectors.toMap(AssessedCriterion::id, c -> c));
        for (int i = 0; i < drafts.size(); i++) {
            var draft = drafts.get(i);
            String where = "Question " + (i + 1);
            if (draft.text() == null || draft.text().isBlank()) {
                throw new DiscussionException(where + " has no text.");
            }
            if (draft.text().length() > 2000) {
                throw new DiscussionException(where + " is longer than 2,000 characters.");
            }
            if (draft.criterionIds() == null || draft.criterionIds().isEmpty()) {
                throw new DiscussionException(where + " is not mapped to any AC: map each agreed question to the AC or"
                        + " ACs it is meant to evidence.");
            }
            for (long id : draft.criterionIds()) {
                if (!criteria.containsKey(id)) {
                    throw new DiscussionException(where + " is mapped to an AC that is not part of the units this"
                            + " discussion assesses (" + summaries(List.of(discussion)).get(0).unitCodes() + ").");
                }
            }
        }
        var cleaned = drafts.stream().map(d -> new DiscussionPlan.Draft(d.text().strip(), d.criterionIds())).toList();
        boolean withdrawn = discussion.replacePlan(startsAt, cleaned);
        events.publishEvent(new DiscussionEvents.PlanSaved(currentUser.actorName(), discussionId, cleaned.size(),
                withdrawn));
        return planOf(discussion);
    }

    /** Shares the plan, its questions and a blank result sheet with the learner. */
    @Transactional
    public DiscussionPlan sharePlan(long discussionId) {
        requireMayRecord(discussionId);
        Discussion discussion = discussions.findById(discussionId).orElseThrow();
        if (planOf(discussion).questions().isEmpty()) {
            throw new DiscussionException("Add the agreed questions before sharing the plan with the learner.");
        }
        discussion.sharePlan(clock.instant());
        events.publishEvent(new DiscussionEvents.PlanShared(currentUser.actorName(), discussionId));
        return planOf(discussion);
    }

    /**
     * The learner declares that they have received and read the plan, the agreed questions and the blank
     * result sheet. Only the discussion's own learner can, and only once it has been shared.
     */
    @Transactional
    public DiscussionPlan acknowledgePlan(long discussionId) {
        EarmarkPrincipal me = currentUser.require();
        Discussion discussion = visibleDiscussion(discussionId);
        if (discussion.learnerId() != me.userId()) {
            throw guard.refuse("discussion:" + discussionId, "Only the learner of discussion " + discussionId
                    + " can acknowledge its plan.");
        }
        if (!discussion.planShared()) {
            throw new DiscussionException("The assessor has not shared the plan yet.");
        }
        discussion.acknowledge(me.getUsername(), clock.instant());
        DiscussionPlan plan = planOf(discussion);
        events.publishEvent(new DiscussionEvents.PlanAcknowledged(me.getUsername(), discussionId,
                plan.questions().size(), summaries(List.of(discussion)).get(0).unitCodes()));
        return plan;
    }

    /** Whether the signed-in person is the discussion's learner (who acknowledges its plan). */
    public boolean isLearnerOf(DiscussionSummary discussion) {
        return currentUser.require().userId() == discussion.learner().id();
    }

    private DiscussionPlan planOf(Discussion discussion) {
        Set<Long> planned = discussion.plannedCriterionIds();
        List<AssessedCriterion> uncovered = criteriaOf(discussion).stream().filter(c -> !planned.contains(c.id()))
                .toList();
        return discussion.plan(uncovered);
    }

    private List<AssessedCriterion> criteriaOf(Discussion discussion) {
        List<AssessedCriterion> criteria = new ArrayList<>();
        discussion.unitIds().stream().flatMap(id -> catalogue.unit(id).stream())
                .sorted(Comparator.comparing(Unit::code))
                .forEach(unit -> unit.definition().learningOutcomes().forEach(lo -> lo.assessmentCriteria()
                        .forEach(ac -> criteria.add(new AssessedCriterion(unit.criterionIds().get(ac.number()),
                                unit.code(), unit.id(), ac.number(), lo.number(), lo.title(), ac.text())))));
        return criteria;
    }

    /** The units a discussion with this learner may assess: those of their qualifications, and standalone units. */
    public List<Unit> unitsFor(long learnerId) {
        var learner = people.learner(learnerId);
        Map<Long, Unit> units = new LinkedHashMap<>();
        for (EnrolmentSummary enrolment : learner.enrolments()) {
            catalogue.qualification(enrolment.qualificationCode()).map(Qualification::units).orElse(List.of())
                    .forEach(unit -> units.put(unit.id(), unit));
        }
        catalogue.standaloneUnits().forEach(unit -> units.put(unit.id(), unit));
        return List.copyOf(units.values());
    }

    /** Every discussion the signed-in person may see, newest first. */
    public List<DiscussionSummary> visible() {
        Set<Long> learners = people.visibleLearnerIds();
        EarmarkPrincipal me = currentUser.require();
        return learners.isEmpty() ? List.of() : summaries(discussions.findByLearnerIdIn(learners).stream()
                .filter(d -> !d.deleted()).filter(d -> maySee(me, d)).toList());
    }

    /**
     * One discussion, if the signed-in person may see its learner.
     *
     * @throws app.earmark.security.AccessRefusedException otherwise, also for an id that does not exist
     */
    public DiscussionSummary get(long discussionId) {
        return summaries(List.of(visibleDiscussion(discussionId))).get(0);
    }

    /**
     * Refuses unless the signed-in person may add evidence to the discussion: an assessor assigned to its learner.
     *
     * @throws app.earmark.security.AccessRefusedException otherwise
     */
    public void requireMayRecord(long discussionId) {
        if (!mayRecord(discussionId)) {
            visibleDiscussion(discussionId); // refuses, as not seen at all, whoever may not see it
            throw guard.refuse("discussion:" + discussionId, "Only an assessor of this learner may add recordings to "
                    + "discussion " + discussionId + ".");
        }
    }

    /**
     * Whether the signed-in person may add evidence to the discussion (an assessor assigned to its learner): the
     * check made on every tag, so it reads the discussion and the one assignment, nothing more. An assessor of the
     * learner sees the learner's evidence too, so no visibility check is needed beside it.
     */
    public boolean mayRecord(long discussionId) {
        return discussions.findById(discussionId).filter(d -> !d.deleted())
                .map(d -> mayRecordFor(d.learnerId())).orElse(false);
    }

    /** Whether the signed-in person may add evidence to the discussion (for showing or hiding controls). */
    public boolean mayRecord(DiscussionSummary discussion) {
        return mayRecordFor(discussion.learner().id());
    }

    /** Whether the signed-in person is an assessor assigned to this learner. */
    private boolean mayRecordFor(long learnerId) {
        EarmarkPrincipal me = currentUser.require();
        return me.hasRole(Role.ASSESSOR) && people.assesses(me.userId(), learnerId);
    }

    /**
     * Refuses unless the signed-in person may see the discussion; cheaper than {@link #get(long)}, for checks
     * made on every media request.
     */
    public void requireVisible(long discussionId) {
        visibleDiscussion(discussionId);
    }

    private Discussion visibleDiscussion(long discussionId) {
        return discussions.findById(discussionId).filter(d -> !d.deleted())
                .filter(d -> maySee(currentUser.require(), d))
                .orElseThrow(() -> guard.refuse("discussion:" + discussionId,
                        "You may not see discussion " + discussionId + "."));
    }

    /** The one check for a discussion and what hangs off it (recordings, tags, exports): its units and date. */
    private boolean maySee(EarmarkPrincipal viewer, Discussion discussion) {
        return people.maySeeEvidence(viewer, discussion.learnerId(), discussion.unitIds(), discussion.heldOn());
    }

    private List<DiscussionSummary> summaries(Collection<Discussion> found) {
        Set<Long> personIds = new HashSet<>();
        found.forEach(d -> {
            personIds.add(d.learnerId());
            personIds.add(d.assessorId());
        });
        Map<Long, PersonRef> names = people.refs(personIds);
        List<DiscussionSummary> result = new ArrayList<>();
        for (Discussion d : found) {
            List<UnitRef> units = d.unitIds().stream().flatMap(id -> catalogue.unit(id).stream())
                    .map(u -> new UnitRef(u.id(), u.code(), u.version(), u.title()))
                    .sorted(Comparator.comparing(UnitRef::code)).toList();
            result.add(new DiscussionSummary(d.id(), names.get(d.learnerId()), names.get(d.assessorId()), d.heldOn(),
                    d.startsAt(), d.mode(), units));
        }
        result.sort(Comparator.comparing(DiscussionSummary::heldOn).thenComparing(DiscussionSummary::id).reversed());
        return result;
    }
}
