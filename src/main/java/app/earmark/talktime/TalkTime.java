package app.earmark.talktime;

import app.earmark.recordings.ChannelLevels;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.security.CurrentUser;
import app.earmark.talktime.TalkTimeEvents.TalkPartiesChanged;
import app.earmark.talktime.TalkTimeEvents.TalkTimeAnalysed;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Talk-time analyses of recordings: worked out when a recording becomes ready, read by whoever may see the
 * recording (the recordings service refuses everyone else, and records the refusal), and the choice of which channel
 * is whose, by whoever may record the discussion.
 */
@Service
@Transactional(readOnly = true)
public class TalkTime {

    /** Channel 0 (left) is the assessor unless someone says otherwise: what meeting tools' stereo exports tend to do. */
    static final int DEFAULT_ASSESSOR_CHANNEL = 0;

    private final TalkTimeStore store;
    private final Recordings recordings;
    private final Discussions discussions;
    private final CurrentUser currentUser;
    private final Tags tags;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VoiceActivity detector = new VoiceActivity(VoiceActivity.Settings.DEFAULT);

    TalkTime(TalkTimeStore store, Recordings recordings, Discussions discussions, CurrentUser currentUser,
            Tags tags, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.recordings = recordings;
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The analysis of a recording, if it has one yet.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the recording
     */
    public Optional<TalkAnalysis> forRecording(long recordingId) {
        recordings.get(recordingId);
        return load(recordingId);
    }

    /**
     * Which channel of a recording is the assessor's, if talk time has assigned a party to each channel (for a page
     * that only mutes or solos a party, without the whole analysis).
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the recording
     */
    public Optional<Integer> assessorChannel(long recordingId) {
        recordings.get(recordingId);
        return store.assessorChannel(recordingId);
    }

    /** The analyses of a discussion's recordings (those that have one), for whoever may see the discussion. */
    public List<TalkAnalysis> forDiscussion(long discussionId) {
        List<RecordingSummary> all = recordings.forDiscussion(discussionId);
        Map<Long, TalkTimeStore.Loaded> loaded = store.analysesOf(all.stream().map(RecordingSummary::id).toList());
        return all.stream().map(r -> loaded.get(r.id())).filter(java.util.Objects::nonNull).map(TalkTime::analysis)
                .toList();
    }

    /**
     * The figures of each planned question the assessor marked as asked in an analysed recording (a tag made with
     * the question's "Tag all"; the first such tag of a question is where it was asked), in the order they were
     * asked; empty when the recording has no figures or no question was marked.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the recording
     */
    public List<QuestionFigures> byQuestion(TalkAnalysis analysis) {
        if (analysis.figures() == null) {
            return List.of();
        }
        Map<Integer, Long> asked = new HashMap<>();
        for (TagView tag : tags.forRecording(analysis.recordingId())) {
            if (tag.questionPosition() != null) {
                asked.merge(tag.questionPosition(), tag.startMs(), Math::min);
            }
        }
        if (asked.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> texts = new HashMap<>();
        discussions.plan(analysis.discussionId()).questions().forEach(q -> texts.put(q.position(), q.text()));
        List<Map.Entry<Integer, Long>> starts = asked.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<QuestionFigures> figures = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            long from = starts.get(i).getValue();
            long to = i + 1 < starts.size() ? starts.get(i + 1).getValue() : Math.max(from, analysis.durationMs());
            int position = starts.get(i).getKey();
            figures.add(new QuestionFigures(position, texts.get(position), from, to,
                    TalkFigures.within(analysis.assessor(), analysis.learner(), from, to)));
        }
        return figures;
    }

    /** A discussion's analysed recording, for the figures over time. */
    public record Dated(DiscussionSummary discussion, TalkAnalysis analysis) {
    }

    /**
     * Every analysed recording (with figures) of the discussions the signed-in person may see, by assessor and then
     * date: a centre's IQA or administrator sees each assessor's figures over time, an assessor their own.
     */
    public List<Dated> overTime() {
        List<DiscussionSummary> visible = discussions.visible();
        Map<Long, List<RecordingSummary>> byDiscussion = recordings.forDiscussions(visible);
        // Every analysis with its tracks and segments in three queries, not three per recording.
        Map<Long, TalkTimeStore.Loaded> loaded = store.analysesOf(byDiscussion.values().stream()
                .flatMap(List::stream).map(RecordingSummary::id).toList());
        List<Dated> rows = new ArrayList<>();
        for (DiscussionSummary discussion : visible) {
            for (RecordingSummary recording : byDiscussion.getOrDefault(discussion.id(), List.of())) {
                Optional.ofNullable(loaded.get(recording.id())).map(TalkTime::analysis)
                        .filter(a -> a.figures() != null).ifPresent(a -> rows.add(new Dated(discussion, a)));
            }
        }
        rows.sort(Comparator.comparing((Dated d) -> d.discussion().assessor() == null ? ""
                : d.discussion().assessor().displayName())
                .thenComparing(d -> d.discussion().heldOn()).thenComparing(d -> d.analysis().recordingId()));
        return rows;
    }

    /**
     * Says which channel of a two-channel recording is the assessor's (the other becomes the learner's); by whoever
     * may record the discussion, and audited.
     */
    @Transactional
    public TalkAnalysis assignAssessorChannel(long recordingId, int assessorChannel) {
        RecordingSummary recording = recordings.get(recordingId);
        discussions.requireMayRecord(recording.discussionId());
        if (assessorChannel != 0 && assessorChannel != 1) {
            throw new TalkTimeException("A two-channel recording has channels 0 (left) and 1 (right), not "
                    + assessorChannel + ".");
        }
        List<TalkTimeStore.Track> tracks = store.tracks(recordingId);
        if (tracks.size() != 2 || tracks.stream().anyMatch(t -> t.channel() == null)) {
            throw new TalkTimeException("Recording " + recordingId + " has no two channels to assign: "
                    + load(recordingId).map(TalkAnalysis::message).orElse("it has not been analysed yet") + "");
        }
        String actor = currentUser.actorName();
        Instant now = clock.instant();
        for (TalkTimeStore.Track track : tracks) {
            store.assign(track.id(), track.channel() == assessorChannel ? Party.ASSESSOR : Party.LEARNER, actor, now);
        }
        events.publishEvent(new TalkPartiesChanged(actor, recording.discussionId(), recordingId, assessorChannel));
        return load(recordingId).orElseThrow();
    }

    /**
     * Works out talk time for a ready recording (Earmark itself, after ingest; nobody signed in): finds each channel's
     * speech and keeps who is whom from an earlier analysis. A recording without one party per channel gets an
     * analysis that says why there are no figures.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public TalkAnalysis analyse(long recordingId) {
        RecordingSummary recording = recordings.forAnalysis(recordingId)
                .orElseThrow(() -> new TalkTimeException("There is no recording " + recordingId + " to analyse."));
        Optional<ChannelLevels> levels = recordings.channelLevels(recordingId);
        Instant now = clock.instant();
        TalkAnalysis.Status status;
        String message;
        if (levels.isEmpty() || detector.sameSound(levels.get().levels())) {
            status = TalkAnalysis.Status.NOT_APPLICABLE;
            message = levels.isEmpty() ? whyNot(recording) : SAME_SOUND;
            store.saveAnalysis(new TalkTimeStore.Row(recordingId, recording.discussionId(), status, message, null,
                    recording.durationMillis(), now));
        } else {
            ChannelLevels channelLevels = levels.get();
            List<List<Segment>> speech = detector.detect(channelLevels.levels(), channelLevels.frameMs());
            List<TalkTimeStore.Track> tracks = store.tracks(recordingId);
            if (tracks.isEmpty()) {
                for (int c = 0; c < 2; c++) {
                    store.insertTrack(recordingId, c, c == DEFAULT_ASSESSOR_CHANNEL ? Party.ASSESSOR : Party.LEARNER);
                }
                tracks = store.tracks(recordingId);
            }
            for (TalkTimeStore.Track track : tracks) {
                store.replaceSegments(track.id(), speech.get(track.channel()));
            }
            status = TalkAnalysis.Status.ANALYSED;
            message = null;
            store.saveAnalysis(new TalkTimeStore.Row(recordingId, recording.discussionId(), status, null,
                    channelLevels.frameMs(), (long) channelLevels.frames() * channelLevels.frameMs(), now));
        }
        TalkAnalysis analysis = load(recordingId).orElseThrow();
        events.publishEvent(new TalkTimeAnalysed(recording.discussionId(), recordingId, status,
                analysis.figures() == null ? message : summary(analysis.figures())));
        return analysis;
    }

    /** Records that analysis failed, with the reason (in a transaction of its own). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(long recordingId, long discussionId, String reason) {
        store.saveAnalysis(new TalkTimeStore.Row(recordingId, discussionId, TalkAnalysis.Status.FAILED, reason, null,
                null, clock.instant()));
    }

    static final String SAME_SOUND = "The recording's two channels carry the same sound (a mono recording saved as"
            + " stereo, or both voices mixed into both channels), so the assessor's and the learner's voices cannot be"
            + " told apart: talk time needs one party per channel.";

    static String whyNot(RecordingSummary recording) {
        Integer channels = recording.audioChannels();
        if (channels == null) {
            return "The recording has no sound track, so there is no talk time to measure.";
        }
        if (channels == 1) {
            return "The recording has one sound channel (mono), so the assessor's and the learner's voices cannot be"
                    + " told apart: talk time needs one party per channel, as in a stereo meeting export with the"
                    + " assessor on one side and the learner on the other.";
        }
        if (channels == 2) {
            return "The recording's two channels were not measured when it was prepared (it was ingested before talk"
                    + " time existed); preparing it again would measure them.";
        }
        return "The recording has " + channels + " sound channels; talk time needs exactly two, one per party.";
    }

    static String summary(TalkFigures f) {
        return String.format(Locale.ROOT, "assessor %s, learner %s, longest assessor monologue %.1f s, %d run-on"
                + " turns, median answer pause %s, %d interruptions", pct(f.assessorSharePct()),
                pct(f.learnerSharePct()), f.longestMonologueMs() / 1000.0, f.runOnTurns(),
                f.medianAnswerPauseMs() == null ? "none" : String.format(Locale.ROOT, "%.1f s",
                        f.medianAnswerPauseMs() / 1000.0), f.interruptions());
    }

    private static String pct(Double value) {
        return value == null ? "no speech" : String.format(Locale.ROOT, "%.0f %%", value);
    }

    private Optional<TalkAnalysis> load(long recordingId) {
        return Optional.ofNullable(store.analysesOf(List.of(recordingId)).get(recordingId)).map(TalkTime::analysis);
    }

    private static TalkAnalysis analysis(TalkTimeStore.Loaded loaded) {
        TalkTimeStore.Row row = loaded.row();
        List<Segment> assessor = List.of();
        List<Segment> learner = List.of();
        Integer assessorChannel = null;
        if (row.status() == TalkAnalysis.Status.ANALYSED) {
            for (TalkTimeStore.Track track : loaded.tracks()) {
                List<Segment> segments = loaded.segmentsByTrack().getOrDefault(track.id(), List.of());
                if (track.party() == Party.ASSESSOR) {
                    assessor = segments;
                    assessorChannel = track.channel();
                } else {
                    learner = segments;
                }
            }
        }
        TalkFigures figures = row.status() == TalkAnalysis.Status.ANALYSED ? TalkFigures.of(assessor, learner)
                : null;
        return new TalkAnalysis(row.recordingId(), row.discussionId(), row.status(), row.message(), assessorChannel,
                row.durationMs() == null ? 0 : row.durationMs(), assessor, learner, figures, row.analysedAt());
    }
}
