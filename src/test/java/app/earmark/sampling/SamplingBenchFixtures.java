package app.earmark.sampling;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import app.earmark.support.SignedIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * For the sampling benchmark ({@code app.earmark.bench.SamplingBenchmark}): an IQA with many assessors and thousands of
 * signed assessments recorded straight into the sampling tables (as the listener records them when sheets are signed),
 * varied in unit, method, stage, outcome, amendments, untimed ACs and disputes by a fixed random seed; and the draw
 * timed as "Draw now" makes it.
 */
@Component
public class SamplingBenchFixtures {

    private final PeopleAdmin admin;
    private final SignedIn signedIn;
    private final Catalogue catalogue;
    private final SamplingStore store;
    private final SamplingPlans plans;
    private final Drawing drawing;
    private final JdbcTemplate jdbc;

    SamplingBenchFixtures(PeopleAdmin admin, SignedIn signedIn, Catalogue catalogue, SamplingStore store,
            SamplingPlans plans, Drawing drawing, JdbcTemplate jdbc) {
        this.admin = admin;
        this.signedIn = signedIn;
        this.catalogue = catalogue;
        this.store = store;
        this.plans = plans;
        this.drawing = drawing;
        this.jdbc = jdbc;
    }

    /** The IQA's username and their plan. */
    public record Setup(String iqa, long planId, int assessments, int assessors) {
    }

    /** {@code count} assessments by {@code assessorCount} assessors an IQA quality-assures, and the IQA's plan. */
    public Setup assessments(int count, int assessorCount, int learnerCount) {
        String n = String.valueOf(System.nanoTime() % 1_000_000);
        long centreId = jdbc.queryForObject("select centre_id from app_user where username = 'admin'", Long.class);
        List<Long> assessors = new ArrayList<>();
        List<Long> learners = new ArrayList<>();
        String iqa = "bench-iqa-" + n;
        signedIn.as("admin", () -> {
            long iqaId = admin.createPerson(iqa, "Bench IQA " + n, "password123", Set.of(Role.IQA)).id();
            for (int i = 0; i < assessorCount; i++) {
                long id = admin.createPerson("bench-as-" + n + "-" + i, "Bench assessor " + i, "password123",
                        Set.of(Role.ASSESSOR)).id();
                admin.link(Relationship.QUALITY_ASSURES, iqaId, id);
                assessors.add(id);
            }
            for (int i = 0; i < learnerCount; i++) {
                learners.add(admin.createPerson("bench-le-" + n + "-" + i, "Bench learner " + i, "password123",
                        Set.of(Role.LEARNER)).id());
            }
        });
        List<Unit> units = new ArrayList<>(catalogue.latestUnits());
        Random random = new Random(42);
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        Map<Long, Long> latestByLearnerUnit = new HashMap<>();
        long nextSheet = jdbc.queryForObject("select coalesce(max(sheet_id), 0) from sampling_assessment", Long.class)
                + 10_000_000L;
        long discussion = 50_000_000L;
        for (int i = 0; i < count; i++) {
            long learner = learners.get(random.nextInt(learners.size()));
            long assessor = assessors.get(random.nextInt(assessors.size()));
            Unit unit = units.get(random.nextInt(units.size()));
            Long previous = random.nextInt(10) == 0 ? latestByLearnerUnit.get(learner * 1000 + unit.id()) : null;
            long sheet = nextSheet++;
            latestByLearnerUnit.put(learner * 1000 + unit.id(), sheet);
            boolean referral = random.nextInt(5) == 0;
            List<Long> criteria = new ArrayList<>(unit.criterionIds().values());
            List<String> untimed = random.nextInt(20) == 0 ? List.of(unit.criterionIds().keySet().iterator().next())
                    : List.of();
            Set<AssessmentMethod> methods = EnumSet.of(random.nextBoolean() ? AssessmentMethod.REMOTE
                    : AssessmentMethod.FACE_TO_FACE, random.nextInt(3) == 0 ? AssessmentMethod.LIVE_RECORDING
                    : AssessmentMethod.UPLOAD);
            long disc = discussion++;
            if (random.nextInt(100) == 0) {
                store.addDispute(disc, disc, learner, start);
            }
            store.insertAssessment(new Assessment(sheet, previous, centreId, learner, assessor, unit.id(), unit.code(),
                    Set.of(unit.code().substring(0, 4)), methods, referral ? AssessmentStage.INTERIM
                            : AssessmentStage.SUMMATIVE, referral ? "REFERRAL" : "PASS", previous == null ? 1 : 2,
                    criteria, untimed, List.of(disc), start.plusSeconds(600L * i)));
        }
        PlanView plan = signedIn.as(iqa, () -> plans.create("Benchmark plan", new PlanDefinition(List.of(
                new SamplingRule(null, null, null, null, null, 10),
                new SamplingRule(null, null, "8587-300", null, null, 25),
                new SamplingRule(assessors.get(0), null, null, null, null, 50),
                new SamplingRule(null, null, null, AssessmentMethod.LIVE_RECORDING, AssessmentStage.SUMMATIVE, 20)),
                new RiskFactors(5, 30, 20, true, true, 100))));
        return new Setup(iqa, plan.id(), count, assessorCount);
    }

    /** One timed draw: load and decide (the decisions' inputs kept as objects, written as JSON when saved). */
    public record Timed(double millis, int decided, int sampled, int fingerprint) {
    }

    /** The draw "Draw now" makes, timed, without saving it (so it can be repeated on the same inputs). */
    public Timed draw(Setup setup) {
        SamplingStore.Plan plan = store.plan(setup.planId()).orElseThrow();
        long started = System.nanoTime();
        List<SamplingStore.NewDraw> draws = drawing.decideAll(plan, new HashMap<>());
        double millis = (System.nanoTime() - started) / 1e6;
        int sampled = (int) draws.stream().filter(SamplingStore.NewDraw::sampled).count();
        int fingerprint = draws.stream().filter(SamplingStore.NewDraw::sampled)
                .mapToInt(d -> Long.hashCode(d.sheetId())).reduce(17, (a, b) -> 31 * a + b);
        return new Timed(millis, draws.size(), sampled, fingerprint);
    }

    /** "Draw now" itself: decides and saves every decision, with an audit entry per sampled assessment. */
    public double drawAndSave(Setup setup) {
        long started = System.nanoTime();
        signedIn.as(setup.iqa(), () -> plans.draw(setup.planId()));
        return (System.nanoTime() - started) / 1e6;
    }
}
