package app.earmark.talktime.ui;

import app.earmark.recordings.RecordingSummary;
import app.earmark.discussions.Discussions;
import app.earmark.talktime.PartyMixer;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkTime;
import app.earmark.workspace.WorkspaceAddition;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import java.util.Optional;

/**
 * In the tagging workspace, beneath the waveform: who spoke when over the whole recording (assessor and learner
 * lanes, on the same time line as the waveform's overview), or why a recording has no lanes.
 */
@org.springframework.stereotype.Component
class TalkLanesInWorkspace implements WorkspaceAddition {

    private final TalkTime talkTime;
    private final Discussions discussions;

    TalkLanesInWorkspace(TalkTime talkTime, Discussions discussions) {
        this.talkTime = talkTime;
        this.discussions = discussions;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Component> create(RecordingSummary recording) {
        return talkTime.forRecording(recording.id()).map(analysis -> {
            var lanes = new Div();
            lanes.setId("talk-lanes-" + recording.id());
            // Mute or solo a party, on the workspace's player (its id is "player").
            PartyMixer.of(Optional.of(analysis), discussions.get(recording.discussionId()), "player")
                    .ifPresent(lanes::add);
            if (analysis.status() == TalkAnalysis.Status.ANALYSED) {
                lanes.add(new Html("<div>" + TalkLanes.lanes(analysis) + "</div>"));
            } else {
                var why = new Paragraph("No speech lanes: " + analysis.message());
                lanes.add(why);
            }
            return lanes;
        });
    }
}
