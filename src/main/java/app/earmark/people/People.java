package app.earmark.people;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see which learner, and what they see. This is the one place the rule lives; the UI, the API
 * and every later module ask here.
 *
 * <ul>
 * <li>An administrator sees every learner of the centre.</li>
 * <li>An assessor sees the learners assigned to them.</li>
 * <li>A learner sees only themselves.</li>
 * <li>An IQA sees the learners of the assessors they quality-assure.</li>
 * <li>An EQA sees only what the centre has granted them, while the grant is in force ({@link EqaScopes}); within
 * a grant of a unit and dates, only that unit's evidence so dated ({@link #maySeeEvidence}).</li>
 * </ul>
 * A person with several roles sees the union.
 */
@Service
@Transactional(readOnly = true)
public class People {

    private final Persons persons;
    private final Centres centres;
    private final Enrolments enrolments;
    private final PersonLinks links;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final org.springframework.beans.factory.ObjectProvider<EqaScopes> eqaScopes;

    People(Persons persons, Centres centres, Enrolments enrolments, PersonLinks links, Catalogue catalogue,
            CurrentUser currentUser, AccessGuard guard,
            org.springframework.beans.factory.ObjectProvider<EqaScopes> eqaScopes) {
        this.eqaScopes = eqaScopes;
        this.persons = persons;
        this.centres = centres;
        this.enrolments = enrolments;
        this.links = links;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
    }

    /** The learners the signed-in person may see, by name. */
    public List<LearnerSummary> visibleLearners() {
        return summaries(visibleLearnerIds(currentUser.require()));
    }

    /**
     * One learner, if the signed-in person may see them.
     *
     * @throws app.earmark.security.AccessRefusedException otherwise (also when there is no such learner,
     *         so that ids cannot be probed)
     */
    public LearnerSummary learner(long learnerId) {
        EarmarkPrincipal viewer = currentUser.require();
        List<LearnerSummary> found = maySeeLearner(viewer, learnerId) ? summaries(Set.of(learnerId)) : List.of();
        if (found.isEmpty()) {
            throw guard.refuse("learner:" + learnerId, "You may not see learner " + learnerId + ".");
        }
        return found.get(0);
    }

    /** Whether this person may see this learner's data. */
    public boolean maySeeLearner(EarmarkPrincipal viewer, long learnerId) {
        return visibleLearnerIds(viewer).contains(learnerId);
    }

    /**
     * Whether this person may see a piece of this learner's evidence (a discussion, recording, sheet, export) that
     * concerns these unit versions and is dated so. The one object-level check for evidence: whoever sees the
     * learner sees all their evidence, except an EQA, who sees only what a grant in force covers.
     */
    public boolean maySeeEvidence(EarmarkPrincipal viewer, long learnerId, Collection<Long> unitIds,
            java.time.LocalDate dated) {
        if (visibleLearnerIds(viewer, false).contains(learnerId)) {
            return true;
        }
        return viewer.hasRole(Role.EQA)
                && eqaScopes(viewer).stream().anyMatch(scope -> scope.covers(learnerId, unitIds, dated));
    }

    /** The EQA's scopes in force now (empty for anyone else). */
    public List<EvidenceScope> eqaScopes(EarmarkPrincipal viewer) {
        if (!viewer.hasRole(Role.EQA)) {
            return List.of();
        }
        EqaScopes scopes = eqaScopes.getIfAvailable();
        List<EvidenceScope> granted = scopes == null ? List.of() : scopes.inForce(viewer.userId());
        if (granted.isEmpty()) {
            return List.of();
        }
        Set<Long> ofCentre = persons.findByIdIn(granted.stream().map(EvidenceScope::learnerId).distinct().toList())
                .stream().filter(p -> p.centreId() == viewer.centreId() && p.hasRole(Role.LEARNER)).map(Person::id)
                .collect(Collectors.toSet());
        return granted.stream().filter(scope -> ofCentre.contains(scope.learnerId())).toList();
    }

    /** The ids of the learners the signed-in person may see. */
    public Set<Long> visibleLearnerIds() {
        return visibleLearnerIds(currentUser.require());
    }

    /** Whether this assessor is assigned to this learner (and so may assess them). */
    public boolean assesses(long assessorId, long learnerId) {
        return links.existsByKindAndFromIdAndToId(Relationship.ASSESSES, assessorId, learnerId);
    }

    /** Display names by person id, for lists that show who did what. */
    public Map<Long, PersonRef> refs(Collection<Long> personIds) {
        return persons.findByIdIn(personIds).stream().collect(Collectors.toMap(Person::id, Person::ref));
    }

    /** Who has this username, for records that keep their author by username (a result sheet's author). */
    public java.util.Optional<PersonRef> refByUsername(String username) {
        return username == null ? java.util.Optional.empty() : persons.findByUsername(username).map(Person::ref);
    }

    /** For an assessor: the learners assigned to them. */
    public List<LearnerSummary> assessedLearners() {
        return linkedLearners(Role.ASSESSOR, Relationship.ASSESSES);
    }

    /** For an EQA: the learners of the grants in force (none until the centre grants any). */
    public List<LearnerSummary> eqaLearners() {
        EarmarkPrincipal viewer = currentUser.require();
        return summaries(eqaScopes(viewer).stream().map(EvidenceScope::learnerId).collect(Collectors.toSet()));
    }

    /** For a learner: themselves, with their enrolments and assessors. */
    public java.util.Optional<LearnerSummary> self() {
        EarmarkPrincipal viewer = currentUser.require();
        return viewer.hasRole(Role.LEARNER) ? summaries(Set.of(viewer.userId())).stream().findFirst()
                : java.util.Optional.empty();
    }

    private List<LearnerSummary> linkedLearners(Role role, Relationship relationship) {
        EarmarkPrincipal viewer = currentUser.require();
        if (!viewer.hasRole(role)) {
            return List.of();
        }
        return summaries(links.findByKindAndFromId(relationship, viewer.userId()).stream().map(PersonLink::toId)
                .toList());
    }

    /** For an IQA: the assessors they quality-assure, each with their learners. */
    public List<AssessorSummary> qualityAssuredAssessors() {
        EarmarkPrincipal viewer = currentUser.require();
        if (!viewer.hasRole(Role.IQA)) {
            return List.of();
        }
        List<Long> assessorIds = links.findByKindAndFromId(Relationship.QUALITY_ASSURES, viewer.userId()).stream()
                .map(PersonLink::toId).toList();
        Map<Long, List<Long>> learnersByAssessor = new HashMap<>();
        links.findByKindAndFromIdIn(Relationship.ASSESSES, assessorIds).forEach(link ->
                learnersByAssessor.computeIfAbsent(link.fromId(), id -> new java.util.ArrayList<>()).add(link.toId()));
        return persons.findByIdIn(assessorIds).stream()
                .filter(assessor -> assessor.centreId() == viewer.centreId())
                .sorted(Comparator.comparing(Person::displayName))
                .map(assessor -> new AssessorSummary(assessor.ref(),
                        summaries(learnersByAssessor.getOrDefault(assessor.id(), List.of()))))
                .toList();
    }

    /**
     * The ids of the assessors this IQA quality-assures, whoever asks (for work done on the IQA's behalf, such as
     * drawing their sample when a sheet is signed); callers decide what to show.
     */
    public Set<Long> assessorsQualityAssuredBy(long iqaId) {
        return links.findByKindAndFromId(Relationship.QUALITY_ASSURES, iqaId).stream().map(PersonLink::toId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The signed-in person's centre. */
    public CentreInfo centre() {
        Centre centre = centres.findById(currentUser.require().centreId()).orElseThrow();
        return new CentreInfo(centre.id(), centre.number(), centre.name());
    }

    /**
     * The locale the signed-in person's centre shows dates and times in; empty when nobody is signed in or the
     * centre has none (then the browser's applies).
     */
    public java.util.Optional<java.util.Locale> centreLocale() {
        return currentUser.find().flatMap(me -> centres.findById(me.centreId()))
                .flatMap(centre -> app.earmark.base.DisplayFormats.parseTag(centre.locale()));
    }

    Set<Long> visibleLearnerIds(EarmarkPrincipal viewer) {
        return visibleLearnerIds(viewer, true);
    }

    private Set<Long> visibleLearnerIds(EarmarkPrincipal viewer, boolean withEqaGrants) {
        Set<Long> ids = new TreeSet<>();
        if (viewer.hasRole(Role.ADMIN)) {
            persons.findByCentreAndRole(viewer.centreId(), Role.LEARNER).forEach(p -> ids.add(p.id()));
        }
        if (viewer.hasRole(Role.ASSESSOR)) {
            links.findByKindAndFromId(Relationship.ASSESSES, viewer.userId()).forEach(l -> ids.add(l.toId()));
        }
        if (viewer.hasRole(Role.LEARNER)) {
            ids.add(viewer.userId());
        }
        if (viewer.hasRole(Role.IQA)) {
            List<Long> assessors = links.findByKindAndFromId(Relationship.QUALITY_ASSURES, viewer.userId())
                    .stream().map(PersonLink::toId).toList();
            links.findByKindAndFromIdIn(Relationship.ASSESSES, assessors).forEach(l -> ids.add(l.toId()));
        }
        if (withEqaGrants && viewer.hasRole(Role.EQA)) {
            eqaScopes(viewer).forEach(scope -> ids.add(scope.learnerId()));
        }
        return ids;
    }

    List<LearnerSummary> summaries(Collection<Long> learnerIds) {
        if (learnerIds.isEmpty()) {
            return List.of();
        }
        Map<String, String> titles = catalogue.qualifications().stream()
                .collect(Collectors.toMap(Qualification::code, Qualification::title));
        Map<Long, List<EnrolmentSummary>> enrolmentsByLearner = enrolments.findByLearnerIdIn(learnerIds).stream()
                .sorted(Comparator.comparing(Enrolment::enrolledOn))
                .collect(Collectors.groupingBy(Enrolment::learnerId, Collectors.mapping(e -> new EnrolmentSummary(
                        e.id(), e.qualificationCode(), titles.getOrDefault(e.qualificationCode(), e.qualificationCode()),
                        e.registrationNumber(), e.enrolledOn()), Collectors.toList())));
        List<PersonLink> assessorLinks = links.findByKindAndToIdIn(Relationship.ASSESSES, learnerIds);
        Map<Long, PersonRef> assessors = persons.findByIdIn(assessorLinks.stream().map(PersonLink::fromId).toList())
                .stream().collect(Collectors.toMap(Person::id, Person::ref));
        Map<Long, List<PersonRef>> assessorsByLearner = assessorLinks.stream().collect(Collectors.groupingBy(
                PersonLink::toId, Collectors.mapping(l -> assessors.get(l.fromId()), Collectors.toList())));
        return persons.findByIdIn(learnerIds).stream()
                .filter(p -> p.hasRole(Role.LEARNER))
                .sorted(Comparator.comparing(Person::displayName))
                .map(p -> new LearnerSummary(p.id(), p.username(), p.displayName(),
                        enrolmentsByLearner.getOrDefault(p.id(), List.of()),
                        assessorsByLearner.getOrDefault(p.id(), List.of())))
                .toList();
    }
}
