package app.earmark.recordings;

import app.earmark.discussions.CorrectionChecks;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A discussion cannot be deleted while one of its recordings is still being made or prepared. */
@Component
class RecordingChecks implements CorrectionChecks {

    private final RecordingRepository recordings;

    RecordingChecks(RecordingRepository recordings) {
        this.recordings = recordings;
    }

    @Override
    public Optional<String> deletionBlocked(long discussionId) {
        return recordings.findByDiscussionIdAndRemovedAtIsNullOrderByUploadedAt(discussionId).stream()
                .filter(r -> r.state().inProgress()).findFirst()
                .map(r -> "Recording " + r.id() + " of this discussion is still "
                        + r.state().label().toLowerCase(Locale.ROOT) + ": wait until it is ready or has failed, then"
                        + " delete the discussion.");
    }
}
