package app.earmark.sampling;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.RecordingSummary;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.sampling.SamplingEvents.AssessmentSampled;
import app.earmark.sampling.SamplingStore.NewDraw;
import app.earmark.sampling.SamplingStore.Plan;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records signed assessments and draws them under the plans that cover them. A plan covers an assessment when it is
 * of the plan's centre and by an assessor the plan's IQA quality-assures. Each plan decides about each assessment once
 * per occasion ({@value #SIGNED} when it is first drawn, {@code DISPUTE:<id>} when a learner's dispute raises it); a
 * decision, with the plan version and the inputs it used, is never changed afterwards.
 */
@Component
class Drawing {

    static final String SIGNED = "SIGNED";

    private final SamplingStore store;
    private final People people;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Drawing(SamplingStore store, People people, Catalogue catalogue, CurrentUser currentUser,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.people = people;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** What a draw kept beside its decision: enough to decide again and get the same answer. */
    record DrawInputs(long seed, int planVersion, Assessment assessment, Sampler.History history, double rate,
            double roll) {
    }

    /**
     * The facts of a signed sheet version as the draws use them.
     *
     * @param discussions the learner's discussions of the sheet's unit
     */
    Assessment assessmentOf(SheetView sheet, long centreId, long assessorId, LearnerSummary learner,
            List<DiscussionSummary> discussions, Map<Long, List<RecordingSummary>> recordings) {
        Unit unit = sheet.unit();
        Map<Long, String> numbers = new HashMap<>();
        unit.criterionIds().forEach((number, id) -> numbers.put(id, number));
        List<Long> decided = new ArrayList<>();
        List<String> untimed = new ArrayList<>();
        sheet.content().criteria().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    SheetContent.AcEntry ac = entry.getValue();
                    if (ac.result() != null || ac.marks() != null) {
                        decided.add(entry.getKey());
                        if (sheet.counters(entry.getKey()).isEmpty()) {
                            untimed.add(numbers.getOrDefault(entry.getKey(), String.valueOf(entry.getKey())));
                        }
                    }
                });
        untimed.sort(Drawing::byAcNumber);
        Set<String> qualifications = new TreeSet<>();
        for (EnrolmentSummary enrolment : learner.enrolments()) {
            catalogue.qualification(enrolment.qualificationCode())
                    .filter(q -> q.units().stream().anyMatch(u -> u.code().equals(unit.code())))
                    .ifPresent(q -> qualifications.add(q.code()));
        }
        Set<AssessmentMethod> methods = EnumSet.noneOf(AssessmentMethod.class);
        List<Long> discussionIds = new ArrayList<>();
        for (DiscussionSummary discussion : discussions) {
            discussionIds.add(discussion.id());
            methods.add(discussion.mode() == app.earmark.discussions.DiscussionMode.REMOTE ? AssessmentMethod.REMOTE
                    : AssessmentMethod.FACE_TO_FACE);
            for (RecordingSummary recording : recordings.getOrDefault(discussion.id(), List.of())) {
                methods.add(recording.live() ? AssessmentMethod.LIVE_RECORDING : AssessmentMethod.UPLOAD);
            }
        }
        String decision = sheet.assessorDecision() == null ? "" : sheet.assessorDecision().name();
        AssessmentStage stage = "PASS".equals(decision) ? AssessmentStage.SUMMATIVE : AssessmentStage.INTERIM;
        return new Assessment(sheet.id(), sheet.previousId(), centreId, sheet.learner().id(), assessorId, unit.id(),
                unit.code(), qualifications, methods, stage, decision, sheet.versionNumber(), decided, untimed,
                discussionIds, sheet.signedAt());
    }

    /** Records the assessment (once) and draws it under every plan that covers it. */
    void record(Assessment assessment) {
        if (store.hasAssessment(assessment.sheetId())) {
            return;
        }
        store.insertAssessment(assessment);
        for (Plan plan : store.plansOfCentre(assessment.centreId())) {
            if (people.assessorsQualityAssuredBy(plan.iqaId()).contains(assessment.assessorId())
                    && !store.hasDraw(plan.id(), assessment.sheetId(), SIGNED)) {
                List<Assessment> assessorsOwn = store.assessmentsBy(assessment.centreId(),
                        List.of(assessment.assessorId()));
                Sampler.History history = history(assessorsOwn, assessment, store.disputed(assessment.discussions()),
                        assessment.previousId() != null && store.sampled(plan.id(), assessment.previousId()));
                save(plan, List.of(decide(plan, assessment, history, SIGNED)),
                        Map.of(assessment.sheetId(), assessment.learnerId()));
            }
        }
    }

    /** What the plan decided over the assessments it had not yet drawn. */
    record Outcome(int drawn, int sampled) {
    }

    /**
     * Draws the plan over every assessment it covers and has not yet drawn, oldest first (drawing again draws nothing
     * new, and the decisions already made stay as they were).
     */
    Outcome drawAll(Plan plan) {
        Map<Long, Long> learners = new HashMap<>();
        List<NewDraw> draws = decideAll(plan, learners);
        save(plan, draws, learners);
        return new Outcome(draws.size(), (int) draws.stream().filter(NewDraw::sampled).count());
    }

    /** The decisions {@link #drawAll} would save, without saving them. */
    List<NewDraw> decideAll(Plan plan, Map<Long, Long> learners) {
        List<Assessment> assessments = store.assessmentsBy(plan.centreId(),
                people.assessorsQualityAssuredBy(plan.iqaId()));
        Set<Long> drawn = new HashSet<>();
        Set<Long> sampled = new HashSet<>();
        for (SamplingStore.Draw draw : store.drawsOfPlan(plan.id())) {
            if (SIGNED.equals(draw.occasion())) {
                drawn.add(draw.sheetId());
            }
            if (draw.sampled()) {
                sampled.add(draw.sheetId());
            }
        }
        Set<Long> disputed = store.disputedDiscussions();
        Map<Long, int[]> counts = new HashMap<>();
        List<NewDraw> draws = new ArrayList<>();
        for (Assessment a : assessments) {
            int[] c = counts.computeIfAbsent(a.assessorId(), id -> new int[3]);
            c[0]++;
            c[1] += a.referral() ? 1 : 0;
            c[2] += a.amendment() ? 1 : 0;
            if (drawn.contains(a.sheetId())) {
                continue;
            }
            var history = new Sampler.History(c[0], c[1], c[2], a.discussions().stream().anyMatch(disputed::contains),
                    a.previousId() != null && sampled.contains(a.previousId()));
            NewDraw draw = decide(plan, a, history, SIGNED);
            learners.put(a.sheetId(), a.learnerId());
            if (draw.sampled()) {
                sampled.add(a.sheetId());
            }
            draws.add(draw);
        }
        return draws;
    }

    /**
     * A learner disputed the notes of a discussion: every plan with the dispute risk factor draws again, once for this
     * dispute, each assessment resting on that discussion that it has not sampled (so a dispute can add to a sample,
     * never take from it).
     */
    void disputed(long disputeId, long discussionId) {
        for (Assessment a : store.assessmentsOfDiscussion(discussionId)) {
            for (Plan plan : store.plansOfCentre(a.centreId())) {
                String occasion = "DISPUTE:" + disputeId;
                if (!plan.definition().risks().disputes() || store.sampled(plan.id(), a.sheetId())
                        || store.hasDraw(plan.id(), a.sheetId(), occasion)
                        || !people.assessorsQualityAssuredBy(plan.iqaId()).contains(a.assessorId())) {
                    continue;
                }
                List<Assessment> assessorsOwn = store.assessmentsBy(a.centreId(), List.of(a.assessorId()));
                save(plan, List.of(decide(plan, a, history(assessorsOwn, a, true,
                        a.previousId() != null && store.sampled(plan.id(), a.previousId())), occasion)),
                        Map.of(a.sheetId(), a.learnerId()));
            }
        }
    }

    private static Sampler.History history(List<Assessment> assessorsOwn, Assessment a, boolean disputed,
            boolean previousSampled) {
        int position = 0;
        int referrals = 0;
        int amendments = 0;
        for (Assessment earlier : assessorsOwn) {
            position++;
            referrals += earlier.referral() ? 1 : 0;
            amendments += earlier.amendment() ? 1 : 0;
            if (earlier.sheetId() == a.sheetId()) {
                break;
            }
        }
        return new Sampler.History(position, referrals, amendments, disputed, previousSampled);
    }

    private NewDraw decide(Plan plan, Assessment a, Sampler.History history, String occasion) {
        Sampler.Decision decision = Sampler.decide(plan.seed(), plan.definition(), a, history);
        var inputs = new DrawInputs(plan.seed(), plan.version(), a, history, decision.rate(), decision.roll());
        return new NewDraw(plan.id(), plan.version(), a.sheetId(), occasion, decision.sampled(), decision.rate(),
                decision.roll(), decision.reason(), inputs, currentUser.actorName(), clock.instant());
    }

    private void save(Plan plan, List<NewDraw> draws, Map<Long, Long> learners) {
        if (draws.isEmpty()) {
            return;
        }
        List<Long> ids = store.insertDraws(draws);
        String iqa = people.refs(List.of(plan.iqaId())).values().stream().map(PersonRef::username).findFirst()
                .orElse("IQA " + plan.iqaId());
        for (int i = 0; i < draws.size(); i++) {
            NewDraw draw = draws.get(i);
            if (draw.sampled()) {
                events.publishEvent(new AssessmentSampled(currentUser.actorName(), plan.id(), ids.get(i),
                        draw.sheetId(), learners.getOrDefault(draw.sheetId(), 0L), iqa, draw.reason()));
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** "1.2" before "1.10". */
    static int byAcNumber(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
