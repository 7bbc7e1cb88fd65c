package app.earmark.eqa;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.eqa.EqaEvents.EqaAccessGranted;
import app.earmark.eqa.EqaEvents.EqaAccessRevoked;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.EvidenceScope;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * EQA grants: an administrator grants an EQA time-limited, read-only access to named learners, a unit and a date
 * range, or an IQA sample; a grant ends by itself at its end and can be revoked. What a grant covers is fixed when it
 * is made (the learners of a unit are those enrolled on it then). Every grant and revocation is audited.
 */
@Service
@Transactional(readOnly = true)
public class EqaGrants {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final EqaGrantRepository grants;
    private final People people;
    private final PeopleAdmin admin;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<SampleSource> samples;

    EqaGrants(EqaGrantRepository grants, People people, PeopleAdmin admin, Catalogue catalogue,
            CurrentUser currentUser, AccessGuard guard, Clock clock, ApplicationEventPublisher events,
            ObjectProvider<SampleSource> samples) {
        this.grants = grants;
        this.people = people;
        this.admin = admin;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
        this.clock = clock;
        this.events = events;
        this.samples = samples;
    }

    /**
     * Grants the access asked for, after checking it: an EQA of the centre, an end after the start and in the future,
     * evidence dates in order, and a set that is not empty.
     *
     * @throws GrantException with a message for the administrator; nothing is saved
     */
    @RolesAllowed(Role.Name.ADMIN)
    @Transactional
    public GrantView grant(GrantRequest request) {
        EarmarkPrincipal me = currentUser.require();
        Instant now = clock.instant();
        PersonRef eqa = admin.peopleWithRole(Role.EQA).stream().filter(p -> p.id() == request.eqaId()).findFirst()
                .orElseThrow(() -> new GrantException("Choose an external quality assurer of the centre."));
        if (request.kind() == null) {
            throw new GrantException("Choose what to grant: named learners, a unit and dates, or an IQA sample.");
        }
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() == null) {
            throw new GrantException("Choose when the access ends: a grant is always time-limited.");
        }
        if (!request.endsAt().isAfter(startsAt)) {
            throw new GrantException("The access would end before it starts: choose an end after the start.");
        }
        if (!request.endsAt().isAfter(now)) {
            throw new GrantException("The end of the access is in the past: choose an end in the future.");
        }
        if (request.evidenceFrom() != null && request.evidenceTo() != null
                && request.evidenceTo().isBefore(request.evidenceFrom())) {
            throw new GrantException("The evidence dates end before they start: choose a 'to' date on or after the"
                    + " 'from' date.");
        }
        Map<Long, LearnerSummary> learners = people.visibleLearners().stream()
                .collect(Collectors.toMap(LearnerSummary::id, Function.identity()));
        Set<EqaGrant.Item> items = new LinkedHashSet<>();
        Long unitId = null;
        String what;
        switch (request.kind()) {
            case LEARNERS -> {
                if (request.learnerIds().isEmpty()) {
                    throw new GrantException("Choose at least one learner: a grant of nobody's evidence would be"
                            + " empty.");
                }
                for (long id : request.learnerIds()) {
                    if (!learners.containsKey(id)) {
                        throw new GrantException("Learner " + id + " is not a learner of the centre.");
                    }
                    items.add(new EqaGrant.Item(id, null));
                }
                what = "learners " + request.learnerIds().stream().map(learners::get)
                        .map(LearnerSummary::displayName).sorted().collect(Collectors.joining(", "));
            }
            case UNIT -> {
                if (request.unitCode() == null || request.unitCode().isBlank()) {
                    throw new GrantException("Choose the unit whose evidence to grant.");
                }
                if (request.evidenceFrom() == null || request.evidenceTo() == null) {
                    throw new GrantException("Choose the dates of the evidence to grant for unit "
                            + request.unitCode() + ": from and to.");
                }
                List<Unit> versions = catalogue.versions(request.unitCode());
                if (versions.isEmpty()) {
                    throw new GrantException("There is no unit " + request.unitCode() + ".");
                }
                unitId = versions.get(versions.size() - 1).id();
                Set<String> qualifications = catalogue.qualifications().stream()
                        .filter(q -> q.units().stream().anyMatch(u -> u.code().equals(request.unitCode())))
                        .map(Qualification::code).collect(Collectors.toSet());
                for (LearnerSummary learner : learners.values()) {
                    if (learner.enrolments().stream().map(EnrolmentSummary::qualificationCode)
                            .anyMatch(qualifications::contains)) {
                        versions.forEach(v -> items.add(new EqaGrant.Item(learner.id(), v.id())));
                    }
                }
                if (items.isEmpty()) {
                    throw new GrantException("No learner of the centre is enrolled on a qualification with unit "
                            + request.unitCode() + ", so the grant would be empty.");
                }
                what = "unit " + request.unitCode();
            }
            case SAMPLE -> {
                SampleSource source = samples.getIfAvailable();
                if (source == null) {
                    throw new GrantException("There are no IQA samples to grant yet.");
                }
                if (request.sampleId() == null) {
                    throw new GrantException("Choose the IQA sample to grant.");
                }
                String label = source.samples().stream().filter(s -> s.id() == request.sampleId())
                        .map(SampleSource.Sample::label).findFirst()
                        .orElseThrow(() -> new GrantException("There is no IQA sample " + request.sampleId() + "."));
                for (SampleSource.SampledItem item : source.items(request.sampleId())) {
                    if (learners.containsKey(item.learnerId())) {
                        items.add(new EqaGrant.Item(item.learnerId(), item.unitId()));
                    }
                }
                if (items.isEmpty()) {
                    throw new GrantException("The IQA sample " + label + " drew nothing, so the grant would be empty.");
                }
                what = "the IQA sample " + label;
            }
            default -> throw new IllegalStateException();
        }
        String description = capitalised(what) + ", evidence " + dates(request);
        EqaGrant grant = grants.save(new EqaGrant(me.centreId(), eqa.id(), request.kind(), description, unitId,
                request.evidenceFrom(), request.evidenceTo(), startsAt, request.endsAt(), currentUser.actorName(),
                items));
        events.publishEvent(new EqaAccessGranted(currentUser.actorName(), grant.id(), eqa.username(), description,
                grant.endsAt()));
        return view(grant, now);
    }

    /** Ends a grant now; a grant already ended or revoked is left as it is. */
    @RolesAllowed(Role.Name.ADMIN)
    @Transactional
    public GrantView revoke(long grantId) {
        EqaGrant grant = ofCentre(grantId);
        Instant now = clock.instant();
        if (grant.status(now) != GrantView.Status.IN_FORCE) {
            throw new GrantException("This grant has " + (grant.revokedAt() != null ? "already been revoked."
                    : "already ended."));
        }
        grant.revoke(currentUser.actorName(), now);
        events.publishEvent(new EqaAccessRevoked(currentUser.actorName(), grantId, refs(List.of(grant))
                .get(grant.eqaId()).username()));
        return view(grant, now);
    }

    /** Every grant of the centre, newest first. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<GrantView> all() {
        Instant now = clock.instant();
        List<EqaGrant> found = grants.findByCentreIdOrderByGrantedAtDesc(currentUser.require().centreId());
        return views(found, now);
    }

    /** The EQAs of the centre, for choosing. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<PersonRef> eqas() {
        return admin.peopleWithRole(Role.EQA);
    }

    /** The centre's learners, for choosing. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<LearnerSummary> learners() {
        return people.visibleLearners();
    }

    /** The units of the centre's qualifications, by code, for choosing. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<String> unitCodes() {
        return catalogue.latestUnits().stream().map(Unit::code).sorted().toList();
    }

    /** Whether grants by IQA sample can be offered (once the sampling module provides samples). */
    public boolean samplesOffered() {
        return samples.getIfAvailable() != null;
    }

    /** The IQA samples that can be granted; empty when none can. */
    @RolesAllowed(Role.Name.ADMIN)
    public List<SampleSource.Sample> samples() {
        SampleSource source = samples.getIfAvailable();
        return source == null ? List.of() : source.samples();
    }

    /** For an EQA: their grants in force, soonest ending first. */
    @RolesAllowed(Role.Name.EQA)
    public List<GrantView> mine() {
        Instant now = clock.instant();
        return views(grants.findByEqaIdAndRevokedAtIsNull(currentUser.require().userId()).stream()
                .filter(g -> g.inForce(now)).sorted(Comparator.comparing(EqaGrant::endsAt)).toList(), now);
    }

    /**
     * A grant the signed-in person may use now: an EQA's own grant in force, or any grant of the administrator's
     * centre.
     *
     * @throws app.earmark.security.AccessRefusedException otherwise (also for an id that does not exist)
     */
    public GrantView usable(long grantId) {
        return view(usableGrant(grantId), clock.instant());
    }

    /** The scopes of a usable grant for one learner; empty when the grant does not cover the learner. */
    public List<EvidenceScope> scopes(long grantId, long learnerId) {
        EqaGrant grant = usableGrant(grantId);
        return grant.items().stream().filter(item -> item.learnerId() == learnerId)
                .map(item -> new EvidenceScope(learnerId, item.unitId(), grant.evidenceFrom(), grant.evidenceTo()))
                .sorted(Comparator.comparing(s -> s.unitId() == null ? 0L : s.unitId()))
                .toList();
    }

    /** The scopes of the EQA's grants in force now. */
    public List<EvidenceScope> inForce(long eqaId) {
        Instant now = clock.instant();
        return grants.findByEqaIdAndRevokedAtIsNull(eqaId).stream().filter(g -> g.inForce(now))
                .flatMap(g -> g.items().stream().map(item -> new EvidenceScope(item.learnerId(), item.unitId(),
                        g.evidenceFrom(), g.evidenceTo())))
                .toList();
    }

    private EqaGrant usableGrant(long grantId) {
        EarmarkPrincipal me = currentUser.require();
        Instant now = clock.instant();
        Optional<EqaGrant> found = grants.findById(grantId).filter(g -> g.centreId() == me.centreId())
                .filter(g -> me.hasRole(Role.ADMIN) || (me.hasRole(Role.EQA) && g.eqaId() == me.userId()
                        && g.inForce(now)));
        return found.orElseThrow(() -> guard.refuse("eqa-grant:" + grantId, "There is no EQA grant " + grantId
                + " you may use."));
    }

    private EqaGrant ofCentre(long grantId) {
        return grants.findById(grantId).filter(g -> g.centreId() == currentUser.require().centreId())
                .orElseThrow(() -> guard.refuse("eqa-grant:" + grantId, "There is no EQA grant " + grantId + "."));
    }

    private List<GrantView> views(List<EqaGrant> found, Instant now) {
        return found.stream().map(g -> view(g, now, refs(found))).toList();
    }

    private GrantView view(EqaGrant grant, Instant now) {
        return view(grant, now, refs(List.of(grant)));
    }

    private GrantView view(EqaGrant grant, Instant now, Map<Long, PersonRef> refs) {
        List<PersonRef> learners = grant.items().stream().map(EqaGrant.Item::learnerId).distinct().map(refs::get)
                .filter(java.util.Objects::nonNull).sorted(Comparator.comparing(PersonRef::displayName)).toList();
        String unit = grant.unitId() == null ? null : catalogue.unit(grant.unitId()).map(Unit::code).orElse(null);
        return new GrantView(grant.id(), refs.get(grant.eqaId()), grant.kind(), grant.description(), learners, unit,
                grant.evidenceFrom(), grant.evidenceTo(), grant.startsAt(), grant.endsAt(), grant.grantedBy(),
                grant.grantedAt(), grant.revokedBy(), grant.revokedAt(), grant.status(now));
    }

    private Map<Long, PersonRef> refs(List<EqaGrant> found) {
        Set<Long> ids = new LinkedHashSet<>();
        found.forEach(g -> {
            ids.add(g.eqaId());
            g.items().forEach(item -> ids.add(item.learnerId()));
        });
        return people.refs(ids);
    }

    private static String dates(GrantRequest request) {
        if (request.evidenceFrom() == null && request.evidenceTo() == null) {
            return "of any date";
        }
        if (request.evidenceTo() == null) {
            return "dated from " + DAY.format(request.evidenceFrom());
        }
        if (request.evidenceFrom() == null) {
            return "dated to " + DAY.format(request.evidenceTo());
        }
        return "dated " + DAY.format(request.evidenceFrom()) + " to " + DAY.format(request.evidenceTo());
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
