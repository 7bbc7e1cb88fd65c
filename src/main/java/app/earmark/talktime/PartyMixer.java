package app.earmark.talktime;

import app.earmark.discussions.DiscussionSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Optional;

/**
 * Mute or solo a party of a two-channel recording whose channels are the parties (as talk time knows them: the remote
 * room's combined recording, a stereo meeting export), for a player on the same page (the browser side is
 * {@code frontend/workspace/party-mixer.ts}: Web Audio, a gain per channel, each party to both ears).
 */
@Tag("earmark-party-mixer")
@JsModule("./workspace/party-mixer.ts")
public class PartyMixer extends Component {

    private PartyMixer(String mediaId, int assessorChannel, String assessorLabel, String learnerLabel) {
        getElement().setAttribute("for", mediaId);
        getElement().setAttribute("assessor-channel", String.valueOf(assessorChannel));
        getElement().setAttribute("assessor-label", assessorLabel);
        getElement().setAttribute("learner-label", learnerLabel);
        setId("party-mixer");
    }

    /**
     * The mixer for a recording talk time has assigned a party to each channel of, or none.
     *
     * @param mediaId the id of the page's media element playing the recording
     */
    public static Optional<PartyMixer> of(Optional<TalkAnalysis> analysis, DiscussionSummary discussion,
            String mediaId) {
        return forChannel(analysis.map(TalkAnalysis::assessorChannel), discussion, mediaId);
    }

    /**
     * The mixer for a recording whose assessor's channel talk time knows ({@link TalkTime#assessorChannel}), or none.
     *
     * @param mediaId the id of the page's media element playing the recording
     */
    public static Optional<PartyMixer> forChannel(Optional<Integer> assessorChannel, DiscussionSummary discussion,
            String mediaId) {
        return assessorChannel.map(channel -> new PartyMixer(mediaId, channel,
                discussion.assessor().displayName() + " (assessor)",
                discussion.learner().displayName() + " (learner)"));
    }
}
