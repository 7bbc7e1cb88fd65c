package app.earmark.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.discussions.DiscussionMode;
import app.earmark.notes.NotesEvents.NotesDisputed;
import app.earmark.review.QaReviewEvents.QaReviewDecided;
import app.earmark.sampling.SamplingFixtures.Team;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

@EarmarkSpringTest
class SamplingTest {

    @Autowired
    SamplingFixtures fixtures;
    @Autowired
    SamplingPlans plans;
    @Autowired
    Samples samples;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    app.earmark.people.PeopleAdmin peopleAdmin;

    private static final RiskFactors NONE = RiskFactors.none();

    private List<DueItem> due(String who) {
        return signedIn.as(who, () -> samples.due());
    }

    private PlanView plan(Team team, PlanDefinition definition) {
        return signedIn.as(team.iqa(), () -> plans.create("Plan of " + team.iqa(), definition));
    }

    private void review(long sheetId, String outcome) {
        transactions.executeWithoutResult(tx -> events.publishEvent(new QaReviewDecided("iqa", sheetId * 10 + 7,
                sheetId, 1, "0".repeat(64), 0, 0, outcome)));
    }

    @Test
    void aNewAssessorsFirstAssessmentsAreSampledAndExplained() {
        Team team = fixtures.team();
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(0, new RiskFactors(2, null, null, false, false,
                100)));
        long seq = trail.lastSeq();
        SheetView first = fixtures.signed(team, "8587-300", false);
        SheetView second = fixtures.signed(team, "8587-301", false);
        SheetView third = fixtures.signed(team, "8587-302", false);

        List<DueItem> due = due(team.iqa());
        assertThat(due).extracting(DueItem::sheetId).containsExactly(first.id(), second.id());
        assertThat(due).extracting(DueItem::reason).containsExactly("sampled because: new assessor, 1 of 2",
                "sampled because: new assessor, 2 of 2");
        assertThat(due.get(0).reviewPath()).isEqualTo("review/" + first.id());
        assertThat(due.get(0).assessor().username()).isEqualTo(team.assessor());
        assertThat(signedIn.as(team.iqa(), () -> plans.draws(plan.id()))).filteredOn(r -> r.sheetId() == third.id())
                .singleElement().satisfies(r -> {
                    assertThat(r.sampled()).isFalse();
                    assertThat(r.reason()).isEqualTo("not sampled: rule 1 (0 %)");
                });
        assertThat(trail.since(seq)).filteredOn(e -> "assessment-sampled".equals(e.get("action")))
                .extracting(e -> e.get("subject")).hasSize(2)
                .allSatisfy(s -> assertThat((String) s).matches("sheet:(" + first.id() + "|" + second.id() + ") sample:\\d+"));
    }

    @Test
    void reviewedAssessmentsLeaveWhatIsDueAndCountInCoverage() {
        Team team = fixtures.team();
        plan(team, SamplingFixtures.everyAssessment(100, NONE));
        SheetView first = fixtures.signed(team, "8587-300", false);
        SheetView second = fixtures.signed(team, "8587-301", false);
        assertThat(due(team.iqa())).extracting(DueItem::sheetId).containsExactly(first.id(), second.id());
        assertThat(due(team.iqa()).get(0).reason()).isEqualTo("sampled because: rule 1 (100 %)");

        review(first.id(), "ACCEPTED");

        assertThat(due(team.iqa())).extracting(DueItem::sheetId).containsExactly(second.id());
        Coverage coverage = signedIn.as(team.iqa(), () -> samples.coverage());
        assertThat(coverage.byAssessor()).containsExactly(new Coverage.Row("Assessor " + team.assessor()
                .substring("smp-assessor-".length()), 2, 2, 1));
        assertThat(coverage.byUnit()).containsExactly(new Coverage.Row("8587-300", 1, 1, 1),
                new Coverage.Row("8587-301", 1, 1, 0));
        Coverage.UnitCriteria unit300 = coverage.criteria().stream().filter(u -> u.unitCode().startsWith("8587-300"))
                .findFirst().orElseThrow();
        assertThat(unit300.criteria()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.sampled()).isEqualTo(1);
            assertThat(c.reviewed()).isEqualTo(1);
        });
        assertThat(unit300.notLookedAt()).isEmpty();
        Coverage.UnitCriteria unit301 = coverage.criteria().stream().filter(u -> u.unitCode().startsWith("8587-301"))
                .findFirst().orElseThrow();
        assertThat(unit301.notLookedAt()).hasSize(unit301.criteria().size());
    }

    @Test
    void whatIsOverdueFollowsTheCentresNumberOfDays() {
        Team team = fixtures.team();
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(100, NONE));
        SheetView old = fixtures.signed(team, "8587-300", false);
        SheetView recent = fixtures.signed(team, "8587-301", false);
        jdbc.update("update sampling_draw set drawn_at = dateadd('DAY', -20, drawn_at) where plan_id = ? and sheet_id = ?",
                plan.id(), old.id());
        int before = signedIn.as("admin", () -> samples.overdueDays());
        try {
            signedIn.as("admin", () -> samples.changeOverdueDays(10));
            List<DueItem> due = due(team.iqa());
            assertThat(due).extracting(DueItem::sheetId).containsExactly(old.id(), recent.id());
            assertThat(due).extracting(DueItem::overdue).containsExactly(true, false);
            assertThat(due.get(0).daysWaiting()).isEqualTo(20);
            signedIn.as("admin", () -> samples.changeOverdueDays(30));
            assertThat(due(team.iqa())).extracting(DueItem::overdue).containsExactly(false, false);
        } finally {
            signedIn.as("admin", () -> samples.changeOverdueDays(before));
        }
        assertThatThrownBy(() -> signedIn.as("admin", () -> samples.changeOverdueDays(0)))
                .isInstanceOf(SamplingException.class).hasMessageContaining("1 to 365 days; 0 is not possible");
        assertThatThrownBy(() -> signedIn.as(team.iqa(), () -> samples.changeOverdueDays(3)))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as("admin", () -> samples.overdueDays())).isEqualTo(before);
    }

    @Test
    void theDrawIsReproducibleAndAChangedPlanKeepsWhatWasDrawn() {
        Team team = fixtures.team();
        List<SheetView> signed = new java.util.ArrayList<>();
        for (String unit : List.of("8587-300", "8587-301", "8587-302", "8587-303", "8587-304", "8587-305")) {
            signed.add(fixtures.signed(team, unit, false));
        }
        // a plan made after the assessments were signed draws over them when asked
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(50, NONE));
        assertThat(due(team.iqa())).isEmpty();
        SamplingPlans.DrawResult result = signedIn.as(team.iqa(), () -> plans.draw(plan.id()));
        assertThat(result.drawn()).isEqualTo(6);
        List<Long> expected = signed.stream().map(SheetView::id)
                .filter(id -> Sampler.roll(plan.seed(), id) < 50).toList();
        assertThat(result.sampled()).isEqualTo(expected.size());
        List<Long> sample = signedIn.as(team.iqa(), () -> samples.sampledSheetIds(plan.id()));
        assertThat(sample).containsExactlyInAnyOrderElementsOf(expected);

        // drawing again draws nothing new and gives the same sample
        assertThat(signedIn.as(team.iqa(), () -> plans.draw(plan.id())).drawn()).isZero();
        assertThat(signedIn.as(team.iqa(), () -> samples.sampledSheetIds(plan.id()))).isEqualTo(sample);

        // a new version of the plan leaves what was drawn as it was, with the version it was drawn under
        PlanView changed = signedIn.as(team.iqa(), () -> plans.update(plan.id(), 1, plan.name(),
                SamplingFixtures.everyAssessment(100, NONE)));
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.seed()).isEqualTo(plan.seed());
        assertThat(signedIn.as(team.iqa(), () -> plans.draw(plan.id())).drawn()).isZero();
        assertThat(signedIn.as(team.iqa(), () -> samples.sampledSheetIds(plan.id()))).isEqualTo(sample);
        assertThat(signedIn.as(team.iqa(), () -> plans.draws(plan.id()))).extracting(SamplingPlans.DrawRow::planVersion)
                .containsOnly(1);
        // and the next assessment is drawn under the new version
        SheetView next = fixtures.amended(team, signed.get(0));
        assertThat(signedIn.as(team.iqa(), () -> plans.draws(plan.id()))).filteredOn(r -> r.sheetId() == next.id())
                .singleElement().satisfies(r -> assertThat(r.planVersion()).isEqualTo(2));

        // each draw kept its inputs: deciding again from them gives the same answer
        jdbc.queryForList("select inputs, sampled, reason from sampling_draw where plan_id = ?", plan.id())
                .forEach(row -> {
                    var inputs = SamplingStore.read((String) row.get("inputs"), Drawing.DrawInputs.class);
                    PlanDefinition version = jdbc.queryForObject("select definition from sampling_plan_version where"
                            + " plan_id = ? and number = ?", (rs, i) -> SamplingStore.read(rs.getString(1),
                                    PlanDefinition.class), plan.id(), inputs.planVersion());
                    Sampler.Decision again = Sampler.decide(inputs.seed(), version, inputs.assessment(),
                            inputs.history());
                    assertThat(again.sampled()).isEqualTo(row.get("sampled"));
                    assertThat(again.reason()).isEqualTo(row.get("reason"));
                });
    }

    @Test
    void drawNowRecordsASignedSheetTheModuleHadMissedAndOnlyThat() {
        Team team = fixtures.team();
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(100, NONE));
        SheetView heard = fixtures.signed(team, "8587-300", false);
        SheetView missed = fixtures.signed(team, "8587-301", false);
        // as if the listener had failed for the second signature
        jdbc.update("delete from sampling_draw where sheet_id = ?", missed.id());
        jdbc.update("delete from sampling_assessment where sheet_id = ?", missed.id());
        assertThat(due(team.iqa())).extracting(DueItem::sheetId).containsExactly(heard.id());

        SamplingPlans.DrawResult result = signedIn.as(team.iqa(), () -> plans.draw(plan.id()));
        // recording it drew it under every plan that covers it, this one included
        assertThat(result.recorded()).isEqualTo(1);
        assertThat(signedIn.as(team.iqa(), () -> plans.draws(plan.id()))).filteredOn(r -> r.sheetId() == missed.id())
                .singleElement().satisfies(r -> assertThat(r.sampled()).isTrue());
        assertThat(due(team.iqa())).extracting(DueItem::sheetId).containsExactly(heard.id(), missed.id());
        assertThat(signedIn.as(team.iqa(), () -> plans.draw(plan.id()))).isEqualTo(new SamplingPlans.DrawResult(0, 0,
                0));
    }

    @Test
    void theHomePageCountsWhatIsDueOfTheIqasOwnPlansAndShowsTheOldest() {
        Team team = fixtures.team();
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(100, NONE));
        SheetView first = fixtures.signed(team, "8587-300", false);
        SheetView second = fixtures.signed(team, "8587-301", false);
        SheetView third = fixtures.signed(team, "8587-302", false);
        jdbc.update("update sampling_draw set drawn_at = dateadd('DAY', -40, drawn_at) where plan_id = ? and sheet_id = ?",
                plan.id(), first.id());
        review(second.id(), "ACCEPTED");

        Samples.DueSummary summary = signedIn.as(team.iqa(), () -> samples.dueOfMine(1));
        List<DueItem> due = due(team.iqa());
        assertThat(due).extracting(DueItem::sheetId).containsExactly(first.id(), third.id());
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.overdue()).isEqualTo((int) due.stream().filter(DueItem::overdue).count()).isEqualTo(1);
        assertThat(summary.first()).containsExactly(due.get(0));
        // the IQA who does not quality-assure the assessor has nothing of it
        assertThat(signedIn.as(team.otherIqa(), () -> samples.dueOfMine(5)).first()).extracting(DueItem::sheetId)
                .doesNotContain(first.id(), third.id());
    }

    @Test
    void aDisputeUntimedAcsAndReferralsRaiseTheRate() {
        Team team = fixtures.team();
        plan(team, SamplingFixtures.everyAssessment(0, new RiskFactors(0, 30, null, true, true, 100)));
        SheetView timed = fixtures.signed(team, "8587-300", false);
        assertThat(due(team.iqa())).isEmpty();

        // the learner disputes the notes of the discussion the sheet rests on
        long discussion = jdbc.queryForObject("select r.discussion_id from tag t join recording r on r.id = t.recording_id"
                + " join discussion d on d.id = r.discussion_id where d.learner_id = ? order by t.id limit 1",
                Long.class, team.learnerId());
        transactions.executeWithoutResult(tx -> events.publishEvent(new NotesDisputed(team.learner(),
                System.nanoTime(), discussion, team.learnerId(), 1, "I did not say that")));
        assertThat(due(team.iqa())).singleElement().satisfies(d -> {
            assertThat(d.sheetId()).isEqualTo(timed.id());
            assertThat(d.reason()).isEqualTo("sampled because: learner's dispute");
        });

        SheetView untimed = fixtures.signed(team, "8587-301", false, "1.1", "1.2");
        assertThat(due(team.iqa())).filteredOn(d -> d.sheetId() == untimed.id()).singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo("sampled because: 2 ACs without a time counter (1.1, 1.2)"));

        SheetView referral = fixtures.signed(team, "8587-302", true);
        assertThat(due(team.iqa())).filteredOn(d -> d.sheetId() == referral.id()).singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo("sampled because: assessor's referral rate 33 % is above 30 %"));
    }

    @Test
    void aPlanWithABadPercentageOrNoRuleIsRefusedAndNothingSaved() {
        Team team = fixtures.team();
        int before = jdbc.queryForObject("select count(*) from sampling_plan", Integer.class);
        assertThatThrownBy(() -> plan(team, SamplingFixtures.everyAssessment(150, NONE)))
                .isInstanceOf(SamplingException.class)
                .hasMessage("Nothing was saved: Rule 1: a percentage is from 0 to 100; 150 is not.");
        assertThatThrownBy(() -> plan(team, SamplingFixtures.everyAssessment(-5, NONE)))
                .hasMessageContaining("Rule 1: a percentage is from 0 to 100; -5 is not.");
        assertThatThrownBy(() -> plan(team, new PlanDefinition(List.of(), NONE)))
                .isInstanceOf(SamplingException.class)
                .hasMessage("Nothing was saved: A plan needs at least one rule, such as every assessment at 10 %.");
        assertThatThrownBy(() -> plan(team, new PlanDefinition(List.of(new SamplingRule(team.assessorId() + 100_000,
                null, null, null, null, 10)), NONE)))
                .hasMessageContaining("the plan's IQA does not quality-assure that assessor");
        assertThat(jdbc.queryForObject("select count(*) from sampling_plan", Integer.class)).isEqualTo(before);

        PlanView plan = plan(team, SamplingFixtures.everyAssessment(10, NONE));
        assertThatThrownBy(() -> signedIn.as(team.iqa(), () -> plans.update(plan.id(), 1, "Renamed",
                SamplingFixtures.everyAssessment(101, NONE)))).hasMessageContaining("101 is not");
        assertThat(signedIn.as(team.iqa(), () -> plans.plan(plan.id()))).satisfies(p -> {
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.name()).isEqualTo(plan.name());
            assertThat(p.ruleDescriptions()).containsExactly("Every assessment: 10 %");
        });
    }

    @Test
    void onlyThePlansIqaAndTheAdministratorReachAPlanAndItsSample() {
        Team team = fixtures.team();
        PlanView plan = plan(team, SamplingFixtures.everyAssessment(100, NONE));
        SheetView sheet = fixtures.signed(team, "8587-300", false);

        // the IQA who quality-assures the assessor
        assertThat(due(team.iqa())).extracting(DueItem::sheetId).containsExactly(sheet.id());
        // the administrator sees and edits every plan of the centre
        assertThat(due("admin")).extracting(DueItem::sheetId).contains(sheet.id());
        assertThat(signedIn.as("admin", () -> plans.plans())).extracting(PlanView::id).contains(plan.id());
        assertThat(signedIn.as("admin", () -> plans.update(plan.id(), 1, "Renamed by the administrator",
                SamplingFixtures.everyAssessment(100, NONE))).version()).isEqualTo(2);
        // an IQA not assigned to the assessor sees none of it; a guessed plan id is "no such plan", audited
        assertThat(due(team.otherIqa())).extracting(DueItem::sheetId).doesNotContain(sheet.id());
        assertThat(signedIn.as(team.otherIqa(), () -> samples.coverage()).byAssessor()).isEmpty();
        assertThat(signedIn.as(team.otherIqa(), () -> plans.plans())).extracting(PlanView::id).doesNotContain(plan.id());
        long seq = trail.lastSeq();
        for (long id : List.of(plan.id(), plan.id() + 1, 999_999L)) {
            assertThatThrownBy(() -> signedIn.as(team.otherIqa(), () -> plans.plan(id)))
                    .isInstanceOf(AccessRefusedException.class).hasMessage("There is no sampling plan " + id + ".");
        }
        assertThatThrownBy(() -> signedIn.as(team.otherIqa(), () -> samples.sampledSheetIds(plan.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as(team.otherIqa(), () -> plans.draw(plan.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(trail.since(seq)).filteredOn(e -> "access-refused".equals(e.get("action")))
                .extracting(e -> e.get("subject")).contains("sampling-plan:" + plan.id(), "sampling-plan:999999");
        // an IQA who no longer quality-assures the assessor stops seeing their assessments
        signedIn.as("admin", () -> peopleAdmin.unlink(
                app.earmark.people.Relationship.QUALITY_ASSURES, team.iqaId(), team.assessorId()));
        assertThat(due(team.iqa())).isEmpty();
        assertThat(signedIn.as(team.iqa(), () -> samples.sampledSheetIds(plan.id()))).isEmpty();
        // the assessor and the learner are refused outright
        for (String who : List.of(team.assessor(), team.learner(), "eqa")) {
            assertThatThrownBy(() -> signedIn.as(who, () -> samples.due())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> plans.plans())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> plans.plan(plan.id())))
                    .isInstanceOf(AccessDeniedException.class);
        }
        // an administrator cannot create a plan: a plan is an IQA's
        assertThatThrownBy(() -> signedIn.as("admin", () -> plans.create("Mine", SamplingFixtures.everyAssessment(5,
                NONE)))).isInstanceOf(SamplingException.class).hasMessageContaining("Only an IQA keeps a sampling plan");
    }
}
