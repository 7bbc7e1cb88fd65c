package app.earmark.sampling;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.sampling.SamplingEvents.PlanSaved;
import app.earmark.sampling.SamplingEvents.SampleDrawn;
import app.earmark.sampling.SamplingStore.Plan;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import app.earmark.sheets.ResultSheets;
import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sampling plans, per centre and IQA. An IQA creates and edits their own plans; the centre administrator sees and
 * edits every plan of the centre. A plan names only assessors its IQA quality-assures. Every save is a new version
 * with the same seed; draws already made keep the version they used. Anyone else, and a plan of another IQA or
 * centre, is refused as "no such plan" (and the refusal audited).
 */
@Service
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN})
@Transactional
public class SamplingPlans {

    static final int MAX_NAME = 200;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final SamplingStore store;
    private final Drawing drawing;
    private final SamplingListeners assessments;
    private final People people;
    private final ResultSheets sheets;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;

    SamplingPlans(SamplingStore store, Drawing drawing, SamplingListeners assessments, People people,
            ResultSheets sheets, Catalogue catalogue, CurrentUser currentUser, AccessGuard guard,
            ApplicationEventPublisher events) {
        this.store = store;
        this.drawing = drawing;
        this.assessments = assessments;
        this.people = people;
        this.sheets = sheets;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
    }

    /** The plans the signed-in person keeps (an IQA) or oversees (the administrator: the whole centre's). */
    @Transactional(readOnly = true)
    public List<PlanView> plans() {
        EarmarkPrincipal me = currentUser.require();
        List<Plan> plans = store.plansOfCentre(me.centreId()).stream()
                .filter(p -> me.hasRole(Role.ADMIN) || p.iqaId() == me.userId()).toList();
        return views(plans);
    }

    @Transactional(readOnly = true)
    public PlanView plan(long planId) {
        return views(List.of(visible(planId))).get(0);
    }

    /** A new plan of the signed-in IQA, with a fresh seed; version 1. */
    public PlanView create(String name, PlanDefinition definition) {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.IQA)) {
            throw new SamplingException("Only an IQA keeps a sampling plan; sign in as the IQA whose plan it is.");
        }
        String cleanName = validate(name, definition, people.assessorsQualityAssuredBy(me.userId()));
        Instant now = drawing.now();
        long id = store.insertPlan(me.centreId(), me.userId(), cleanName, SEEDS.nextLong(), me.getUsername(), now);
        return saved(id, cleanName, definition, now);
    }

    /**
     * Saves a new version of the plan. Refused when someone else saved it since {@code expectedVersion} was read.
     * What was drawn before keeps the version it was drawn with.
     */
    public PlanView update(long planId, int expectedVersion, String name, PlanDefinition definition) {
        Plan plan = visible(planId);
        if (plan.version() != expectedVersion) {
            throw new SamplingException("This plan was changed by " + plan.savedBy() + " since you opened it (now"
                    + " version " + plan.version() + "); open it again to see their change. Nothing was saved.");
        }
        String cleanName = validate(name, definition, people.assessorsQualityAssuredBy(plan.iqaId()));
        return saved(planId, cleanName, definition, drawing.now());
    }

    private PlanView saved(long planId, String name, PlanDefinition definition, Instant now) {
        int version = store.addVersion(planId, name, definition, currentUser.actorName(), now);
        Plan plan = store.plan(planId).orElseThrow();
        PlanView view = views(List.of(plan)).get(0);
        events.publishEvent(new PlanSaved(currentUser.actorName(), planId, version, view.iqa().username(), name,
                String.join("; ", view.ruleDescriptions()) + "; " + describe(definition.risks())));
        return view;
    }

    /** What a draw did. */
    public record DrawResult(int recorded, int drawn, int sampled) {
    }

    /**
     * Draws the plan over the signed assessments it covers and has not drawn yet (first recording any signed sheet
     * the sampling module has not heard of, such as those signed before it existed). Drawing again draws nothing
     * new: what was drawn stays as it was.
     */
    public DrawResult draw(long planId) {
        Plan plan = visible(planId);
        int recorded = recordMissing(plan);
        Drawing.Outcome outcome = drawing.drawAll(plan);
        events.publishEvent(new SampleDrawn(currentUser.actorName(), planId, plan.version(), outcome.drawn(),
                outcome.sampled()));
        return new DrawResult(recorded, outcome.drawn(), outcome.sampled());
    }

    /** One decision of a plan about an assessment, as listed on the plan's page. */
    public record DrawRow(long sheetId, PersonRef learner, PersonRef assessor, String unitCode, int sheetVersion,
            int planVersion, String occasion, boolean sampled, String reason, Instant drawnAt) {
    }

    /** Every decision the plan made, newest first, over assessments by assessors the viewer may see. */
    @Transactional(readOnly = true)
    public List<DrawRow> draws(long planId) {
        Plan plan = visible(planId);
        Set<Long> assessors = Samples.visibleAssessors(currentUser.require(), people, plan.iqaId());
        List<SamplingStore.Draw> draws = store.drawsOfPlan(planId);
        Map<Long, Assessment> bySheet = new java.util.HashMap<>();
        draws.forEach(d -> store.assessment(d.sheetId()).ifPresent(a -> bySheet.put(a.sheetId(), a)));
        Set<Long> personIds = new HashSet<>();
        bySheet.values().forEach(a -> {
            personIds.add(a.learnerId());
            personIds.add(a.assessorId());
        });
        Map<Long, PersonRef> refs = people.refs(personIds);
        List<DrawRow> rows = new ArrayList<>();
        for (SamplingStore.Draw d : draws) {
            Assessment a = bySheet.get(d.sheetId());
            if (a == null || (assessors != null && !assessors.contains(a.assessorId()))) {
                continue;
            }
            rows.add(new DrawRow(d.sheetId(), refs.get(a.learnerId()), refs.get(a.assessorId()), a.unitCode(),
                    a.versionNumber(), d.planVersion(), d.occasion(), d.sampled(), d.reason(), d.drawnAt()));
        }
        rows.sort(Comparator.comparing(DrawRow::drawnAt).thenComparing(DrawRow::sheetId).reversed());
        return rows;
    }

    /** The assessors a rule of this plan (or, with {@code null}, of a new plan of the signed-in IQA) may name. */
    @Transactional(readOnly = true)
    public List<PersonRef> assessorChoices(Long planId) {
        long iqaId = planId == null ? currentUser.require().userId() : visible(planId).iqaId();
        return people.refs(people.assessorsQualityAssuredBy(iqaId)).values().stream()
                .sorted(Comparator.comparing(PersonRef::displayName)).toList();
    }

    /** Unit codes of the catalogue, for rules. */
    @Transactional(readOnly = true)
    public List<String> unitChoices() {
        return catalogue.latestUnits().stream().map(Unit::code).sorted().distinct().toList();
    }

    /** Qualification codes of the catalogue, for rules. */
    @Transactional(readOnly = true)
    public List<String> qualificationChoices() {
        return catalogue.qualifications().stream().map(Qualification::code).sorted().distinct().toList();
    }

    Plan visible(long planId) {
        EarmarkPrincipal me = currentUser.require();
        return store.plan(planId)
                .filter(p -> p.centreId() == me.centreId())
                .filter(p -> me.hasRole(Role.ADMIN) || (me.hasRole(Role.IQA) && p.iqaId() == me.userId()))
                .orElseThrow(() -> guard.refuse("sampling-plan:" + planId, "There is no sampling plan " + planId + "."));
    }

    /**
     * Records the signed sheets the module has not heard of (a listener that failed, or sheets signed before it
     * existed) that the plan covers: signed by an assessor its IQA quality-assures who assesses the learner, of a
     * learner the signed-in person may see. One query finds the signed versions by those assessors and one the ones
     * already recorded; only the missing ones are read.
     */
    private int recordMissing(Plan plan) {
        EarmarkPrincipal me = currentUser.require();
        Map<String, PersonRef> assessors = people.refs(people.assessorsQualityAssuredBy(plan.iqaId())).values().stream()
                .collect(Collectors.toMap(PersonRef::username, a -> a, (a, b) -> a));
        List<app.earmark.sheets.SignedSheetRef> signed = sheets.signedBy(assessors.keySet());
        Set<Long> recorded = store.recordedSheets(plan.centreId(), assessors.values().stream().map(PersonRef::id)
                .toList());
        int count = 0;
        for (app.earmark.sheets.SignedSheetRef ref : signed) {
            PersonRef signer = assessors.get(ref.signedBy());
            if (recorded.contains(ref.sheetId()) || !people.assesses(signer.id(), ref.learnerId())) {
                continue;
            }
            drawing.record(assessments.assessment(sheets.get(ref.sheetId()), me.centreId(), signer.id()));
            count++;
        }
        return count;
    }

    private List<PlanView> views(List<Plan> plans) {
        Set<Long> ids = new HashSet<>();
        plans.forEach(p -> {
            ids.add(p.iqaId());
            p.definition().rules().stream().map(SamplingRule::assessorId).filter(Objects::nonNull).forEach(ids::add);
        });
        Map<Long, PersonRef> refs = people.refs(ids);
        return plans.stream().map(p -> new PlanView(p.id(), p.name(), refs.get(p.iqaId()), p.seed(), p.version(),
                p.definition(), p.definition().rules().stream().map(r -> describe(r, refs)).toList(), p.savedBy(),
                p.savedAt())).toList();
    }

    /** "Assessor Alex Smith, unit 8587-300, remote, summative: 25 %", or "Every assessment: 10 %". */
    static String describe(SamplingRule rule, Map<Long, PersonRef> refs) {
        List<String> parts = new ArrayList<>();
        if (rule.assessorId() != null) {
            PersonRef assessor = refs.get(rule.assessorId());
            parts.add("assessor " + (assessor == null ? "#" + rule.assessorId() : assessor.displayName()));
        }
        if (rule.qualificationCode() != null) {
            parts.add("qualification " + rule.qualificationCode());
        }
        if (rule.unitCode() != null) {
            parts.add("unit " + rule.unitCode());
        }
        if (rule.method() != null) {
            parts.add(rule.method().label().toLowerCase(java.util.Locale.ROOT));
        }
        if (rule.stage() != null) {
            parts.add(rule.stage().label().toLowerCase(java.util.Locale.ROOT));
        }
        String what = parts.isEmpty() ? "Every assessment" : Character.toUpperCase(String.join(", ", parts).charAt(0))
                + String.join(", ", parts).substring(1);
        return what + ": " + rule.percentage() + " %";
    }

    static String describe(RiskFactors risks) {
        List<String> parts = new ArrayList<>();
        if (risks.newAssessorFirst() > 0) {
            parts.add("a new assessor's first " + risks.newAssessorFirst() + " at 100 %");
        }
        if (risks.referralAbove() != null) {
            parts.add("referral rate above " + risks.referralAbove() + " %");
        }
        if (risks.amendmentAbove() != null) {
            parts.add("amendment rate above " + risks.amendmentAbove() + " %");
        }
        if (risks.disputes()) {
            parts.add("a learner's dispute");
        }
        if (risks.untimedAcs()) {
            parts.add("ACs without a time counter");
        }
        return parts.isEmpty() ? "no risk factors" : "risk factors: " + String.join(", ", parts)
                + " (raised to " + risks.raisedPercentage() + " %)";
    }

    /** The plan's name, trimmed; or every problem with it, and nothing saved. */
    String validate(String name, PlanDefinition definition, Set<Long> assessors) {
        List<String> problems = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            problems.add("Give the plan a name (at most " + MAX_NAME + " characters).");
        }
        if (definition == null || definition.rules().isEmpty()) {
            problems.add("A plan needs at least one rule, such as every assessment at 10 %.");
        } else {
            Set<String> units = new HashSet<>(unitChoices());
            Set<String> qualifications = new HashSet<>(qualificationChoices());
            for (int i = 0; i < definition.rules().size(); i++) {
                SamplingRule rule = definition.rules().get(i);
                String which = "Rule " + (i + 1) + ": ";
                if (rule.percentage() < 0 || rule.percentage() > 100) {
                    problems.add(which + "a percentage is from 0 to 100; " + rule.percentage() + " is not.");
                }
                if (rule.assessorId() != null && !assessors.contains(rule.assessorId())) {
                    problems.add(which + "the plan's IQA does not quality-assure that assessor.");
                }
                if (rule.unitCode() != null && !units.contains(rule.unitCode())) {
                    problems.add(which + "there is no unit " + rule.unitCode() + " in the catalogue.");
                }
                if (rule.qualificationCode() != null && !qualifications.contains(rule.qualificationCode())) {
                    problems.add(which + "there is no qualification " + rule.qualificationCode() + " in the catalogue.");
                }
            }
        }
        if (definition != null) {
            RiskFactors risks = definition.risks();
            if (risks.newAssessorFirst() < 0 || risks.newAssessorFirst() > 1000) {
                problems.add("A new assessor's first assessments: give a number from 0 (off) to 1000; "
                        + risks.newAssessorFirst() + " is not.");
            }
            if (outOfRange(risks.referralAbove())) {
                problems.add("The referral rate threshold is a percentage from 0 to 100; " + risks.referralAbove()
                        + " is not.");
            }
            if (outOfRange(risks.amendmentAbove())) {
                problems.add("The amendment rate threshold is a percentage from 0 to 100; " + risks.amendmentAbove()
                        + " is not.");
            }
            if (outOfRange(risks.raisedPercentage())) {
                problems.add("The rate a risk factor raises an assessment to is a percentage from 0 to 100; "
                        + risks.raisedPercentage() + " is not.");
            }
        }
        if (!problems.isEmpty()) {
            throw new SamplingException("Nothing was saved:", problems);
        }
        return clean;
    }

    private static boolean outOfRange(Integer percentage) {
        return percentage != null && (percentage < 0 || percentage > 100);
    }
}
