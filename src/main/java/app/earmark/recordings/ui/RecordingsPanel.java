package app.earmark.recordings.ui;

import app.earmark.base.Sizes;
import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.base.ui.ReasonDialog;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.List;

/**
 * A discussion's recordings: each with its ingest state and progress (polled while anything is in
 * progress), what ingest found, the SHA-256 of the original, and a player once ready; and, for the
 * learner's assessor, the resumable upload.
 */
class RecordingsPanel extends Section {

    private static final int POLL_MILLIS = 1500;

    private final DiscussionSummary discussion;
    private final Recordings recordings;
    private final boolean mayRecord;
    private final boolean mayRemove;
    private final Div list = new Div();
    private Registration polling;
    private List<RecordingSummary> shown = List.of();

    RecordingsPanel(DiscussionSummary discussion, Recordings recordings, boolean mayRecord, boolean mayRemove,
            long maxUploadBytes) {
        this.discussion = discussion;
        this.recordings = recordings;
        this.mayRecord = mayRecord;
        this.mayRemove = mayRecord && mayRemove;
        setId("recordings");
        add(new H3("Recordings"), list);
        if (mayRecord) {
            var upload = new RecordingUpload(discussion.id(), maxUploadBytes);
            upload.setId("recording-upload");
            upload.addCompleteListener(e -> refresh());
            upload.addErrorListener(e -> Notifications.error(e.message()));
            var help = new Paragraph("Upload a recording of this discussion (audio or video, up to "
                    + maxUploadBytes / (1024L * 1024 * 1024) + " GB). If the upload stops, choose the same file again to"
                    + " resume where it stopped.");
            help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            add(help, upload);
        }
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = event.getUI().addPollListener(e -> {
            if (shown.stream().anyMatch(r -> r.state().inProgress())) {
                refresh();
            }
        });
        event.getUI().setPollInterval(POLL_MILLIS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        polling.remove();
        event.getUI().setPollInterval(-1);
    }

    private void refresh() {
        List<RecordingSummary> current = recordings.forDiscussion(discussion.id());
        if (current.equals(shown)) {
            return;
        }
        shown = current;
        list.removeAll();
        if (current.isEmpty()) {
            var none = new Paragraph("No recording yet.");
            none.setId("no-recording");
            list.add(none);
        }
        current.forEach(recording -> list.add(card(recording)));
    }

    private Div card(RecordingSummary r) {
        var card = new Div();
        card.setId("recording-" + r.id());
        card.addClassNames("recording", LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Padding.MEDIUM, LumoUtility.Margin.Bottom.MEDIUM);
        var name = new Span(r.originalName());
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var state = new Span(r.state().label());
        state.addClassName("recording-state");
        state.getElement().getThemeList().add("badge " + switch (r.state()) {
            case READY -> "success";
            case FAILED -> "error";
            default -> "contrast";
        });
        card.add(new Div(name, new Span(" "), state));
        if (r.state().inProgress()) {
            var bar = new ProgressBar(0, 1, r.progress());
            bar.setIndeterminate(r.state() != RecordingState.PROCESSING);
            card.add(bar);
        }
        if (r.message() != null) {
            var message = new Paragraph(r.message());
            message.addClassName("recording-message");
            message.addClassNames(r.state() == RecordingState.FAILED ? LumoUtility.TextColor.ERROR
                    : LumoUtility.TextColor.SECONDARY);
            card.add(message);
        }
        if (r.nameWarning() != null) {
            var warning = new Paragraph(r.nameWarning());
            warning.addClassNames("recording-name-warning", LumoUtility.TextColor.WARNING);
            card.add(warning);
        }
        var facts = new Paragraph(String.join(" · ", facts(r)));
        facts.addClassNames("recording-facts", LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        // A live recording has no original until it ends: its size and SHA-256 are not known yet.
        var hash = new Paragraph(r.sha256() != null ? "SHA-256 of the original: " + r.sha256()
                : r.state() == RecordingState.RECORDING ? "Recording in progress: the original's size and SHA-256 are"
                        + " known when it ends." : "Being prepared: the original's size and SHA-256 are not known yet.");
        hash.addClassNames("recording-sha256", LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        card.add(facts, hash);
        if (r.state() == RecordingState.READY) {
            card.add(new MediaPlayer(r));
        }
        if (mayRemove && (r.state() == RecordingState.READY || r.state() == RecordingState.FAILED)) {
            var remove = new Button("Remove", e -> new ReasonDialog("Remove " + r.originalName() + "?",
                    "The recording is taken off this discussion. Its original file and the audit trail are kept.",
                    "Remove", "remove-recording", DiscussionException.class, reason -> {
                        recordings.remove(r.id(), reason);
                        Notifications.success("Recording removed.");
                        refresh();
                    }).open());
            remove.setId("remove-recording-" + r.id());
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            card.add(remove);
        }
        if (r.state() == RecordingState.FAILED && mayRecord) {
            var retry = new Button("Try again", e -> {
                try {
                    recordings.retry(r.id());
                    refresh();
                } catch (DiscussionException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
            card.add(retry);
        }
        return card;
    }

    private static List<String> facts(RecordingSummary r) {
        var facts = new ArrayList<String>();
        if (r.durationMillis() != null) {
            facts.add(TimeFormat.clock(r.durationMillis()));
        }
        if (r.sha256() != null) {
            facts.add(Sizes.human(r.size()));
        } else if (r.state() == RecordingState.RECORDING) {
            facts.add("Recording in progress");
        } else {
            facts.add("Being prepared");
        }
        if (r.videoCodec() != null) {
            facts.add("video " + r.videoCodec() + " " + r.videoWidth() + "×" + r.videoHeight());
        }
        if (r.audioCodec() != null) {
            facts.add("audio " + r.audioCodec() + (r.audioChannels() == null ? "" : " " + r.audioChannels() + " ch")
                    + (r.audioSampleRate() == null ? "" : " " + r.audioSampleRate() + " Hz"));
        }
        if (r.remuxed() != null) {
            facts.add(r.remuxed() ? "played as uploaded (not re-encoded)" : "converted for playback");
        }
        facts.add("uploaded by " + r.uploadedBy());
        return facts;
    }
}
