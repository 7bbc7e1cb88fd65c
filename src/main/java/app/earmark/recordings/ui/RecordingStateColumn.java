package app.earmark.recordings.ui;

import app.earmark.discussions.DiscussionColumn;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In the discussions list: the state of each discussion's latest recording, or "None yet". */
@org.springframework.stereotype.Component
class RecordingStateColumn implements DiscussionColumn {

    private final Recordings recordings;

    RecordingStateColumn(Recordings recordings) {
        this.recordings = recordings;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public String header() {
        return "Recording";
    }

    @Override
    public Map<Long, String> values(List<DiscussionSummary> discussions) {
        Map<Long, List<RecordingSummary>> byDiscussion = recordings.forDiscussions(discussions);
        Map<Long, String> values = new HashMap<>();
        for (DiscussionSummary discussion : discussions) {
            List<RecordingSummary> found = byDiscussion.getOrDefault(discussion.id(), List.of());
            values.put(discussion.id(), found.isEmpty() ? "None yet" : found.get(found.size() - 1).state().label());
        }
        return values;
    }
}
