package app.earmark.eqa;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.people.PersonRef;
import app.earmark.support.AccessMatrix;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who reaches what of a learner's evidence once EQAs have grants: every role and EQA state against the new pack URL
 * (with guessed and neighbouring ids), the existing API, media and export URLs, and the pages, through MockMvc and
 * the real views. Exactly the allowed cells succeed.
 */
class EqaAccessMatrixTest extends ViewTest {

    static final String PASSWORD = EvidencePacksTest.PASSWORD;

    @Autowired
    EqaFixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;

    /** The learner, another learner, their evidence, the EQAs and their grants: made once for the class. */
    record World(PersonRef learner, PersonRef other, EqaFixtures.Evidence evidence, EqaFixtures.Evidence otherEvidence,
            Map<String, Long> grantOf, Map<String, String> username) {
    }

    static World world;

    /** The fixtures that made the world, to take its learners off the demo assessor once every test has run. */
    private static EqaFixtures madeBy;

    @AfterAll
    static void learnersOffTheDemoAssessor() {
        if (madeBy != null) {
            madeBy.unassignLearners();
        }
    }

    @BeforeEach
    void makeTheWorldOnce() throws InterruptedException {
        if (world != null) {
            return;
        }
        madeBy = fixtures;
        PersonRef learner = fixtures.learner();
        PersonRef other = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        var otherEvidence = fixtures.evidence(other, "8587-301", LocalDate.of(2026, 3, 14));
        PersonRef withGrant = fixtures.eqa();
        PersonRef expired = fixtures.eqa();
        PersonRef revoked = fixtures.eqa();
        PersonRef forOther = fixtures.eqa();
        GrantView grant = fixtures.grantLearners(withGrant, learner);
        GrantView ending = fixtures.grantEndingIn(expired, Duration.ofMillis(1200), learner);
        GrantView toRevoke = fixtures.grantLearners(revoked, learner);
        GrantView otherGrant = fixtures.grantLearners(forOther, other);
        fixtures.revoke(toRevoke);
        Thread.sleep(1500);
        Map<String, String> username = new LinkedHashMap<>();
        username.put("administrator", "admin");
        username.put("assessor", "assessor");
        username.put("learner", learner.username());
        username.put("another learner", other.username());
        username.put("IQA", "iqa");
        username.put("EQA with a grant", withGrant.username());
        username.put("EQA with an expired grant", expired.username());
        username.put("EQA with a revoked grant", revoked.username());
        username.put("EQA with a grant for another learner", forOther.username());
        username.put("anonymous", null);
        Map<String, Long> grantOf = new LinkedHashMap<>();
        grantOf.put("EQA with a grant", grant.id());
        grantOf.put("EQA with an expired grant", ending.id());
        grantOf.put("EQA with a revoked grant", toRevoke.id());
        grantOf.put("EQA with a grant for another learner", otherGrant.id());
        world = new World(learner, other, evidence, otherEvidence, grantOf, username);
    }

    private static final Set<String> SEE_THE_LEARNER = Set.of("administrator", "assessor", "learner", "IQA",
            "EQA with a grant");
    private static final Set<String> SEE_THE_OTHER = Set.of("administrator", "assessor", "another learner", "IQA",
            "EQA with a grant for another learner");

    @Test
    void thePackUrlIsForTheAdministratorAndTheEqaWithTheGrantOnly() throws Exception {
        long grant = world.grantOf().get("EQA with a grant");
        List<String> wrong = new ArrayList<>();
        for (String who : world.username().keySet()) {
            long own = world.grantOf().getOrDefault(who, grant);
            check(wrong, who, "/api/v1/eqa/grants/" + own + "/learners/" + world.learner().id() + "/pack.zip",
                    Set.of("administrator", "EQA with a grant"));
            check(wrong, who, "/eqa/grants/" + own + "/learners/" + world.learner().id() + "/pack.zip",
                    Set.of("administrator", "EQA with a grant"));
            // Guessed and neighbouring ids: no grant, another EQA's grant, a learner outside the grant.
            check(wrong, who, "/api/v1/eqa/grants/99999999/learners/" + world.learner().id() + "/pack.zip", Set.of());
            check(wrong, who, "/api/v1/eqa/grants/" + (grant + 1) + "/learners/" + world.learner().id() + "/pack.zip",
                    Set.of("administrator"));
            check(wrong, who, "/api/v1/eqa/grants/" + grant + "/learners/" + world.other().id() + "/pack.zip",
                    Set.of());
            check(wrong, who, "/api/v1/eqa/grants/" + grant + "/learners/" + (world.learner().id() + 1) + "/pack.zip",
                    Set.of());
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theLearnersRecordingsSheetsAndMapsAreForExactlyThoseWhoMaySeeThem() throws Exception {
        var e = world.evidence();
        var o = world.otherEvidence();
        List<String> wrong = new ArrayList<>();
        for (String who : world.username().keySet()) {
            check(wrong, who, "/api/v1/learners/" + world.learner().id(), SEE_THE_LEARNER);
            check(wrong, who, "/api/v1/discussions/" + e.discussionId(), SEE_THE_LEARNER);
            check(wrong, who, "/api/v1/recordings/" + e.recordingId() + "/rendition", SEE_THE_LEARNER);
            check(wrong, who, "/media/recordings/" + e.recordingId() + "/rendition", SEE_THE_LEARNER);
            check(wrong, who, "/api/v1/sheets/" + e.sheetId() + "/pdf", SEE_THE_LEARNER);
            check(wrong, who, "/exports/sheets/" + e.sheetId() + ".pdf", SEE_THE_LEARNER);
            check(wrong, who, "/exports/discussions/" + e.discussionId() + "/ac-map.csv", SEE_THE_LEARNER);
            check(wrong, who, "/api/v1/discussions/" + e.discussionId() + "/ac-map?format=json", SEE_THE_LEARNER);
            // The neighbour's evidence.
            check(wrong, who, "/api/v1/discussions/" + o.discussionId(), SEE_THE_OTHER);
            check(wrong, who, "/media/recordings/" + o.recordingId() + "/rendition", SEE_THE_OTHER);
            check(wrong, who, "/exports/sheets/" + o.sheetId() + ".pdf", SEE_THE_OTHER);
            // Guessed ids.
            check(wrong, who, "/api/v1/discussions/99999999", Set.of());
            check(wrong, who, "/media/recordings/99999999/rendition", Set.of());
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void thePagesShowExactlyWhatEachMaySee() {
        var e = world.evidence();
        Map<String, Set<String>> pages = new LinkedHashMap<>();
        pages.put("eqa", Set.of("EQA with a grant", "EQA with an expired grant", "EQA with a revoked grant",
                "EQA with a grant for another learner"));
        pages.put("admin/eqa-grants", Set.of("administrator"));
        pages.put("learners/" + world.learner().id(), SEE_THE_LEARNER);
        pages.put("discussions/" + e.discussionId(), SEE_THE_LEARNER);
        pages.put("discussions/" + e.discussionId() + "/play", SEE_THE_LEARNER);
        pages.put("learners/" + world.learner().id() + "/units/" + e.unitId() + "/sheet", SEE_THE_LEARNER);
        pages.put("discussions/" + world.otherEvidence().discussionId(), SEE_THE_OTHER);
        List<String> wrong = new ArrayList<>();
        for (String who : world.username().keySet()) {
            if (who.equals("anonymous")) {
                continue; // Pages need a session: the browser tests show the sign-in page for them.
            }
            for (var page : pages.entrySet()) {
                openAs(world.username().get(who), page.getKey());
                boolean shown = !AccessMatrix.refusedPage();
                if (shown != page.getValue().contains(who)) {
                    wrong.add(who + " " + (shown ? "sees" : "is refused") + " /" + page.getKey());
                }
                com.github.mvysny.kaributesting.v10.MockVaadin.tearDown();
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anEqaWhoseGrantEndedIsToldSoOnTheirPage() {
        openAs(world.username().get("EQA with an expired grant"), "eqa");
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._get(Paragraph.class, spec -> spec.withId("no-grants"))
                .getText()).startsWith("You have no access in force.");
    }

    private void check(List<String> wrong, String who, String url, Set<String> allowed) throws Exception {
        String username = world.username().get(who);
        var matrix = new AccessMatrix(mvc, accounts);
        matrix.check(username == null ? AccessMatrix.Who.anonymous() : new AccessMatrix.Who(who, username,
                username.contains(".") ? PASSWORD : "demo"), url, allowed.contains(who));
        wrong.addAll(matrix.wrong());
    }
}
