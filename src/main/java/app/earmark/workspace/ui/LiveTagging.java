package app.earmark.workspace.ui;

import app.earmark.discussions.Discussions;
import app.earmark.security.AccessRefusedException;
import org.springframework.stereotype.Component;

/**
 * Live tagging on another module's page, exactly as the live recorder tags (the same AC box, keys, plan panel and
 * reaction delay, from {@code frontend/tagging/*}): the remote room lets the assessor tag their own track while the
 * call runs. What the page's tagging needs comes from here, in the JSON the tagging components read
 * (docs/workspace.md), and its tags go to the workspace's usual tag requests ({@link TagRequests}), where {@code Tags}
 * checks who may tag, the ACs and the time as for any tag.
 */
@Component
public class LiveTagging {

    /**
     * What a tagging component shows: the ACs with the keys an assessor types ({@code criteria-json}), the planned
     * questions ({@code plan-json}) and the default reaction delay ({@code reaction-delay-ms}).
     */
    public record Setup(String criteriaJson, String planJson, long reactionDelayMs) {
    }

    /** Where one page sends the tags of one recording ({@code tagsUrl}) and their changes ({@code changeUrl}/id). */
    public record Urls(String tagsUrl, String changeUrl) {
    }

    private final Discussions discussions;
    private final WorkspaceProperties workspace;

    LiveTagging(Discussions discussions, WorkspaceProperties workspace) {
        this.discussions = discussions;
        this.workspace = workspace;
    }

    /**
     * The tagging setup of a discussion, for someone who may record (and so tag) it.
     *
     * @throws AccessRefusedException for anyone else
     */
    public Setup setup(long discussionId) {
        discussions.requireMayRecord(discussionId);
        return new Setup(TaggingJson.criteria(discussions.criteria(discussionId)),
                TaggingJson.plan(discussions.plan(discussionId)), workspace.reactionDelay().toMillis());
    }

    /** Fresh addresses (naming a new page) for the tags of a recording. */
    public Urls urls(long recordingId) {
        String page = TagRequests.newPage();
        return new Urls(TagRequests.createUrl(page, recordingId), TagRequests.changeUrl(page));
    }
}
