package app.earmark.sheets.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.sheets.Evidence;
import app.earmark.sheets.EvidenceKind;
import app.earmark.sheets.EvidenceView;
import app.earmark.sheets.SheetFixtures;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The evidence record on a discussion's page: links to the AC map's exports and to the recording with chapters, the
 * assessor attaching the map as it is now, and every attached file listed with its SHA-256.
 */
class DiscussionEvidenceSectionTest extends ViewTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    Evidence evidence;
    @Autowired
    SignedIn signedIn;

    private static Component section() {
        return _get(Component.class, spec -> spec.withId("discussion-evidence"));
    }

    @Test
    void theAssessorAttachesTheAcMapAndEveryFileIsListedWithItsHash() {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 115_000, null, "Rationale", "1.1");

        openAs("assessor", "discussions/" + discussion);
        List<String> links = _find(section(), Anchor.class).stream().map(Anchor::getHref).toList();
        assertThat(links).contains("/exports/discussions/" + discussion + "/ac-map.csv",
                "/exports/discussions/" + discussion + "/ac-map.json",
                "/exports/discussions/" + discussion + "/ac-map.vtt?recording=" + recording,
                "/exports/discussions/" + discussion + "/chaptered?recording=" + recording);
        assertThat(section().getElement().getTextRecursively()).contains("Nothing is attached to this discussion yet.");

        _click(_get(Button.class, spec -> spec.withId("attach-ac-map")));

        List<EvidenceView> attached = signedIn.as("assessor", () -> evidence.forDiscussion(discussion));
        assertThat(attached).extracting(EvidenceView::kind).containsExactlyInAnyOrder(EvidenceKind.AC_MAP_VTT,
                EvidenceKind.AC_MAP_CSV, EvidenceKind.AC_MAP_JSON);
        List<ListItem> rows = _find(section(), ListItem.class, spec -> spec.withClasses("evidence-file"));
        assertThat(rows).hasSize(3);
        for (EvidenceView file : attached) {
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.getElement().getTextRecursively()).contains(file.fileName(), file.sha256(), "assessor");
                assertThat(_get(row, Anchor.class).getHref()).isEqualTo("/exports/evidence/" + file.id());
            });
        }

        // The same map again is not attached twice; a changed map is.
        _click(_get(Button.class, spec -> spec.withId("attach-ac-map")));
        assertThat(signedIn.as("assessor", () -> evidence.forDiscussion(discussion))).hasSize(3);
        fixtures.tag(discussion, recording, 300_000, null, null, "1.2");
        _click(_get(Button.class, spec -> spec.withId("attach-ac-map")));
        assertThat(signedIn.as("assessor", () -> evidence.forDiscussion(discussion))).hasSize(6);
    }

    @Test
    void theLearnerSeesTheRecordButCannotAttach() {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 5_000, null, null, "1.2");

        openAs("learner", "discussions/" + discussion);
        assertThat(section().getElement().getTextRecursively()).contains("Evidence record", "AC map as CSV");
        _assertNone(section(), Button.class, spec -> spec.withId("attach-ac-map"));
        _assertNone(section(), Button.class, spec -> spec.withId("attach-chaptered-" + recording));
    }

    @Test
    void attachingTheRecordingWithChaptersIsTheAssessorsOwnButton() {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 5_000, null, null, "1.2");

        openAs("assessor", "discussions/" + discussion);
        assertThat(_get(section(), Button.class, spec -> spec.withId("attach-chaptered-" + recording)).getText())
                .startsWith("Attach ").endsWith(" with the AC map as chapters");
        openAs("iqa", "discussions/" + discussion);
        _assertNone(section(), Button.class, spec -> spec.withId("attach-chaptered-" + recording));
    }
}
