package app.earmark.sheets.ui;

import app.earmark.base.TimeFormat;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.security.AccessRefusedException;
import app.earmark.talktime.PartyMixer;
import app.earmark.talktime.TalkTime;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A discussion's recording opened at a moment ({@code ?recording=R&t=seconds}, the target of a result
 * sheet's time counters) and playing, with the recording's AC map beside it. Whoever may see the
 * discussion may open it (its learner, their assessor, the IQA, an EQA given access); the services check
 * and the media requests check again. An unknown recording or a time outside it gets a clear message.
 */
@Route("discussions/:id/play")
@PageTitle("Playback · Earmark")
@PermitAll
class PlaybackView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final Recordings recordings;
    private final Tags tags;
    private final TalkTime talkTime;

    PlaybackView(Discussions discussions, Recordings recordings, Tags tags, TalkTime talkTime) {
        this.talkTime = talkTime;
        this.discussions = discussions;
        this.recordings = recordings;
        this.tags = tags;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        DiscussionSummary discussion;
        List<RecordingSummary> all;
        try {
            discussion = discussions.get(id);
            all = recordings.forDiscussion(id);
        } catch (AccessRefusedException e) {
            add(new H1("Not available"));
            message("access-refused", e.getMessage());
            return;
        }
        add(heading(discussion));
        QueryParameters query = event.getLocation().getQueryParameters();
        Optional<String> asked = query.getSingleParameter("recording");
        Optional<RecordingSummary> chosen;
        if (asked.isPresent()) {
            chosen = all.stream().filter(r -> asked.get().equals(String.valueOf(r.id()))).findFirst();
            if (chosen.isEmpty()) {
                message("playback-message", "This discussion has no recording \"" + asked.get() + "\"."
                        + (all.isEmpty() ? " It has no recording yet." : " Its recordings are listed below."));
                others(discussion, all, null);
                return;
            }
        } else {
            chosen = all.stream().filter(r -> r.state() == RecordingState.READY)
                    .max(Comparator.comparing(RecordingSummary::uploadedAt));
            if (chosen.isEmpty()) {
                message("playback-message", "This discussion has no recording ready to play yet.");
                return;
            }
        }
        RecordingSummary recording = chosen.get();
        if (recording.state() != RecordingState.READY) {
            message("playback-message", "Recording " + recording.id() + " (" + recording.originalName() + ") cannot"
                    + " be played: it is " + recording.state().label().toLowerCase()
                    + (recording.message() == null ? "." : ": " + recording.message()));
            others(discussion, all, recording);
            return;
        }
        Start start = start(query.getSingleParameter("t"), recording.durationMillis());
        start.problem().ifPresent(problem -> message("playback-message", problem));

        var player = new PlaybackPlayer(recording, "/exports/discussions/" + discussion.id() + "/ac-map.vtt");
        Map<Long, AssessedCriterion> criteria = discussions.criteria(discussion.id()).stream()
                .collect(Collectors.toMap(AssessedCriterion::id, Function.identity()));
        var map = new AcMapList(tags.forRecording(recording.id()), criteria, discussion.units().size() > 1,
                player::seek);
        var layout = new Div(player, map);
        layout.setId("playback");
        layout.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                LumoUtility.AlignItems.START);
        var facts = new Span(recording.originalName() + (recording.durationMillis() == null ? ""
                : " · " + TimeFormat.clock(recording.durationMillis())) + " · SHA-256 of the original "
                + recording.sha256());
        facts.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(facts);
        // Mute or solo a party where each channel is one (the remote room's combined recording, a meeting export).
        PartyMixer.forChannel(talkTime.assessorChannel(recording.id()), discussion, "playback-media")
                .ifPresent(this::add);
        add(layout);
        others(discussion, all, recording);
        player.start(start.millis(), start.problem().isEmpty());
    }

    /** Where to start, and why not where asked, if so. */
    record Start(long millis, Optional<String> problem) {
    }

    static Start start(Optional<String> asked, Long durationMillis) {
        if (asked.isEmpty() || asked.get().isBlank()) {
            return new Start(0, Optional.empty());
        }
        double seconds;
        try {
            seconds = Double.parseDouble(asked.get().strip());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return new Start(0, Optional.of("\"" + asked.get() + "\" is not a moment of the recording (a number of"
                    + " seconds from its start), so it opens at the start."));
        }
        long millis = Math.round(seconds * 1000);
        if (durationMillis != null && millis > durationMillis) {
            return new Start(0, Optional.of(TimeFormat.counter(millis) + " is after the end of this recording, which"
                    + " lasts " + TimeFormat.counter(durationMillis) + ", so it opens at the start."));
        }
        return new Start(millis, Optional.empty());
    }

    private Div heading(DiscussionSummary discussion) {
        var back = new Anchor("discussions/" + discussion.id(), "← Discussion");
        var title = new H1("Playback: " + discussion.learner().displayName() + ", " + discussion.unitCodes());
        title.setId("playback-title");
        var when = new Span(app.earmark.base.DisplayFormats.date(discussion.heldOn()) + " · " + discussion.mode().label() + " · assessor "
                + discussion.assessor().displayName());
        when.addClassNames(LumoUtility.TextColor.SECONDARY);
        return new Div(back, title, when);
    }

    private void others(DiscussionSummary discussion, List<RecordingSummary> all, RecordingSummary shown) {
        List<RecordingSummary> others = all.stream().filter(r -> shown == null || r.id() != shown.id())
                .filter(r -> r.state() == RecordingState.READY).toList();
        if (others.isEmpty()) {
            return;
        }
        var list = new Div(new Span("Other recordings of this discussion: "));
        list.setId("other-recordings");
        others.forEach(r -> list.add(new Anchor("discussions/" + discussion.id() + "/play?recording=" + r.id(),
                r.originalName()), new Span(" ")));
        add(list);
    }

    private void message(String id, String text) {
        var paragraph = new Paragraph(text);
        paragraph.setId(id);
        paragraph.addClassNames(LumoUtility.TextColor.ERROR);
        add(paragraph);
    }
}
