package app.earmark.retention.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.Sizes;
import app.earmark.base.ui.Notifications;
import app.earmark.people.LearnerSummary;
import app.earmark.retention.ClosureOutcome;
import app.earmark.retention.Retention;
import app.earmark.retention.Retention.DueRecording;
import app.earmark.retention.Retention.HoldView;
import app.earmark.retention.Retention.LearnerQualification;
import app.earmark.retention.Retention.Period;
import app.earmark.retention.Retention.Preview;
import app.earmark.retention.RetentionException;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Retention: for the administrator, the periods, the dates learners were certificated or withdrew, the holds, and
 * what is due for deletion, to review and confirm; for an IQA or EQA, the holds on the learners they may hold.
 */
@Route("retention")
@PageTitle("Retention · Earmark")
@Menu(order = 86, icon = "vaadin:archive", title = "Retention")
@RolesAllowed({Role.Name.ADMIN, Role.Name.IQA, Role.Name.EQA})
class RetentionView extends Main implements BeforeEnterObserver {

    private final Retention retention;
    private final CurrentUser currentUser;

    RetentionView(Retention retention, CurrentUser currentUser) {
        this.retention = retention;
        this.currentUser = currentUser;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        render();
    }

    private void render() {
        removeAll();
        add(new H1("Retention"));
        boolean admin = currentUser.require().hasRole(Role.ADMIN);
        add(new Paragraph(admin ? "Recordings are kept for a period after the learner's certification or withdrawal,"
                + " then their media is deleted once you confirm. Sheets, tags and the audit trail are always kept."
                + " A hold blocks deletion." : "A hold keeps a learner's recordings (or one discussion's) from being"
                + " deleted under the centre's retention rule until it is lifted."));
        add(holdsSection());
        if (admin) {
            add(previewSection(), periodsSection(), closuresSection());
        }
    }

    // ------------------------------------------------------------ holds

    private Section holdsSection() {
        var section = new Section(new H2("Holds"));
        section.setId("retention-holds");
        List<HoldView> holds = retention.holds();
        if (holds.isEmpty()) {
            var none = new Paragraph("No hold is in force.");
            none.setId("retention-holds-none");
            section.add(none);
        } else {
            var grid = new Grid<HoldView>();
            grid.setId("retention-holds-grid");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.setAllRowsVisible(true);
            grid.addColumn(HoldView::learnerName).setHeader("Learner").setAutoWidth(true);
            grid.addColumn(h -> h.discussionLabel() == null ? "all recordings" : h.discussionLabel())
                    .setHeader("On").setAutoWidth(true);
            grid.addColumn(h -> h.hold().reason()).setHeader("Reason").setFlexGrow(2);
            grid.addColumn(h -> h.hold().placedBy() + ", " + DisplayFormats.date(
                    h.hold().placedAt().atZone(DisplayFormats.ZONE).toLocalDate())).setHeader("Placed");
            grid.addComponentColumn(h -> {
                var reason = new TextField();
                reason.setPlaceholder("Why lift it");
                reason.addClassName("lift-reason");
                var lift = new Button("Lift", e -> act(() -> retention.liftHold(h.hold().id(), reason.getValue()),
                        "Hold lifted."));
                lift.addClassName("lift-hold");
                lift.addThemeVariants(ButtonVariant.LUMO_SMALL);
                return new HorizontalLayout(reason, lift);
            }).setHeader("Lift").setAutoWidth(true);
            grid.setItems(holds);
            section.add(grid);
        }
        List<LearnerSummary> learners = retention.holdableLearners();
        var learner = new ComboBox<LearnerSummary>("Learner", learners);
        learner.setId("hold-learner");
        learner.setItemLabelGenerator(l -> l.displayName() + " (" + l.username() + ")");
        var discussion = new IntegerField("Discussion number (empty: all the learner's recordings)");
        discussion.setId("hold-discussion");
        var reason = new TextField("Reason");
        reason.setId("hold-reason");
        reason.setMaxLength(2000);
        var place = new Button("Place a hold", e -> {
            if (learner.getValue() == null) {
                Notifications.error("Choose the learner to place a hold on.");
                return;
            }
            act(() -> retention.placeHold(learner.getValue().id(),
                    discussion.getValue() == null ? null : discussion.getValue().longValue(), reason.getValue()),
                    "Hold placed.");
        });
        place.setId("hold-place");
        place.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(learner, discussion, reason, place);
        form.setDefaultVerticalComponentAlignment(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        section.add(form);
        return section;
    }

    // ------------------------------------------------------------ preview and deletion

    private Section previewSection() {
        var section = new Section(new H2("Due for deletion"));
        section.setId("retention-preview");
        Preview preview = retention.preview();
        List<DueRecording> deletable = preview.deletable();
        var summary = new Paragraph(deletable.isEmpty() ? "Nothing is due for deletion today."
                : deletable.size() + " recording" + (deletable.size() == 1 ? " is" : "s are") + " due for deletion ("
                        + Sizes.human(preview.deletableBytes()) + ")" + (preview.due().size() > deletable.size()
                                ? "; " + (preview.due().size() - deletable.size()) + " more held." : "."));
        summary.setId("retention-preview-summary");
        section.add(summary);
        if (!preview.interrupted().isEmpty()) {
            var interrupted = new Paragraph("The deletion of " + preview.interrupted().size() + " recording(s) was"
                    + " interrupted (recordings " + preview.interrupted() + "); confirming finishes it first.");
            interrupted.setId("retention-interrupted");
            section.add(interrupted);
        }
        if (!preview.due().isEmpty()) {
            var grid = new Grid<DueRecording>();
            grid.setId("retention-due-grid");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.setAllRowsVisible(true);
            grid.addColumn(DueRecording::learnerName).setHeader("Learner").setAutoWidth(true);
            grid.addComponentColumn(d -> new Anchor("discussions/" + d.discussionId(), d.discussionLabel()))
                    .setHeader("Discussion").setAutoWidth(true);
            grid.addColumn(d -> d.recordingName() + " (recording " + d.recordingId() + ")").setHeader("Recording")
                    .setAutoWidth(true);
            grid.addColumn(DueRecording::rule).setHeader("Rule").setFlexGrow(2);
            grid.addColumn(d -> DisplayFormats.date(d.dueOn())).setHeader("Due").setAutoWidth(true);
            grid.addColumn(d -> Sizes.human(d.bytes())).setHeader("Size").setAutoWidth(true);
            grid.addColumn(d -> d.held() ? "Held: " + String.join("; ", d.holds()) : "Will be deleted")
                    .setHeader("Hold").setFlexGrow(2);
            grid.setItems(preview.due());
            section.add(grid);
        }
        if (!deletable.isEmpty() || !preview.interrupted().isEmpty()) {
            List<Long> ids = deletable.stream().map(DueRecording::recordingId).toList();
            var confirm = new Button(ids.isEmpty() ? "Finish the interrupted deletion" : "Delete the media of these "
                    + ids.size() + " recording" + (ids.size() == 1 ? "" : "s"), e -> {
                        try {
                            var report = retention.delete(ids);
                            String skipped = report.skipped().isEmpty() ? "" : " Not deleted: " + report.skipped()
                                    .entrySet().stream().map(s -> "recording " + s.getKey() + ", " + s.getValue())
                                    .reduce((a, b) -> a + "; " + b).orElse("") + ".";
                            if (report.skipped().isEmpty()) {
                                Notifications.success("Deleted the media of " + report.deleted().size()
                                        + " recording(s), " + Sizes.human(report.bytes()) + ".");
                            } else {
                                Notifications.error("Deleted the media of " + report.deleted().size()
                                        + " recording(s)." + skipped);
                            }
                        } catch (RetentionException | java.io.UncheckedIOException ex) {
                            Notifications.error(ex.getMessage());
                        }
                        render();
                    });
            confirm.setId("retention-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            section.add(new Paragraph("Deleting removes each recording's original, playable copy, waveform, poster"
                    + " and chaptered copies from the media store. A hold placed before you press the button still"
                    + " wins."), confirm);
        }
        if (!preview.done().isEmpty()) {
            var done = new Grid<Retention.DoneDeletion>();
            done.setId("retention-done-grid");
            done.addThemeVariants(GridVariant.LUMO_COMPACT);
            done.setAllRowsVisible(true);
            done.addColumn(d -> "recording " + d.recordingId() + " of discussion " + d.discussionId())
                    .setHeader("Deleted").setAutoWidth(true);
            done.addColumn(Retention.DoneDeletion::rule).setHeader("Rule").setFlexGrow(2);
            done.addColumn(d -> d.by() + ", " + DisplayFormats.date(d.at().atZone(DisplayFormats.ZONE).toLocalDate()))
                    .setHeader("By, on").setAutoWidth(true);
            done.addColumn(d -> Sizes.human(d.bytes())).setHeader("Size").setAutoWidth(true);
            done.setItems(preview.done());
            section.add(new H2("Deleted"), done);
        }
        return section;
    }

    // ------------------------------------------------------------ periods

    private Section periodsSection() {
        var section = new Section(new H2("Retention periods"));
        section.setId("retention-periods");
        Retention.Policy policy = retention.policy();
        var defaultMonths = new IntegerField("Centre default (months after certification or withdrawal)");
        defaultMonths.setId("retention-default-months");
        defaultMonths.setValue(policy.defaultMonths());
        var save = new Button("Save", e -> act(() -> retention.setDefaultMonths(defaultMonths.getValue()),
                "Centre default saved."));
        save.setId("retention-default-save");
        var row = new HorizontalLayout(defaultMonths, save);
        row.setDefaultVerticalComponentAlignment(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        section.add(row);
        var grid = new Grid<Period>();
        grid.setId("retention-periods-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(p -> p.qualificationCode() + " " + p.qualificationTitle()).setHeader("Qualification")
                .setFlexGrow(2);
        grid.addColumn(p -> Integer.toString(p.effective()) + (p.own() == null ? " (centre default)" : ""))
                .setHeader("Months").setAutoWidth(true);
        grid.addComponentColumn(p -> {
            var months = new IntegerField();
            months.setValue(p.own());
            months.setPlaceholder("default");
            months.addClassName("qualification-months");
            var set = new Button("Set", e -> act(() -> retention.setQualificationMonths(p.qualificationCode(),
                    months.getValue()), "Period for " + p.qualificationCode() + " saved."));
            set.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return new HorizontalLayout(months, set);
        }).setHeader("Own period (empty: default)").setAutoWidth(true);
        grid.setItems(policy.periods());
        section.add(grid);
        return section;
    }

    // ------------------------------------------------------------ certification and withdrawal

    private Section closuresSection() {
        var section = new Section(new H2("Certification and withdrawal"));
        section.setId("retention-closures");
        section.add(new Paragraph("A learner's recordings of a qualification's units become due when the"
                + " certification or withdrawal of every qualification of theirs containing those units is recorded"
                + " here, and that qualification's period has passed."));
        var grid = new Grid<LearnerQualification>();
        grid.setId("retention-closures-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(LearnerQualification::learnerName).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(LearnerQualification::qualificationCode).setHeader("Qualification").setAutoWidth(true);
        grid.addColumn(q -> q.closed() ? capitalised(q.outcome().noun()) + " on " + DisplayFormats.date(q.closedOn())
                + " (" + q.recordedBy() + ")" : "Still working towards it").setHeader("Recorded").setFlexGrow(2);
        grid.addComponentColumn(q -> {
            var outcome = new ComboBox<ClosureOutcome>();
            outcome.setItems(ClosureOutcome.values());
            outcome.setItemLabelGenerator(o -> capitalised(o.noun()));
            outcome.setValue(q.outcome());
            var on = new DatePicker();
            on.setValue(q.closedOn());
            var record = new Button("Record", e -> act(() -> retention.recordClosure(q.learnerId(),
                    q.qualificationCode(), outcome.getValue(), on.getValue()), "Recorded."));
            record.addThemeVariants(ButtonVariant.LUMO_SMALL);
            var layout = new HorizontalLayout(outcome, on, record);
            if (q.closed()) {
                var reason = new TextField();
                reason.setPlaceholder("Why clear it");
                var clear = new Button("Clear", e -> act(() -> retention.clearClosure(q.learnerId(),
                        q.qualificationCode(), reason.getValue()), "Cleared."));
                clear.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                layout.add(reason, clear);
            }
            return layout;
        }).setHeader("Change").setAutoWidth(true);
        grid.setItems(retention.learnerQualifications());
        section.add(grid);
        return section;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notifications.success(success);
            render();
        } catch (RetentionException | app.earmark.security.AccessRefusedException e) {
            Notifications.error(e.getMessage());
        }
    }
}
