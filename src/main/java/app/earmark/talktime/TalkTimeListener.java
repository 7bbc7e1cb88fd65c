package app.earmark.talktime;

import app.earmark.recordings.RecordingEvents.RecordingIngested;
import app.earmark.recordings.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Works out talk time as soon as a recording is ready (after ingest has committed). A failure here never touches the
 * recording: it is recorded as the analysis's outcome, for the discussion page to say.
 */
@Component
class TalkTimeListener {

    private static final Logger log = LoggerFactory.getLogger(TalkTimeListener.class);

    private final TalkTime talkTime;
    private final Recordings recordings;

    TalkTimeListener(TalkTime talkTime, Recordings recordings) {
        this.talkTime = talkTime;
        this.recordings = recordings;
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void ingested(RecordingIngested event) {
        if (!event.ready()) {
            return;
        }
        try {
            talkTime.analyse(event.recordingId());
        } catch (RuntimeException e) {
            log.error("Talk time of recording {} could not be worked out", event.recordingId(), e);
            recordings.forAnalysis(event.recordingId()).ifPresent(r -> talkTime.failed(r.id(), r.discussionId(),
                    "Talk time could not be worked out: " + e.getMessage()));
        }
    }
}
