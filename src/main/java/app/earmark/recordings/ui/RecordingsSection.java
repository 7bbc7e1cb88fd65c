package app.earmark.recordings.ui;

import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.RecordingsProperties;
import java.util.Optional;

/**
 * On a discussion's page, first after its plan: its recordings (upload, ingest progress, playback), with removal
 * for its assessors while the evidence is not signed.
 */
@org.springframework.stereotype.Component
class RecordingsSection implements DiscussionSection {

    private final Discussions discussions;
    private final Recordings recordings;
    private final RecordingsProperties limits;

    RecordingsSection(Discussions discussions, Recordings recordings, RecordingsProperties limits) {
        this.discussions = discussions;
        this.recordings = recordings;
        this.limits = limits;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(DiscussionSummary discussion) {
        boolean mayRecord = discussions.mayRecord(discussion);
        boolean correctable = mayRecord && discussions.correctionRefusal(discussion.id()).isEmpty();
        return Optional.of(new RecordingsPanel(discussion, recordings, mayRecord, correctable,
                limits.maxUploadSize().toBytes()));
    }
}
