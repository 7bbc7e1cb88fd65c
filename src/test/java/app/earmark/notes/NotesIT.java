package app.earmark.notes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.support.AuditTrail;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: the learner authenticates the notes of a tagged discussion; a changed tag voids that on the
 * learner's and the assessor's pages and asks the learner again; the learner disputes one item; the assessor
 * resolves the dispute; the IQA sees it.
 */
class NotesIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private long discussion;
    private List<AssessedCriterion> criteria;
    private TagView contract;
    private TagView grow;

    @BeforeEach
    void taggedRecording() throws InterruptedException {
        discussion = recordings.discussionWithLearner().id();
        long recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        criteria = signedIn.as("assessor", () -> discussions.criteria(discussion));
        contract = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(12_000, null,
                Set.of(criteria.get(0).id()), "Explains the coaching contract")));
        grow = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(20_000, null,
                Set.of(criteria.get(1).id()), "Uses GROW with an example")));
    }

    private String notesPath() {
        return "/discussions/" + discussion + "/notes";
    }

    private Locator learnerNotesItem() {
        return page.locator("#learner-notes .learner-notes-item[data-discussion-id='" + discussion + "']");
    }

    @Test
    void theLearnerAuthenticatesIsAskedAgainAfterAChangeDisputesAnItemAndTheAssessorResolvesIt() {
        signInAs("learner");
        open("/learners/" + trail.userId("learner"));
        assertThat(learnerNotesItem()).hasAttribute("data-state", "NOT_AUTHENTICATED");
        learnerNotesItem().locator("a").click();
        page.waitForURL("**" + notesPath());
        assertThat(page.locator("#notes-items .note-item")).hasCount(2);
        assertThat(page.locator("#notes-items")).containsText("Uses GROW with an example");

        // The time counter plays the recording from its moment, in the page's player.
        page.locator(".note-item[data-tag-id='" + grow.id() + "'] .note-play").click();
        page.waitForFunction("() => { const m = document.querySelector('#notes-recordings audio');"
                + " return m && m.currentTime >= 19.5; }");
        double at = ((Number) page.evaluate("() => document.querySelector('#notes-recordings audio').currentTime"))
                .doubleValue();
        assertThat(at).isBetween(19.5, 22.0);

        page.locator("#authenticate-notes").click();
        assertThat(page.locator("#notes-status")).hasAttribute("data-state", "AUTHENTICATED");
        assertThat(page.locator("#notes-authenticated")).containsText("Authenticated as a true record by learner");
        assertThat(page.locator("#authenticate-notes")).hasCount(0);

        signedIn.as("assessor", () -> tags.update(contract.id(), contract.version(), new TagDraft(12_000, null,
                Set.of(criteria.get(0).id()), "Explains part of the coaching contract")));

        open("/learners/" + trail.userId("learner"));
        assertThat(learnerNotesItem()).hasAttribute("data-state", "CHANGED");
        assertThat(learnerNotesItem().locator(".notes-changed"))
                .containsText("Notes changed since you authenticated them");
        open(notesPath());
        assertThat(page.locator("#notes-void")).containsText("is void. Void since");
        assertThat(page.locator("#notes-void")).containsText("Tag " + contract.id() + " was changed by assessor");
        assertThat(page.locator("#notes-changed")).hasText("The notes changed since you authenticated them: read them"
                + " again, then authenticate or dispute them.");
        assertThat(page.locator("#authenticate-notes")).isVisible();
        assertThat(page.locator(".notes-authentication[data-void=true]")).hasCount(1);

        // A dispute with no item chosen is refused, saying so.
        page.locator("#dispute-comment textarea").fill("The GROW example came later.");
        page.locator("#dispute-notes").click();
        assertThat(page.locator("#notes-message")).hasText("Choose at least one item of the notes that you dispute.");
        assertThat(page.locator("#notes-disputes .notes-dispute")).hasCount(0);

        page.locator(".note-item[data-tag-id='" + grow.id() + "'] vaadin-checkbox input").check();
        page.locator("#dispute-comment textarea").fill("The GROW example came later, at about 0m 25s.");
        page.locator("#dispute-notes").click();
        Locator dispute = page.locator("#notes-disputes .notes-dispute");
        assertThat(dispute).hasCount(1);
        assertThat(dispute).hasAttribute("data-resolved", "false");
        assertThat(dispute.locator(".dispute-comment")).containsText("The GROW example came later, at about 0m 25s.");
        assertThat(dispute.locator(".dispute-items")).containsText("Tag " + grow.id() + ": 0m 20s");
        assertThat(page.locator("#notes-message")).hasText("");
        String disputeId = dispute.getAttribute("data-dispute-id");

        Page assessor = newContext().newPage();
        signInAs(assessor, "assessor");
        assessor.navigate(url("/discussions/" + discussion));
        Locator section = assessor.locator("#discussion-notes");
        assertThat(section.locator("#notes-void")).containsText("Tag " + contract.id() + " was changed by assessor");
        assertThat(section.locator(".notes-dispute")).containsText("The GROW example came later");
        section.locator("#open-notes").click();
        assessor.waitForURL("**" + notesPath());
        assertThat(assessor.locator("#authenticate-notes")).hasCount(0);
        assessor.locator("#resolve-comment-" + disputeId + " textarea").fill("Moved the tag to 0m 25s.");
        Axe.check(assessor);
        assessor.locator("#resolve-" + disputeId).click();
        assertThat(assessor.locator(".notes-dispute")).hasAttribute("data-resolved", "true");
        assertThat(assessor.locator(".notes-dispute .dispute-resolution"))
                .containsText("Resolved by assessor on");
        assertThat(assessor.locator(".notes-dispute .dispute-resolution")).containsText("Moved the tag to 0m 25s.");

        Page iqa = newContext().newPage();
        signInAs(iqa, "iqa");
        iqa.navigate(url("/discussions/" + discussion));
        Locator seen = iqa.locator("#discussion-notes .notes-dispute");
        assertThat(seen).containsText("The GROW example came later, at about 0m 25s.");
        assertThat(seen.locator(".dispute-resolution")).containsText("Moved the tag to 0m 25s.");
        iqa.navigate(url(notesPath()));
        assertThat(iqa.locator(".notes-dispute")).hasCount(1);
        assertThat(iqa.locator("#resolve-" + disputeId)).hasCount(0);
        assertThat(iqa.locator("#dispute-notes")).hasCount(0);

        assertThat(trail.since(0).stream().filter(e -> ("discussion:" + discussion + " dispute:" + disputeId)
                .equals(e.get("subject"))).map(e -> e.get("action")).toList())
                .containsExactly("notes-disputed", "notes-dispute-resolved");
    }

    @Test
    void notesChangedAfterThePageShowedThemAreNotAuthenticatedAndTheLearnerIsToldWhy() {
        signInAs("learner");
        open(notesPath());
        assertThat(page.locator("#notes-items .note-item")).hasCount(2);
        signedIn.as("assessor", () -> tags.update(grow.id(), grow.version(), new TagDraft(22_000, null,
                Set.of(criteria.get(1).id()), "Uses GROW with an example")));

        page.locator("#authenticate-notes").click();

        assertThat(page.locator("#notes-message")).hasText("The notes changed after they were shown to you, so your"
                + " authentication was not saved. The page now shows the notes as they are: read them again, then"
                + " authenticate or dispute them.");
        assertThat(page.locator("#notes-status")).hasAttribute("data-state", "NOT_AUTHENTICATED");
        assertThat(page.locator("#notes-items")).containsText("0m 22s");
        page.locator("#authenticate-notes").click();
        assertThat(page.locator("#notes-status")).hasAttribute("data-state", "AUTHENTICATED");

        // Another learner and an assessor of other learners get the page of an id that does not exist.
        for (String outsider : new String[] {"learner2", "assessor2"}) {
            Page other = newContext().newPage();
            signInAs(other, outsider);
            other.navigate(url(notesPath()));
            assertThat(other.locator("#access-refused")).hasText("You may not see discussion " + discussion + ".");
            assertThat(other.locator("#notes-items")).hasCount(0);
            other.navigate(url("/discussions/" + Long.MAX_VALUE + "/notes"));
            assertThat(other.locator("#access-refused")).hasText("You may not see discussion " + Long.MAX_VALUE + ".");
        }
    }
}
