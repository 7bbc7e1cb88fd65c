package app.earmark.talktime.ui;

import app.earmark.recordings.RecordingSummary;
import app.earmark.security.AccessRefusedException;
import app.earmark.talktime.SeparateTracks;
import app.earmark.talktime.TalkTimeException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.List;
import java.util.Locale;

/**
 * For whoever may record the discussion: two of its recordings, one per person (a meeting tool's file per participant),
 * combined into one with the assessor on the left and the learner on the right, so that talk time can be worked out.
 */
class SeparateTracksForm extends Details {

    SeparateTracksForm(SeparateTracks separate, long discussionId, List<RecordingSummary> ready) {
        super("Recorded as a separate file per person? Combine two for talk time");
        setId("separate-tracks");
        var assessor = choice("separate-tracks-assessor", "The assessor's voice", ready);
        var learner = choice("separate-tracks-learner", "The learner's voice", ready);
        var offset = new NumberField("The learner's file starts later by (seconds; negative if earlier)");
        offset.setId("separate-tracks-offset");
        offset.setValue(0.0);
        offset.setStep(0.1);
        offset.setWidth("22rem");
        var combine = new Button("Combine for talk time");
        combine.setId("separate-tracks-combine");
        var outcome = new Paragraph();
        outcome.setId("separate-tracks-outcome");
        outcome.getElement().setAttribute("role", "status");
        combine.addClickListener(e -> {
            if (assessor.getValue() == null || learner.getValue() == null) {
                outcome.setText("Choose the recording with the assessor's voice and the one with the learner's.");
                return;
            }
            if (offset.getValue() == null || offset.isInvalid()) {
                outcome.setText("Say by how many seconds the learner's file starts later (0 if both started"
                        + " together; negative if it started earlier).");
                return;
            }
            try {
                separate.request(new SeparateTracks.Request(discussionId, assessor.getValue().id(),
                        learner.getValue().id(), Math.round(offset.getValue() * 1000)));
                outcome.setText(String.format(Locale.ROOT, "Combining \"%s\" (assessor, left) and \"%s\" (learner,"
                        + " right): the combined recording appears under the recordings when its ingest is done,"
                        + " and its talk time here after that.", assessor.getValue().originalName(),
                        learner.getValue().originalName()));
            } catch (TalkTimeException | AccessRefusedException ex) {
                outcome.setText(ex.getMessage());
            }
        });
        var fields = new HorizontalLayout(assessor, learner, offset);
        fields.setWrap(true);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new Div(new Paragraph("Talk time needs one person per channel. If each person was recorded in a file of"
                + " their own, choose whose voice each file is; Earmark puts the assessor on the left and the learner"
                + " on the right of a new recording of this discussion. If one file started later than the other,"
                + " say by how much, so that the voices line up."), fields, combine, outcome));
    }

    private static Select<RecordingSummary> choice(String id, String label, List<RecordingSummary> ready) {
        var select = new Select<RecordingSummary>();
        select.setId(id);
        select.setLabel(label);
        select.setItems(ready);
        select.setItemLabelGenerator(RecordingSummary::originalName);
        select.setPlaceholder("Choose a recording");
        return select;
    }
}
