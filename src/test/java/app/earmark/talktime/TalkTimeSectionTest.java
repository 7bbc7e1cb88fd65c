package app.earmark.talktime;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import com.vaadin.flow.component.html.NativeTable;
import java.time.LocalTime;
import java.util.Set;
import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.grid.Grid;
import java.util.List;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The discussion page's talk-time section: share, figures and the two lanes for an analysed recording, for the learner
 * and the IQA as for the assessor; only the assessor can say which channel is whose; a mono recording says why it has
 * no figures.
 */
class TalkTimeSectionTest extends ViewTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TalkTimeStore store;
    @Autowired
    AuditTrail trail;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Tags tags;

    private long analysed(long discussion) {
        long recording = fixtures.readyRecording(discussion, ("stereo " + System.nanoTime()).getBytes(), "audio/mp4");
        TalkScript.analysed(store, discussion, recording);
        return recording;
    }

    @Test
    void theLearnerAndTheIqaSeeShareFiguresAndLanesButCannotSwapChannels() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = analysed(discussion);

        for (String who : new String[] {"learner", "iqa"}) {
            openAs(who, "discussions/" + discussion);
            assertThat(_get(Paragraph.class, spec -> spec.withId("talk-share-" + recording)).getText())
                    .isEqualTo("Talk share: learner 71 %, assessor 29 %.");
            String figures = _get(Div.class, spec -> spec.withId("talk-figures-" + recording)).getElement()
                    .getTextRecursively();
            assertThat(figures).contains("Longest assessor monologue: 3.7 s", "Assessor turns: 4",
                    "Turns that ran into a further question: 1", "(over 4 answers)",
                    "Interruptions (assessor started while the learner spoke): 1");
            Div panel = _get(Div.class, spec -> spec.withId("talk-time-" + recording));
            String lanes = _find(panel, Html.class).stream().map(Html::getInnerHtml)
                    .filter(html -> html.contains("<svg")).findFirst().orElseThrow();
            assertThat(lanes.split("<title>Assessor ", -1)).as("five assessor stretches").hasSize(6);
            assertThat(lanes.split("<title>Learner ", -1)).as("four learner stretches").hasSize(5);
            assertThat(_find(panel, Select.class)).as(who + " may not swap the channels").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void eachQuestionMarkedAskedHasItsFiguresAndWithoutOneTheAssessorIsToldHowToMarkIt() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = analysed(discussion);
        openAs("assessor", "discussions/" + discussion);
        assertThat(_get(Div.class, spec -> spec.withId("talk-time-" + recording)).getElement().getTextRecursively())
                .contains("No planned question was marked as asked in this recording.");
        openAs("learner", "discussions/" + discussion);
        assertThat(_get(Div.class, spec -> spec.withId("talk-time-" + recording)).getElement().getTextRecursively())
                .as("the hint is for the assessor").doesNotContain("No planned question");

        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        signedIn.as("assessor", () -> {
            discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                    new DiscussionPlan.Draft("How do you contract with a new client?", Set.of(ac))));
            return tags.create(recording, new TagDraft(23_000, null, Set.of(ac), null, 1));
        });
        openAs("learner", "discussions/" + discussion);
        assertThat(_get(NativeTable.class, spec -> spec.withId("talk-questions-" + recording)).getBody().getRow(0)
                .orElseThrow().getElement().getTextRecursively()).as("the plan is not shared with the learner yet")
                .startsWith("Question 1" + "0m 23s");
        signedIn.as("assessor", () -> discussions.sharePlan(discussion));
        openAs("learner", "discussions/" + discussion);
        NativeTable table = _get(NativeTable.class, spec -> spec.withId("talk-questions-" + recording));
        assertThat(table.getBody().getRowCount()).isEqualTo(1);
        assertThat(table.getBody().getRow(0).orElseThrow().getElement().getTextRecursively())
                .isEqualTo("1. How do you contract with a new client?" + "0m 23s" + "0m 41s" + "75 %" + "2.5 s" + "0"
                        + "1.3 s" + "1");
    }

    @Test
    void theAssessorSaysTheLearnerIsOnTheLeft() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = analysed(discussion);
        long seq = trail.lastSeq();

        openAs("assessor", "discussions/" + discussion);
        Select<Integer> channel = _get(Select.class, spec -> spec.withId("talk-assessor-channel-" + recording));
        assertThat(channel.getValue()).isZero();
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(channel, 1);

        assertThat(_get(Paragraph.class, spec -> spec.withId("talk-share-" + recording)).getText())
                .isEqualTo("Talk share: learner 29 %, assessor 71 %.");
        assertThat(trail.since(seq)).extracting(e -> e.get("ACTION")).contains("talk-parties-changed");
    }

    @Test
    void aMonoRecordingSaysWhyThereAreNoFigures() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, ("mono " + System.nanoTime()).getBytes(), "audio/mp4");
        store.saveAnalysis(new TalkTimeStore.Row(recording, discussion, TalkAnalysis.Status.NOT_APPLICABLE,
                "The recording has one sound channel (mono), so the voices cannot be told apart.", null, 60_000L,
                Instant.now()));

        openAs("assessor", "discussions/" + discussion);

        assertThat(_get(Div.class, spec -> spec.withId("talk-time-" + recording)).getElement().getTextRecursively())
                .contains("one sound channel (mono)");
    }

    @Test
    void theWorkspaceShowsTheSpeechLanesBeneathTheWaveform() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = analysed(discussion);

        openAs("assessor", "discussions/" + discussion + "/workspace");

        Div lanes = _get(Div.class, spec -> spec.withId("talk-lanes-" + recording));
        String svg = _find(lanes, Html.class).get(0).getInnerHtml();
        assertThat(svg).contains("Who spoke when: assessor 5 stretches of speech, learner 4");
        assertThat(svg.split("<title>Assessor ", -1)).hasSize(6);
        assertThat(svg).contains("<title>Learner 0:05–0:12</title>");
    }

    @Test
    void theIqaSeesEachAssessorsFiguresOverTimeAndALearnerMayNot() {
        long discussion = fixtures.discussionWithLearner().id();
        analysed(discussion);

        openAs("iqa", "talk-time");

        @SuppressWarnings("unchecked")
        Grid<TalkTime.Dated> grid = _get(Grid.class, spec -> spec.withId("talk-time-grid"));
        List<TalkTime.Dated> rows = GridKt._findAll(grid);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.discussion().id()).isEqualTo(discussion);
            assertThat(row.analysis().figures().learnerSharePct()).isGreaterThan(71).isLessThan(72);
        });
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("talk-time-assessor"))).isNotEmpty();

        openAs("learner", "talk-time");
        assertThat(_find(Grid.class, spec -> spec.withId("talk-time-grid"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theAssessorCombinesTwoRecordingsOnePerPersonAndTheLearnerCannot() {
        long discussion = fixtures.discussionWithLearner().id();
        long first = fixtures.readyRecording(discussion, ("first " + System.nanoTime()).getBytes(), "audio/mp4");
        long second = fixtures.readyRecording(discussion, ("second " + System.nanoTime()).getBytes(), "audio/mp4");

        openAs("learner", "discussions/" + discussion);
        assertThat(_find(com.vaadin.flow.component.details.Details.class, spec -> spec.withId("separate-tracks")))
                .isEmpty();

        openAs("assessor", "discussions/" + discussion);
        Paragraph outcome = _get(Paragraph.class, spec -> spec.withId("separate-tracks-outcome"));
        com.github.mvysny.kaributesting.v10.LocatorJ._click(_get(com.vaadin.flow.component.button.Button.class,
                spec -> spec.withId("separate-tracks-combine")));
        assertThat(outcome.getText()).isEqualTo("Choose the recording with the assessor's voice and the one with the"
                + " learner's.");
        Select<app.earmark.recordings.RecordingSummary> assessor = _get(Select.class,
                spec -> spec.withId("separate-tracks-assessor"));
        Select<app.earmark.recordings.RecordingSummary> learner = _get(Select.class,
                spec -> spec.withId("separate-tracks-learner"));
        var choices = assessor.getListDataView().getItems().toList();
        assertThat(choices).extracting(r -> r.id()).containsExactlyInAnyOrder(first, second);
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(assessor, choices.stream()
                .filter(r -> r.id() == first).findFirst().orElseThrow());
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(learner, choices.stream()
                .filter(r -> r.id() == first).findFirst().orElseThrow());
        com.github.mvysny.kaributesting.v10.LocatorJ._click(_get(com.vaadin.flow.component.button.Button.class,
                spec -> spec.withId("separate-tracks-combine")));
        assertThat(outcome.getText()).contains("two different recordings");

        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(learner, choices.stream()
                .filter(r -> r.id() == second).findFirst().orElseThrow());
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(_get(
                com.vaadin.flow.component.textfield.NumberField.class, spec -> spec.withId("separate-tracks-offset")),
                -2.5);
        long seq = trail.lastSeq();
        com.github.mvysny.kaributesting.v10.LocatorJ._click(_get(com.vaadin.flow.component.button.Button.class,
                spec -> spec.withId("separate-tracks-combine")));
        assertThat(outcome.getText()).startsWith("Combining \"talk.m4a\" (assessor, left) and \"talk.m4a\" (learner,"
                + " right)");
        assertThat(trail.since(seq)).anySatisfy(entry -> {
            assertThat(entry.get("ACTION")).isEqualTo("separate-tracks-requested");
            assertThat(entry.get("DETAILS").toString()).contains("recording " + first + " as the assessor",
                    "recording " + second + " as the learner", "2.5 s before the assessor's");
        });
        // These fixtures' originals are no sound at all: the mix worker refuses them, and that is audited.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(trail.since(seq)).anySatisfy(entry -> {
                    assertThat(entry.get("ACTION")).isEqualTo("separate-tracks-failed");
                    assertThat(entry.get("SUBJECT")).isEqualTo("discussion:" + discussion);
                }));
    }
}
