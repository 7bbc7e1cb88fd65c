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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    Discussions(DiscussionRepository discussions, People people, Catalogue catalogue, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock) {
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
    public DiscussionSummary create(long learnerId, Set<Long> unitIds, LocalDate heldOn, DiscussionMode mode) {
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
        return learners.isEmpty() ? List.of() : summaries(discussions.findByLearnerIdIn(learners));
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
     * The discussion, if the signed-in person may add evidence to it: an assessor assigned to its learner.
     *
     * @throws app.earmark.security.AccessRefusedException otherwise
     */
    public DiscussionSummary requireMayRecord(long discussionId) {
        EarmarkPrincipal me = currentUser.require();
        Discussion discussion = visibleDiscussion(discussionId);
        if (!me.hasRole(Role.ASSESSOR) || !people.assesses(me.userId(), discussion.learnerId())) {
            throw guard.refuse("discussion:" + discussionId, "Only an assessor of this learner may add recordings to "
                    + "discussion " + discussionId + ".");
        }
        return summaries(List.of(discussion)).get(0);
    }

    /** Whether the signed-in person may add evidence to the discussion (for showing or hiding controls). */
    public boolean mayRecord(DiscussionSummary discussion) {
        EarmarkPrincipal me = currentUser.require();
        return me.hasRole(Role.ASSESSOR) && people.assesses(me.userId(), discussion.learner().id());
    }

    private Discussion visibleDiscussion(long discussionId) {
        return discussions.findById(discussionId)
                .filter(d -> people.maySeeLearner(currentUser.require(), d.learnerId()))
                .orElseThrow(() -> guard.refuse("discussion:" + discussionId,
                        "You may not see discussion " + discussionId + "."));
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
                    d.mode(), units));
        }
        result.sort(Comparator.comparing(DiscussionSummary::heldOn).thenComparing(DiscussionSummary::id).reversed());
        return result;
    }
}
