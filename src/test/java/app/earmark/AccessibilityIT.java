package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe-core on every page each role can reach, in a real browser: no serious or critical violation, and none of
 * the rules {@link Axe#check} holds to zero. Every violation found (whatever its impact) is counted by rule in
 * {@code target/axe-report.txt}.
 */
class AccessibilityIT extends BrowserTest {

    @TempDir
    static Path media;

    /** Rule id → elements in violation, over every page visited by this class. */
    private static final Map<String, Integer> COUNTS = new TreeMap<>();
    private static final List<String> PAGES = new ArrayList<>();

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    AuditTrail trail;
    @Autowired
    app.earmark.observation.LiveObservations observations;
    @Autowired
    app.earmark.support.SignedIn signedIn;

    private final List<String> failures = new ArrayList<>();
    private long discussion;
    private long recording;

    /** A discussion of {@code assessor} with {@code learner}, its recording ready and tagged twice. */
    private void readyRecording() throws InterruptedException {
        discussion = recordings.discussionWithLearner().id();
        recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 20));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        sheets.tag(discussion, recording, 4_000, null, "Explains the purpose", "1.1");
        sheets.tag(discussion, recording, 9_000, 12_000L, null, "1.2");
    }

    @Test
    void theSignInPageAndAPageThatDoesNotExist() {
        visit("login", "/login", "vaadin-login-form");
        signInAs("learner");
        visit("not found", "/no-such-page", "#not-found");
        assertNoFailures();
    }

    @Test
    void everyPageAnAssessorReaches() throws InterruptedException {
        readyRecording();
        SheetView passReferral = sheets.freshSheet("learner", "8587-300");
        SheetView marked = sheets.freshSheet("learner2", "8580-501");
        signInAs("assessor");
        visit("assessor home", "/", "#assessor-home");
        visit("discussions", "/discussions", "#discussions-grid");
        page.locator("#new-discussion").click();
        page.locator("vaadin-dialog-overlay").waitFor();
        check("new discussion dialog");
        page.keyboard().press("Escape");
        visit("discussion", "/discussions/" + discussion, "#discussion-title");
        visit("notes (assessor)", "/discussions/" + discussion + "/notes", "#notes-items .note-item");
        visit("workspace", "/discussions/" + discussion + "/workspace", "#workspace .tag-item");
        visit("live recording", "/discussions/" + discussion + "/record", "#recorder .recorder-start");
        visit("result sheet (Pass/Referral)", sheetPath("learner", passReferral), "#sheet-form .criterion");
        visit("result sheet (marks)", sheetPath("learner2", marked), "#sheet-form .criterion");
        page.locator("#sheet-mode vaadin-radio-button").last().click();
        page.locator("#sheet-form .criterion input").first().waitFor();
        check("result sheet (marks per AC)");
        visit("playback", "/discussions/" + discussion + "/play?recording=" + recording + "&t=4.0", "#playback-media");
        visit("learner", "/learners/" + trail.userId("learner"), "#learner-name");
        visit("catalogue", "/catalogue", "#standalone-units");
        visit("unit", "/catalogue/units/8587-300", "#unit-title");
        assertNoFailures();
    }

    @Test
    void everyPageALearnerReaches() throws InterruptedException {
        readyRecording();
        SheetView signed = sheets.signedPass("learner", "8587-300");
        signInAs("learner");
        visit("learner home", "/", "#learner-home");
        visit("discussions (learner)", "/discussions", "#discussions-grid");
        visit("discussion (learner)", "/discussions/" + discussion, "#discussion-title");
        visit("notes (learner)", "/discussions/" + discussion + "/notes", "#notes-items .note-item");
        visit("signed sheet (learner)", sheetPath("learner", signed), "#sheet-status");
        visit("own page (learner)", "/learners/" + trail.userId("learner"), "#learner-name");
        assertNoFailures();
    }

    @Test
    void everyPageAnIqaAndAnEqaReach() throws InterruptedException {
        readyRecording();
        SheetView signed = sheets.signedPass("learner", "8587-300");
        signInAs("iqa");
        visit("iqa home", "/", "#iqa-home");
        visit("discussion (iqa)", "/discussions/" + discussion, "#discussion-title");
        visit("notes (iqa)", "/discussions/" + discussion + "/notes", "#notes-items .note-item");
        visit("playback (iqa)", "/discussions/" + discussion + "/play", "#playback-media");
        visit("signed sheet (iqa)", sheetPath("learner", signed), "#sheet-status");
        long observed = recordings.discussionWithLearner().id();
        signedIn.as("iqa", () -> observations.mark(observed));
        visit("discussion marked for live observation (iqa)", "/discussions/" + observed, "#observe-live");
        visit("observe live, waiting (iqa)", "/discussions/" + observed + "/observe", "#observe-waiting");
        visit("live observation list (iqa)", "/observation", "#upcoming-observations");
        visit("due for QA (iqa)", "/sampling", "#coverage");
        visit("sampling plans (iqa)", "/sampling/plans", "#plans-grid");
        page.locator("#new-plan").click();
        page.locator("#plan-form .plan-rule").first().waitFor();
        check("new sampling plan (iqa)");
        visit("qa review (iqa)", "/review/" + signed.id(), "#review-media");
        page = newContext().newPage();
        signInAs("eqa");
        visit("eqa home", "/", "#eqa-home");
        visit("granted evidence (eqa, none)", "/eqa", "#no-grants");
        assertNoFailures();
    }

    @Test
    void everyPageAnAdministratorReaches() {
        signInAs("admin");
        visit("admin home", "/", "#admin-home");
        visit("people", "/admin/people", "#people-grid");
        visit("enrolments", "/admin/enrolments", "vaadin-grid");
        visit("assignments", "/admin/assignments", "vaadin-grid");
        visit("eqa grants", "/admin/eqa-grants", "#grants");
        visit("audit trail", "/admin/audit", "#audit-grid");
        visit("due for QA (admin)", "/sampling", "#overdue-setting");
        visit("sampling plans (admin)", "/sampling/plans", "#plans-grid");
        visit("catalogue (admin)", "/catalogue", "#import-unit");
        assertNoFailures();
    }

    @Test
    void aKeyboardUserOpensADiscussionFromTheListWithEnter() throws InterruptedException {
        readyRecording();
        signInAs("assessor");
        open("/discussions");
        List<String> row = tabToFirstRow("discussions-grid");
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/discussions/\\d+$"));
        assertThat(page.locator("#discussion-title").textContent()).isEqualTo("Discussion with " + row.get(1));
    }

    @Test
    void aKeyboardUserOpensALearnerFromTheHomePageWithSpace() {
        signInAs("assessor");
        List<String> row = tabToFirstRow("assessor-home vaadin-grid");
        page.keyboard().press(" ");
        page.waitForURL(Pattern.compile(".*/learners/\\d+$"));
        assertThat(page.locator("#learner-name").textContent()).isEqualTo(row.get(0));
    }

    @Test
    void theSkipLinksTakeAKeyboardUserToTheTagBoxInTwoTabs() throws InterruptedException {
        readyRecording();
        signInAs("assessor");
        open("/discussions/" + discussion + "/workspace");
        page.locator("#workspace .tag-item").first().waitFor();
        page.keyboard().press("Tab");
        assertThat(activeText()).isEqualTo("Skip to content");
        page.keyboard().press("Enter");
        page.keyboard().press("Tab");
        assertThat(activeText()).isEqualTo("Skip to tag box");
        page.keyboard().press("Enter");
        assertThat(page.evaluate("() => document.activeElement.classList.contains('tag-prompt-input')"
                + " && !!document.activeElement.closest('#workspace')")).isEqualTo(true);
        // The tag box works from there: typing an AC tags the moment.
        page.keyboard().type("1.3");
        page.keyboard().press("Enter");
        page.locator("#workspace .tag-item").nth(2).waitFor();
    }

    @Test
    void eachAcsDecisionOnTheSheetIsNamedByItsAc() {
        SheetView passReferral = sheets.freshSheet("learner", "8587-300");
        signInAs("assessor");
        open(sheetPath("learner", passReferral));
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions()
                .setName("AC 1.1: Pass or Referral").setExact(true))).hasCount(1);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions()
                .setName("AC 1.2: Pass or Referral").setExact(true))).hasCount(1);
        SheetView marked = sheets.freshSheet("learner2", "8580-501");
        open(sheetPath("learner2", marked));
        page.locator("#sheet-mode vaadin-radio-button").first().click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions()
                .setName("AC 1.1: Marks").setExact(true))).hasCount(1);
    }

    /** Presses Tab until a body cell of the grid has the focus; returns the texts of that cell's row. */
    private List<String> tabToFirstRow(String grid) {
        page.locator("#" + grid).first().waitFor();
        for (int presses = 1; presses <= 40; presses++) {
            page.keyboard().press("Tab");
            Object row = page.evaluate("selector => { const g = document.querySelector(selector);"
                    + " const cell = g && document.activeElement === g && g.shadowRoot.activeElement;"
                    + " if (!cell || !(cell.getAttribute('part') || '').includes('body-cell')) return null;"
                    + " return [...cell.parentElement.querySelectorAll('td')].map(td =>"
                    + " td.querySelector('slot').assignedNodes().map(n => n.textContent).join('').trim()); }", "#" + grid);
            if (row != null) {
                return ((List<?>) row).stream().map(String::valueOf).toList();
            }
        }
        throw new AssertionError("40 Tab presses never reached a row of " + grid);
    }

    private String activeText() {
        return String.valueOf(page.evaluate("() => document.activeElement.textContent.trim()"));
    }

    private String sheetPath(String learner, SheetView sheet) {
        return "/learners/" + trail.userId(learner) + "/units/" + sheet.unit().id() + "/sheet";
    }

    private void visit(String name, String path, String ready) {
        open(path);
        page.locator(ready).first().waitFor();
        check(name);
    }

    /** Runs axe on the page as it is now; counts what it finds and keeps what must fail the test. */
    private void check(String name) {
        List<Rule> violations = Axe.violations(page);
        synchronized (COUNTS) {
            PAGES.add(name + ": " + violations.stream().map(r -> r.getId() + "×" + r.getNodes().size())
                    .collect(Collectors.joining(", ")));
            violations.forEach(r -> COUNTS.merge(r.getId() + " (" + r.getImpact() + ")", r.getNodes().size(),
                    Integer::sum));
        }
        try {
            Axe.check(page);
        } catch (AssertionError failed) {
            failures.add(name + ": " + failed.getMessage());
        }
    }

    private void assertNoFailures() {
        assertThat(failures).as("accessibility violations").isEmpty();
    }

    @AfterAll
    static void report() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "axe-report.txt"), "Violations by rule (elements, all pages):\n"
                + COUNTS.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n"))
                + "\n\nBy page:\n" + String.join("\n", PAGES) + "\n");
    }
}
