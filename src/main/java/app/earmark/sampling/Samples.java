package app.earmark.sampling;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.sampling.SamplingEvents.DueViewed;
import app.earmark.sampling.SamplingEvents.OverdueDaysChanged;
import app.earmark.sampling.SamplingStore.Draw;
import app.earmark.sampling.SamplingStore.Plan;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is due for review, what is overdue, and coverage so far. An IQA sees the samples of their own plans, and only
 * assessments by the assessors they quality-assure now (an assessor reassigned to another IQA drops out of their
 * view); the centre administrator sees every plan of the centre. "Reviewed" means a QA review decision was recorded
 * for the sheet version ({@code review.QaReviewEvents.QaReviewDecided}).
 */
@Service
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN})
@Transactional(readOnly = true)
public class Samples {

    static final int MAX_OVERDUE_DAYS = 365;

    private final SamplingStore store;
    private final SamplingPlans plans;
    private final People people;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Samples(SamplingStore store, SamplingPlans plans, People people, Catalogue catalogue, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.people = people;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The assessors whose assessments this person may see in a plan of {@code iqaId}: every one for the
     * administrator ({@code null}), otherwise those the IQA quality-assures now.
     */
    static Set<Long> visibleAssessors(EarmarkPrincipal me, People people, long iqaId) {
        return me.hasRole(Role.ADMIN) ? null : people.assessorsQualityAssuredBy(iqaId);
    }

    /** The plans in view and the assessors whose assessments are in view ({@code null}: all of the centre's). */
    private record Scope(EarmarkPrincipal me, List<Plan> plans, Set<Long> assessors) {

        boolean covers(Assessment a) {
            return assessors == null || assessors.contains(a.assessorId());
        }
    }

    private Scope scope() {
        EarmarkPrincipal me = currentUser.require();
        boolean admin = me.hasRole(Role.ADMIN);
        List<Plan> mine = store.plansOfCentre(me.centreId()).stream()
                .filter(p -> admin || p.iqaId() == me.userId()).toList();
        return new Scope(me, mine, admin ? null : people.assessorsQualityAssuredBy(me.userId()));
    }

    /** What the list of what is due shows: the centre's number of days, what is due, and coverage. */
    public record DuePage(int overdueDays, List<DueItem> due, Coverage coverage) {
    }

    /**
     * The list of what is due for review and coverage, as the signed-in IQA (or the administrator) opens it; the
     * opening is audited, with the sheets listed.
     */
    @Transactional
    public DuePage openDuePage() {
        EarmarkPrincipal me = currentUser.require();
        DuePage page = new DuePage(store.overdueDays(me.centreId()), due(), coverage());
        events.publishEvent(new DueViewed(currentUser.actorName(), me.centreId(),
                (int) page.due().stream().filter(DueItem::overdue).count(),
                page.due().stream().map(DueItem::sheetId).toList()));
        return page;
    }

    /** Sampled and not yet reviewed, oldest sample first, each with why it was sampled. */
    public List<DueItem> due() {
        return due(scope(), Integer.MAX_VALUE);
    }

    /** How much is due of the signed-in IQA's own plans, how much of it is overdue, and the first few. */
    public record DueSummary(int count, int overdue, List<DueItem> first) {
    }

    /**
     * What is due of the signed-in person's own plans (an IQA's, also when they administer the centre), counted in
     * the database, with the {@code first} oldest: for their home page, without reading everything due.
     */
    public DueSummary dueOfMine(int first) {
        Scope all = scope();
        Scope mine = new Scope(all.me(), all.plans().stream().filter(p -> p.iqaId() == all.me().userId()).toList(),
                all.assessors());
        int overdueDays = store.overdueDays(mine.me().centreId());
        // overdue: waited more than the centre's number of whole days, i.e. drawn at least one day more ago
        int[] counts = store.dueCounts(ids(mine), mine.assessors(),
                clock.instant().minus(Duration.ofDays(overdueDays + 1L)));
        return new DueSummary(counts[0], counts[1], due(mine, first));
    }

    private static List<Long> ids(Scope scope) {
        return scope.plans().stream().map(Plan::id).toList();
    }

    private List<DueItem> due(Scope scope, int limit) {
        int overdueDays = store.overdueDays(scope.me().centreId());
        Map<Long, Plan> planById = new HashMap<>();
        scope.plans().forEach(p -> planById.put(p.id(), p));
        List<SamplingStore.DueRow> rows = store.due(planById.keySet(), scope.assessors(), limit);
        Set<Long> personIds = new HashSet<>();
        rows.forEach(r -> {
            personIds.add(r.learnerId());
            personIds.add(r.assessorId());
        });
        planById.values().forEach(p -> personIds.add(p.iqaId()));
        Map<Long, PersonRef> refs = people.refs(personIds);
        Instant now = clock.instant();
        List<DueItem> due = new ArrayList<>();
        for (SamplingStore.DueRow r : rows) {
            Plan plan = planById.get(r.planId());
            long days = Duration.between(r.drawnAt(), now).toDays();
            due.add(new DueItem(r.sheetId(), plan.id(), plan.name(), refs.get(plan.iqaId()), refs.get(r.learnerId()),
                    refs.get(r.assessorId()), r.unitCode(), r.versionNumber(), r.signedAt(), r.drawnAt(), r.reason(),
                    days, days > overdueDays));
        }
        return due;
    }

    /** Per assessor and per unit: assessed, sampled and reviewed; per AC of each sampled unit: sampled and reviewed. */
    public Coverage coverage() {
        Scope scope = scope();
        List<Assessment> assessed = (scope.assessors() == null ? store.assessmentsOfCentre(scope.me().centreId())
                : store.assessmentsBy(scope.me().centreId(), scope.assessors())).stream()
                .filter(scope::covers).toList();
        Set<Long> sampled = new HashSet<>();
        store.drawsOfPlans(scope.plans().stream().map(Plan::id).toList()).stream().filter(Draw::sampled)
                .forEach(d -> sampled.add(d.sheetId()));
        sampled.retainAll(assessed.stream().map(Assessment::sheetId).toList());
        Set<Long> reviewed = store.reviewedSheets(sampled);
        Map<Long, PersonRef> refs = people.refs(assessed.stream().map(Assessment::assessorId).distinct().toList());
        Map<String, int[]> byAssessor = new TreeMap<>();
        Map<String, int[]> byUnit = new TreeMap<>();
        Map<Long, Map<Long, int[]>> byCriterion = new LinkedHashMap<>();
        for (Assessment a : assessed) {
            PersonRef assessor = refs.get(a.assessorId());
            count(byAssessor, assessor == null ? "#" + a.assessorId() : assessor.displayName(), a, sampled, reviewed);
            count(byUnit, a.unitCode(), a, sampled, reviewed);
            if (sampled.contains(a.sheetId())) {
                Map<Long, int[]> criteria = byCriterion.computeIfAbsent(a.unitId(), id -> new HashMap<>());
                for (long criterion : a.criteria()) {
                    int[] c = criteria.computeIfAbsent(criterion, id -> new int[2]);
                    c[0]++;
                    c[1] += reviewed.contains(a.sheetId()) ? 1 : 0;
                }
            }
        }
        List<Coverage.UnitCriteria> criteria = new ArrayList<>();
        byCriterion.forEach((unitId, counts) -> catalogue.unit(unitId).ifPresent(unit -> criteria.add(
                new Coverage.UnitCriteria(unit.code() + " v" + unit.version(), unit.title(), unitCriteria(unit, counts)))));
        criteria.sort(Comparator.comparing(Coverage.UnitCriteria::unitCode));
        return new Coverage(rows(byAssessor), rows(byUnit), criteria);
    }

    private static List<Coverage.Criterion> unitCriteria(Unit unit, Map<Long, int[]> counts) {
        List<Coverage.Criterion> rows = new ArrayList<>();
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            Long id = unit.criterionIds().get(ac.number());
            int[] c = id == null ? null : counts.get(id);
            rows.add(new Coverage.Criterion(ac.number(), c == null ? 0 : c[0], c == null ? 0 : c[1]));
        }
        return rows;
    }

    private static void count(Map<String, int[]> rows, String key, Assessment a, Set<Long> sampled,
            Set<Long> reviewed) {
        int[] c = rows.computeIfAbsent(key, k -> new int[3]);
        c[0]++;
        c[1] += sampled.contains(a.sheetId()) ? 1 : 0;
        c[2] += reviewed.contains(a.sheetId()) ? 1 : 0;
    }

    private static List<Coverage.Row> rows(Map<String, int[]> counts) {
        return counts.entrySet().stream().map(e -> new Coverage.Row(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2])).toList();
    }

    /**
     * The ids of the signed sheet versions a plan has sampled, oldest sample first (e.g. for an EQA grant of a
     * sample). The plan must be one the signed-in person may see; as elsewhere, an IQA gets only those by assessors
     * they quality-assure now.
     */
    public List<Long> sampledSheetIds(long planId) {
        Plan plan = plans.visible(planId);
        Set<Long> assessors = visibleAssessors(currentUser.require(), people, plan.iqaId());
        return store.sampledSheets(planId, assessors);
    }

    /** After how many days a sampled assessment not yet reviewed is overdue, in the signed-in person's centre. */
    public int overdueDays() {
        return store.overdueDays(currentUser.require().centreId());
    }

    /** Sets the centre's number of days (the administrator only; 1 to 365). */
    @Transactional
    public void changeOverdueDays(int days) {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.ADMIN)) {
            throw guard.refuse("centre:" + me.centreId() + " sampling-settings",
                    "Only the centre administrator sets when a sample is overdue.");
        }
        if (days < 1 || days > MAX_OVERDUE_DAYS) {
            throw new SamplingException("A sampled assessment is overdue after 1 to " + MAX_OVERDUE_DAYS
                    + " days; " + days + " is not possible. Nothing was saved.");
        }
        int before = store.overdueDays(me.centreId());
        if (before == days) {
            return;
        }
        store.setOverdueDays(me.centreId(), days);
        events.publishEvent(new OverdueDaysChanged(me.getUsername(), me.centreId(), before, days));
    }
}
