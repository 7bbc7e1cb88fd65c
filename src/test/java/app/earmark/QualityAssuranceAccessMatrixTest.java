package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.Recordings;
import app.earmark.eqa.EqaFixtures;
import app.earmark.eqa.EqaGrants;
import app.earmark.eqa.GrantView;
import app.earmark.notes.Notes;
import app.earmark.observation.LiveObservations;
import app.earmark.people.PersonRef;
import app.earmark.review.QaReviews;
import app.earmark.review.Verdict;
import app.earmark.sampling.PlanView;
import app.earmark.sampling.RiskFactors;
import app.earmark.sampling.Samples;
import app.earmark.sampling.SamplingFixtures;
import app.earmark.sampling.SamplingFixtures.Team;
import app.earmark.sampling.SamplingPlans;
import app.earmark.sheets.SheetView;
import app.earmark.support.AccessMatrix;
import app.earmark.support.AccessMatrix.Who;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One access matrix over everything the quality-assurance modules added (issue 10): eleven people (the
 * administrator; an assessor, another assessor; their learners; the IQA assigned to the assessor and an IQA who is
 * not (assigned to the other assessor); an EQA with a grant of the learner, with an expired grant, with a revoked
 * grant, with a grant of the other learner; anonymous) against each address and page with the learner's ids, the
 * other learner's (neighbouring) ids and a guessed id (99999999). Exactly the allowed cells succeed; a refusal is a
 * proper 401/302 (anonymous) or 403/404 (signed in), never a 500, and for a neighbour's id it is the same answer as
 * for a guessed one. Who may see what follows docs/DOMAIN: a learner sees only their own, an assessor their
 * learners', an IQA the learners of the assessors they are assigned to, an EQA exactly their grant in force, the
 * administrator the whole centre.
 *
 * <p>What is covered, by module:
 * <ul>
 * <li><b>review</b>: page {@code /review/:sheetId} (not for learners: they see the outcome in their trail); exports
 * {@code GET /api/v1/sheets/{sheetId}/qa-review} (JSON), {@code GET /exports/reviews/{sheetId}.json} and
 * {@code .pdf}; the IQA's verdict ({@code QaReviews.recordVerdict}, a change the page makes through Vaadin).</li>
 * <li><b>notes</b>: page {@code /discussions/:id/notes}; {@code GET /api/v1/discussions/{id}/notes}; the learner's
 * authentication ({@code Notes.authenticate}, a change made through the page).</li>
 * <li><b>observation</b>: pages {@code /observation} (upcoming discussions; lists only the IQA's assessors') and
 * {@code /discussions/:id/observe}; the live parts {@code GET /observation/live/{recordingId}/parts} (only for the
 * IQA who marked the discussion); marking a discussion ({@code LiveObservations.mark}).</li>
 * <li><b>sampling</b>: pages {@code /sampling} (what is due: only the IQA's assessors') and {@code /sampling/plans};
 * a plan by id, its draws and drawing it ("Draw now"), which the page does by plan id ({@code SamplingPlans.plan},
 * {@code draws}, {@code draw}).</li>
 * <li><b>eqa</b>: pages {@code /eqa} (an EQA's grants in force) and {@code /admin/eqa-grants}; packs
 * {@code GET /eqa/grants/{grantId}/learners/{learnerId}/pack.zip} and
 * {@code GET /api/v1/eqa/grants/{grantId}/learners/{learnerId}/pack.zip} with each EQA's grant, a neighbour's grant,
 * a learner outside the grant and guessed ids.</li>
 * </ul>
 * These modules add no POST, PUT or DELETE address: their changes go through the Vaadin pages (whose requests carry
 * Vaadin's CSRF token and pass {@code SameOriginFilter}), so the changes are checked here at the service each page
 * calls, signed in as each person. Pages are opened with Karibu (the real views and navigation access control) for
 * the signed-in people and asked for over HTTP by anonymous, who is sent to sign in. The older evidence addresses and
 * pages are in {@code EqaAccessMatrixTest}.
 */
class QualityAssuranceAccessMatrixTest extends ViewTest {

    static final long GUESSED = 99_999_999L;
    static final String TEAM_PASSWORD = "password123";
    static final String EQA_PASSWORD = "a long password 1";

    static final String ADMIN = "administrator";
    static final String ASSESSOR = "assessor";
    static final String OTHER_ASSESSOR = "another assessor";
    static final String LEARNER = "learner";
    static final String OTHER_LEARNER = "another learner";
    static final String IQA = "IQA";
    static final String OTHER_IQA = "IQA not assigned to the assessor";
    static final String EQA = "EQA with a grant";
    static final String EXPIRED_EQA = "EQA with an expired grant";
    static final String REVOKED_EQA = "EQA with a revoked grant";
    static final String OTHERS_EQA = "EQA with a grant for another learner";
    static final String ANONYMOUS = "anonymous";

    /** Who may see the learner's evidence, and the other learner's. */
    static final Set<String> SEE_A = Set.of(ADMIN, ASSESSOR, LEARNER, IQA, EQA);
    static final Set<String> SEE_B = Set.of(ADMIN, OTHER_ASSESSOR, OTHER_LEARNER, OTHER_IQA, OTHERS_EQA);

    @Autowired
    SamplingFixtures teams;
    @Autowired
    EqaFixtures eqas;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Recordings recordings;
    @Autowired
    LiveRecordings live;
    @Autowired
    LiveObservations observations;
    @Autowired
    QaReviews reviews;
    @Autowired
    Notes notes;
    @Autowired
    SamplingPlans plans;
    @Autowired
    Samples samples;
    @Autowired
    EqaGrants grants;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;

    /** One side's evidence: its team, a reviewed signed sheet and its discussion, and what QA made of it. */
    record Side(Team team, SheetView sheet, long discussionId, long recordingId, SheetView dueSheet, PlanView plan,
            long liveDiscussionId, long markableDiscussionId) {
    }

    record World(Side a, Side b, Map<String, Who> people, Map<String, Long> grantOf) {
    }

    static World world;

    @BeforeEach
    void makeTheWorldOnce() throws Exception {
        if (world != null) {
            return;
        }
        Side a = side(teams.team());
        Side b = side(teams.team());
        PersonRef withGrant = eqas.eqa();
        PersonRef expired = eqas.eqa();
        PersonRef revoked = eqas.eqa();
        PersonRef forOther = eqas.eqa();
        PersonRef learnerA = new PersonRef(a.team().learnerId(), a.team().learner(), a.team().learner());
        PersonRef learnerB = new PersonRef(b.team().learnerId(), b.team().learner(), b.team().learner());
        GrantView grant = eqas.grantLearners(withGrant, learnerA);
        GrantView ending = eqas.grantEndingIn(expired, Duration.ofMillis(1200), learnerA);
        GrantView toRevoke = eqas.grantLearners(revoked, learnerA);
        GrantView otherGrant = eqas.grantLearners(forOther, learnerB);
        eqas.revoke(toRevoke);
        Thread.sleep(1500);
        Map<String, Who> people = new LinkedHashMap<>();
        people.put(ADMIN, new Who(ADMIN, "admin", "demo"));
        people.put(ASSESSOR, new Who(ASSESSOR, a.team().assessor(), TEAM_PASSWORD));
        people.put(OTHER_ASSESSOR, new Who(OTHER_ASSESSOR, b.team().assessor(), TEAM_PASSWORD));
        people.put(LEARNER, new Who(LEARNER, a.team().learner(), TEAM_PASSWORD));
        people.put(OTHER_LEARNER, new Who(OTHER_LEARNER, b.team().learner(), TEAM_PASSWORD));
        people.put(IQA, new Who(IQA, a.team().iqa(), TEAM_PASSWORD));
        people.put(OTHER_IQA, new Who(OTHER_IQA, b.team().iqa(), TEAM_PASSWORD));
        people.put(EQA, new Who(EQA, withGrant.username(), EQA_PASSWORD));
        people.put(EXPIRED_EQA, new Who(EXPIRED_EQA, expired.username(), EQA_PASSWORD));
        people.put(REVOKED_EQA, new Who(REVOKED_EQA, revoked.username(), EQA_PASSWORD));
        people.put(OTHERS_EQA, new Who(OTHERS_EQA, forOther.username(), EQA_PASSWORD));
        people.put(ANONYMOUS, Who.anonymous());
        Map<String, Long> grantOf = new LinkedHashMap<>();
        grantOf.put(EQA, grant.id());
        grantOf.put(EXPIRED_EQA, ending.id());
        grantOf.put(REVOKED_EQA, toRevoke.id());
        grantOf.put(OTHERS_EQA, otherGrant.id());
        world = new World(a, b, people, grantOf);
    }

    /**
     * A team's evidence: a signed sheet of 8587-301 the IQA has begun to review, a signed sheet of 8587-300 sampled
     * and due, the IQA's plan that sampled both, a discussion held today that the IQA marked for observation (its live
     * recording is started by the test that needs it: one silent for two minutes is closed as abandoned), and one more
     * held today that nobody has marked.
     */
    private Side side(Team team) throws Exception {
        SheetView sheet = teams.signed(team, "8587-301", false);
        SheetView due = teams.signed(team, "8587-300", false);
        PlanView plan = signedIn.as(team.iqa(), () -> plans.create("Matrix plan of " + team.iqa(),
                SamplingFixtures.everyAssessment(100, RiskFactors.none())));
        signedIn.as(team.iqa(), () -> plans.draw(plan.id()));
        signedIn.as(team.iqa(), () -> reviews.recordVerdict(sheet.id(), sheet.contentHash(), "1.1", Verdict.AGREE,
                null));
        DiscussionSummary reviewed = signedIn.as(team.assessor(), () -> discussions.visible().stream()
                .filter(d -> d.units().stream().anyMatch(u -> u.code().equals("8587-301"))).findFirst().orElseThrow());
        long recording = signedIn.as(team.assessor(), () -> recordings.forDiscussion(reviewed.id()).get(0).id());
        long unit = sheet.unit().id();
        long liveDiscussion = signedIn.as(team.assessor(), () -> discussions.create(List.of(team.learnerId()),
                Set.of(unit), LocalDate.now(), DiscussionMode.FACE_TO_FACE)).id();
        signedIn.as(team.iqa(), () -> observations.mark(liveDiscussion));
        long markable = signedIn.as(team.assessor(), () -> discussions.create(List.of(team.learnerId()),
                Set.of(unit), LocalDate.now(), DiscussionMode.REMOTE)).id();
        return new Side(team, sheet, reviewed.id(), recording, due, plan, liveDiscussion, markable);
    }

    private static Set<String> except(Set<String> allowed, String who) {
        return allowed.stream().filter(w -> !w.equals(who)).collect(java.util.stream.Collectors.toSet());
    }

    private AccessMatrix matrix() {
        return new AccessMatrix(mvc, accounts);
    }

    @Test
    void reviewExportsAreForThoseWhoMaySeeTheSheetButItsLearner() throws Exception {
        var matrix = matrix();
        long a = world.a().sheet().id();
        long b = world.b().sheet().id();
        for (Who who : world.people().values()) {
            for (String url : List.of("/api/v1/sheets/%d/qa-review", "/exports/reviews/%d.json",
                    "/exports/reviews/%d.pdf")) {
                matrix.check(who, url.formatted(a), except(SEE_A, LEARNER).contains(who.role()));
                neighbour(matrix, who, url.formatted(b), b, url.formatted(GUESSED),
                        except(SEE_B, OTHER_LEARNER).contains(who.role()), SEE_B);
                matrix.check(who, url.formatted(GUESSED), false);
            }
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    @Test
    void notesAreForThoseWhoMaySeeTheDiscussion() throws Exception {
        var matrix = matrix();
        long a = world.a().discussionId();
        long b = world.b().discussionId();
        String url = "/api/v1/discussions/%d/notes";
        for (Who who : world.people().values()) {
            matrix.check(who, url.formatted(a), SEE_A.contains(who.role()));
            neighbour(matrix, who, url.formatted(b), b, url.formatted(GUESSED), SEE_B.contains(who.role()), SEE_B);
            matrix.check(who, url.formatted(GUESSED), false);
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    @Test
    void livePartsAreForTheIqaWhoMarkedTheDiscussionOnly() throws Exception {
        var matrix = matrix();
        String url = "/observation/live/%d/parts";
        long a = startLiveRecording(world.a());
        long b = startLiveRecording(world.b());
        try {
            for (Who who : world.people().values()) {
                matrix.check(who, url.formatted(a), who.role().equals(IQA));
                neighbour(matrix, who, url.formatted(b), b, url.formatted(GUESSED), who.role().equals(OTHER_IQA),
                        Set.of());
                // A recording that is not live, of a discussion nobody marked.
                neighbour(matrix, who, url.formatted(world.a().recordingId()), world.a().recordingId(),
                        url.formatted(GUESSED), false, Set.of());
                matrix.check(who, url.formatted(GUESSED), false);
            }
        } finally {
            signedIn.as(world.a().team().assessor(), () -> live.finish(a, 1));
            signedIn.as(world.b().team().assessor(), () -> live.finish(b, 1));
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    /** The assessor starts recording the marked discussion live and sends its first part. */
    private long startLiveRecording(Side side) {
        return signedIn.as(side.team().assessor(), () -> {
            long id = live.start(side.liveDiscussionId()).id();
            live.part(id, 0, new ByteArrayInputStream("webm part 0".repeat(40).getBytes()));
            return id;
        });
    }

    @Test
    void packsAreForTheAdministratorAndTheEqaWhoseGrantIsInForceAndCoversTheLearner() throws Exception {
        var matrix = matrix();
        long learnerA = world.a().team().learnerId();
        long learnerB = world.b().team().learnerId();
        long grant = world.grantOf().get(EQA);
        long otherGrant = world.grantOf().get(OTHERS_EQA);
        String api = "/api/v1/eqa/grants/%d/learners/%d/pack.zip";
        String browser = "/eqa/grants/%d/learners/%d/pack.zip";
        for (Who who : world.people().values()) {
            for (String url : List.of(api, browser)) {
                matrix.check(who, url.formatted(grant, learnerA), Set.of(ADMIN, EQA).contains(who.role()));
                matrix.check(who, url.formatted(world.grantOf().get(EXPIRED_EQA), learnerA),
                        who.role().equals(ADMIN));
                matrix.check(who, url.formatted(world.grantOf().get(REVOKED_EQA), learnerA),
                        who.role().equals(ADMIN));
                matrix.check(who, url.formatted(otherGrant, learnerB), Set.of(ADMIN, OTHERS_EQA).contains(who.role()));
                // Neighbouring ids: another EQA's grant for the learner it does not cover, a learner outside the grant.
                neighbour(matrix, who, url.formatted(otherGrant, learnerA), otherGrant,
                        url.formatted(GUESSED, learnerA), false, Set.of(ADMIN, OTHERS_EQA));
                neighbour(matrix, who, url.formatted(grant, learnerB), learnerB, url.formatted(grant, GUESSED), false,
                        Set.of());
                matrix.check(who, url.formatted(GUESSED, learnerA), false);
                matrix.check(who, url.formatted(grant, GUESSED), false);
            }
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    @Test
    void noNewAddressTakesAChange() throws Exception {
        var matrix = matrix();
        Side a = world.a();
        long grant = world.grantOf().get(EQA);
        List<String> urls = List.of("/api/v1/sheets/" + a.sheet().id() + "/qa-review",
                "/exports/reviews/" + a.sheet().id() + ".json", "/exports/reviews/" + a.sheet().id() + ".pdf",
                "/api/v1/discussions/" + a.discussionId() + "/notes",
                "/observation/live/" + a.recordingId() + "/parts",
                "/eqa/grants/" + grant + "/learners/" + a.team().learnerId() + "/pack.zip",
                "/api/v1/eqa/grants/" + grant + "/learners/" + a.team().learnerId() + "/pack.zip");
        for (Who who : world.people().values()) {
            for (String url : urls) {
                for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                    matrix.checkNoChange(who, method, url);
                }
            }
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    @Test
    void thePagesShowExactlyWhatEachMaySee() throws Exception {
        var matrix = matrix();
        Side a = world.a();
        Side b = world.b();
        Set<String> iqas = Set.of(IQA, OTHER_IQA);
        Set<String> eqaPeople = Set.of(EQA, EXPIRED_EQA, REVOKED_EQA, OTHERS_EQA);
        Map<String, Set<String>> pages = new LinkedHashMap<>();
        pages.put("sampling", Set.of(ADMIN, IQA, OTHER_IQA));
        pages.put("sampling/plans", Set.of(ADMIN, IQA, OTHER_IQA));
        pages.put("observation", iqas);
        pages.put("eqa", eqaPeople);
        pages.put("admin/eqa-grants", Set.of(ADMIN));
        pages.put("review/" + a.sheet().id(), except(SEE_A, LEARNER));
        pages.put("discussions/" + a.discussionId() + "/notes", SEE_A);
        pages.put("discussions/" + a.liveDiscussionId() + "/observe", Set.of(IQA));
        // Neighbouring ids, each with its guessed twin: the other side's sheet and discussions.
        Map<String, Set<String>> neighbours = new LinkedHashMap<>();
        Map<String, Long> neighbourIds = new LinkedHashMap<>();
        neighbours.put("review/%d", except(SEE_B, OTHER_LEARNER));
        neighbourIds.put("review/%d", b.sheet().id());
        neighbours.put("discussions/%d/notes", SEE_B);
        neighbourIds.put("discussions/%d/notes", b.discussionId());
        neighbours.put("discussions/%d/observe", Set.of(OTHER_IQA));
        neighbourIds.put("discussions/%d/observe", b.liveDiscussionId());
        for (Who who : world.people().values()) {
            if (who.isAnonymous()) {
                // Anonymous has no session: every page sends them to sign in.
                List<String> paths = new java.util.ArrayList<>(pages.keySet());
                neighbourIds.forEach((page, id) -> paths.add(page.formatted(id)));
                neighbourIds.keySet().forEach(page -> paths.add(page.formatted(GUESSED)));
                for (String path : paths) {
                    openAnonymously(path);
                    if (!"sign in".equals(AccessMatrix.pageRefusal())) {
                        matrix.wrong("anonymous is not sent to sign in from /" + path + " but "
                                + AccessMatrix.pageRefusal());
                    }
                    MockVaadin.tearDown();
                }
                continue;
            }
            for (var page : pages.entrySet()) {
                openAs(who.username(), page.getKey());
                matrix.checkPage(who, page.getKey(), page.getValue().contains(who.role()), null, 0, 0);
                MockVaadin.tearDown();
            }
            for (var page : neighbours.entrySet()) {
                openAs(who.username(), page.getKey().formatted(GUESSED));
                String forGuessed = AccessMatrix.pageRefusal();
                if (forGuessed == null) {
                    matrix.wrong(who.role() + " sees /" + page.getKey().formatted(GUESSED));
                }
                MockVaadin.tearDown();
                long id = neighbourIds.get(page.getKey());
                openAs(who.username(), page.getKey().formatted(id));
                matrix.checkPage(who, page.getKey().formatted(id), page.getValue().contains(who.role()), forGuessed,
                        id, GUESSED);
                MockVaadin.tearDown();
            }
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    /**
     * The home page's quality-assurance sections (what is due for the IQA, notes waiting for the learner, actions for
     * the assessor) name only learners the person may see, and the IQA's names what is due of their assessor's learner.
     */
    @Test
    void theHomePageNamesOnlyLearnersOneMaySee() {
        var matrix = matrix();
        String nameA = displayName(world.a().team());
        String nameB = displayName(world.b().team());
        for (Who who : world.people().values()) {
            if (who.isAnonymous()) {
                continue;
            }
            openAs(who.username(), "");
            String text = com.vaadin.flow.component.UI.getCurrent().getInternals().getActiveRouterTargetsChain()
                    .stream().map(view -> view.getElement().getTextRecursively())
                    .collect(java.util.stream.Collectors.joining("\n"));
            boolean namesA = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(nameA) + "(?![0-9x])")
                    .matcher(text).find();
            boolean namesB = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(nameB) + "(?![0-9x])")
                    .matcher(text).find();
            if ((namesA && !SEE_A.contains(who.role())) || (!namesA && who.role().equals(IQA))) {
                matrix.wrong(who.role() + (namesA ? " is shown " : " is not shown ") + nameA + " on the home page: "
                        + text);
            }
            if ((namesB && !SEE_B.contains(who.role())) || (!namesB && who.role().equals(OTHER_IQA))) {
                matrix.wrong(who.role() + (namesB ? " is shown " : " is not shown ") + nameB + " on the home page");
            }
            MockVaadin.tearDown();
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    private static String displayName(Team team) {
        return "Learner " + team.learner().substring("smp-learner-".length());
    }

    @Test
    void listsShowEachOnlyTheirOwn() throws Exception {
        var matrix = matrix();
        Side a = world.a();
        for (Who who : world.people().values()) {
            if (who.isAnonymous()) {
                continue;
            }
            listed(matrix, who, "the due list holds the learner's sampled sheet", Set.of(ADMIN, IQA),
                    () -> samples.due().stream().anyMatch(d -> d.sheetId() == a.dueSheet().id()));
            listed(matrix, who, "the plans list holds the IQA's plan", Set.of(ADMIN, IQA),
                    () -> plans.plans().stream().anyMatch(p -> p.id() == a.plan().id()));
            listed(matrix, who, "the upcoming observations hold the learner's discussion", Set.of(IQA),
                    () -> observations.upcoming().stream().anyMatch(u -> u.discussion().id() == a.liveDiscussionId()));
            listed(matrix, who, "the granted evidence holds the learner's grant", Set.of(EQA),
                    () -> grants.mine().stream().anyMatch(g -> g.id() == world.grantOf().get(EQA)));
            listed(matrix, who, "the grants list holds the learner's grant", Set.of(ADMIN),
                    () -> grants.all().stream().anyMatch(g -> g.id() == world.grantOf().get(EQA)));
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    /** Whether the list, read as the person, holds the item exactly when they may see it; a refusal holds nothing. */
    private void listed(AccessMatrix matrix, Who who, String what, Set<String> allowed, Supplier<Boolean> holds)
            throws Exception {
        boolean[] found = {false};
        AccessMatrix.refusal(() -> signedIn.as(who.username(), () -> found[0] = holds.get()));
        if (found[0] != allowed.contains(who.role())) {
            matrix.wrong(who.role() + ": " + what + " is " + found[0]);
        }
    }

    @Test
    void plansByIdAreForTheirIqaAndTheAdministrator() throws Exception {
        var matrix = matrix();
        long a = world.a().plan().id();
        long b = world.b().plan().id();
        for (Who who : world.people().values()) {
            if (who.isAnonymous()) {
                continue;
            }
            Set<String> keepA = Set.of(ADMIN, IQA);
            Set<String> keepB = Set.of(ADMIN, OTHER_IQA);
            call(matrix, who, "plan " + a, keepA.contains(who.role()), () -> plans.plan(a), 0, null, Set.of());
            call(matrix, who, "plan " + b, keepB.contains(who.role()), () -> plans.plan(b), b, () -> plans.plan(GUESSED),
                    keepB);
            call(matrix, who, "draws of plan " + b, keepB.contains(who.role()), () -> plans.draws(b), b,
                    () -> plans.draws(GUESSED), keepB);
            call(matrix, who, "plan " + GUESSED, false, () -> plans.plan(GUESSED), 0, null, Set.of());
            call(matrix, who, "draw plan " + a, keepA.contains(who.role()), () -> plans.draw(a), a,
                    () -> plans.draw(GUESSED), keepA);
        }
        assertThat(matrix.wrong()).isEmpty();
    }

    @Test
    void onlyTheAssignedIqaReviewsAndMarksAndOnlyTheLearnerAuthenticates() throws Exception {
        var matrix = matrix();
        Side a = world.a();
        Side b = world.b();
        String shaA = signedIn.as("admin", () -> notes.notes(a.discussionId()).sha256());
        String shaB = signedIn.as("admin", () -> notes.notes(b.discussionId()).sha256());
        for (Who who : world.people().values()) {
            if (who.isAnonymous()) {
                continue;
            }
            call(matrix, who, "verdict on sheet " + a.sheet().id(), who.role().equals(IQA),
                    () -> reviews.recordVerdict(a.sheet().id(), a.sheet().contentHash(), "1.1", Verdict.AGREE, null),
                    0, null, Set.of());
            call(matrix, who, "verdict on sheet " + b.sheet().id(), who.role().equals(OTHER_IQA),
                    () -> reviews.recordVerdict(b.sheet().id(), b.sheet().contentHash(), "1.1", Verdict.AGREE, null),
                    b.sheet().id(), () -> reviews.recordVerdict(GUESSED, b.sheet().contentHash(), "1.1",
                            Verdict.AGREE, null), SEE_B);
            call(matrix, who, "mark discussion " + a.markableDiscussionId(), who.role().equals(IQA), () -> {
                observations.mark(a.markableDiscussionId());
                observations.unmark(a.markableDiscussionId());
                return null;
            }, a.markableDiscussionId(), () -> {
                observations.mark(GUESSED);
                return null;
            }, SEE_A);
            if (!who.role().equals(OTHER_LEARNER)) {
                call(matrix, who, "authenticate the notes of discussion " + b.discussionId(), false,
                        () -> notes.authenticate(b.discussionId(), shaB), b.discussionId(),
                        () -> notes.authenticate(GUESSED, shaB), SEE_B);
            }
        }
        // Last, as it changes the notes' state: the learner authenticates their own once, nobody else may.
        for (Who who : world.people().values()) {
            if (!who.isAnonymous() && !who.role().equals(LEARNER)) {
                call(matrix, who, "authenticate the notes of discussion " + a.discussionId(), false,
                        () -> notes.authenticate(a.discussionId(), shaA), 0, null, Set.of());
            }
        }
        Who learner = world.people().get(LEARNER);
        call(matrix, learner, "authenticate the notes of discussion " + a.discussionId(), true,
                () -> notes.authenticate(a.discussionId(), shaA), 0, null, Set.of());
        assertThat(matrix.wrong()).isEmpty();
    }

    /**
     * One service-call cell, made as the person; with a guessed twin when {@code guessed} is given and the person may
     * not see the thing at all (one who may see it may be told why they may not change it).
     */
    private void call(AccessMatrix matrix, Who who, String what, boolean allowed, Callable<?> call, long id,
            Callable<?> guessed, Set<String> seeing) throws Exception {
        matrix.checkCall(who, what, allowed, () -> signedIn.as(who.username(), call), id,
                guessed == null || seeing.contains(who.role()) ? null
                        : () -> signedIn.as(who.username(), guessed), GUESSED);
    }

    /** One cell of a neighbour's address; compared with the guessed one for those who may not see the thing. */
    private static void neighbour(AccessMatrix matrix, Who who, String url, long id, String guessedUrl,
            boolean allowed, Set<String> seeing) throws Exception {
        if (seeing.contains(who.role())) {
            matrix.check(who, url, allowed);
        } else {
            matrix.checkLikeMissing(who, url, id, guessedUrl, GUESSED, allowed);
        }
    }
}
