package app.earmark.talktime.ui;

import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.talktime.QuestionFigures;
import app.earmark.talktime.SeparateTracks;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkFigures;
import app.earmark.talktime.TalkTime;
import app.earmark.talktime.TalkTimeException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * On a discussion's page, for whoever may see its recordings (the assessor, the learner, the IQA in review): talk
 * share, the questioning figures and who spoke when, per recording with one party per channel; a recording without
 * says why. Those who may record the discussion can say which channel is the assessor's, and combine two recordings
 * made one per person into one with a party per channel ({@link SeparateTracksForm}).
 */
@org.springframework.stereotype.Component
class TalkTimeSection implements DiscussionSection {

    private final TalkTime talkTime;
    private final SeparateTracks separateTracks;
    private final Recordings recordings;
    private final Discussions discussions;

    TalkTimeSection(TalkTime talkTime, SeparateTracks separateTracks, Recordings recordings,
            Discussions discussions) {
        this.talkTime = talkTime;
        this.separateTracks = separateTracks;
        this.recordings = recordings;
        this.discussions = discussions;
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        List<TalkAnalysis> analyses = talkTime.forDiscussion(discussion.id());
        List<RecordingSummary> all = recordings.forDiscussion(discussion.id());
        boolean mayRecord = discussions.mayRecord(discussion);
        List<RecordingSummary> combinable = mayRecord ? all.stream().filter(r -> r.state() == RecordingState.READY
                && r.audioChannels() != null).toList() : List.of();
        if (analyses.isEmpty() && combinable.size() < 2) {
            return Optional.empty();
        }
        Map<Long, RecordingSummary> byId = all.stream()
                .collect(Collectors.toMap(RecordingSummary::id, Function.identity()));
        var section = new Section(new H3("Talk time and questioning"));
        section.setId("talk-time");
        for (TalkAnalysis analysis : analyses) {
            var panel = new Div();
            panel.setId("talk-time-" + analysis.recordingId());
            fill(panel, analysis, byId.get(analysis.recordingId()), mayRecord);
            section.add(panel);
        }
        if (combinable.size() >= 2) {
            section.add(new SeparateTracksForm(separateTracks, discussion.id(), combinable));
        }
        return Optional.of(section);
    }

    private void fill(Div panel, TalkAnalysis analysis, RecordingSummary recording, boolean mayRecord) {
        panel.removeAll();
        String name = recording == null ? "Recording " + analysis.recordingId() : recording.originalName();
        panel.add(new H4(name));
        if (analysis.status() != TalkAnalysis.Status.ANALYSED) {
            var why = new Paragraph(analysis.message());
            why.addClassName("talk-time-why");
            panel.add(why);
            return;
        }
        TalkFigures f = analysis.figures();
        if (f.assessorSharePct() == null) {
            panel.add(new Paragraph("Neither channel has any speech that could be told from background noise."));
        } else {
            var share = new Paragraph(String.format(Locale.ROOT, "Talk share: learner %.0f %%, assessor %.0f %%.",
                    f.learnerSharePct(), f.assessorSharePct()));
            share.setId("talk-share-" + analysis.recordingId());
            panel.add(share, new Html(TalkLanes.shareBar(f.assessorSharePct(), f.learnerSharePct())));
        }
        var figures = new Div();
        figures.setId("talk-figures-" + analysis.recordingId());
        figures.add(item("Longest assessor monologue", seconds(f.longestMonologueMs())));
        figures.add(item("Assessor turns", String.valueOf(f.assessorTurns())));
        figures.add(item("Turns that ran into a further question", String.valueOf(f.runOnTurns())));
        figures.add(item("Median thinking time before the learner answered", f.medianAnswerPauseMs() == null
                ? "no answers after a finished question" : seconds(f.medianAnswerPauseMs()) + " (over "
                        + f.answerPausesMs().size() + " answers)"));
        figures.add(item("Interruptions (assessor started while the learner spoke)",
                String.valueOf(f.interruptions())));
        panel.add(figures);
        panel.add(new Html("<div>" + TalkLanes.lanes(analysis) + "</div>"));
        byQuestion(analysis, mayRecord).ifPresent(panel::add);
        if (mayRecord && analysis.assessorChannel() != null) {
            var channel = new Select<Integer>();
            channel.setLabel("The assessor is on the");
            channel.setItems(0, 1);
            channel.setItemLabelGenerator(c -> TalkAnalysis.side(c) + " channel");
            channel.setValue(analysis.assessorChannel());
            channel.setId("talk-assessor-channel-" + analysis.recordingId());
            channel.addValueChangeListener(e -> {
                if (!e.isFromClient() || e.getValue() == null) {
                    return;
                }
                try {
                    TalkAnalysis changed = talkTime.assignAssessorChannel(analysis.recordingId(), e.getValue());
                    fill(panel, changed, recording, true);
                    Notifications.success("The " + TalkAnalysis.side(e.getValue())
                            + " channel is now the assessor's.");
                } catch (TalkTimeException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            panel.add(channel);
        }
        var note = new Paragraph("Worked out from the sound level of each channel over " + TimeFormat.clock(
                analysis.durationMs()) + ": a voice much quieter than the other channel's, rising and falling with it,"
                + " is taken for that voice's bleed. Thinking time runs from the end of the assessor's turn to the"
                + " learner's first word.");
        note.addClassName("talk-time-note");
        panel.add(note);
    }

    /**
     * The figures of each planned question the assessor marked as asked (the question's "Tag all"), in the order they
     * were asked; for the assessor, a hint on how to get them where none was marked.
     */
    private Optional<Component> byQuestion(TalkAnalysis analysis, boolean mayRecord) {
        List<QuestionFigures> questions = talkTime.byQuestion(analysis);
        if (questions.isEmpty() && !mayRecord) {
            return Optional.empty();
        }
        if (questions.isEmpty()) {
            var hint = new Paragraph("No planned question was marked as asked in this recording. Tag a moment with a"
                    + " question's \"Tag all\" in the plan beside the tagging and the figures appear per question.");
            hint.addClassName("talk-time-note");
            return Optional.of(hint);
        }
        var table = new NativeTable();
        table.setId("talk-questions-" + analysis.recordingId());
        table.setCaptionText("By planned question (from where each was marked asked to the next)");
        var head = table.getHead().addRow();
        for (String label : List.of("Question", "From", "To", "Learner share", "Longest assessor monologue",
                "Run-on turns", "Median thinking time", "Interruptions")) {
            head.addHeaderCell().setText(label);
        }
        for (QuestionFigures q : questions) {
            TalkFigures f = q.figures();
            var row = table.getBody().addRow();
            row.addDataCell().setText(q.text() == null ? "Question " + q.position() : q.position() + ". " + q.text());
            row.addDataCell().setText(TimeFormat.counter(q.fromMs()));
            row.addDataCell().setText(TimeFormat.counter(q.toMs()));
            row.addDataCell().setText(f.learnerSharePct() == null ? "no speech"
                    : String.format(Locale.ROOT, "%.0f %%", f.learnerSharePct()));
            row.addDataCell().setText(seconds(f.longestMonologueMs()));
            row.addDataCell().setText(String.valueOf(f.runOnTurns()));
            row.addDataCell().setText(f.medianAnswerPauseMs() == null ? "no answer"
                    : seconds(f.medianAnswerPauseMs()));
            row.addDataCell().setText(String.valueOf(f.interruptions()));
        }
        table.addClassName("talk-questions");
        return Optional.of(table);
    }

    private static Component item(String label, String value) {
        var row = new Div(new Span(label + ": "), new Span(value));
        row.addClassName("talk-figure");
        return row;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
