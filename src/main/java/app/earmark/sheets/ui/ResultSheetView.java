package app.earmark.sheets.ui;

import app.earmark.catalogue.Unit;
import app.earmark.people.People;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetDeclarations;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetSection;
import app.earmark.sheets.SheetView;
import app.earmark.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/**
 * A learner's result sheet for one unit version, laid out like the awarding body's form: header, ACs by
 * learning outcome with their time counters, outcome, decision and signature, declarations, and the
 * versions. {@code ?version=N} shows an earlier version. Anyone signed in may open the URL; the service
 * decides who sees the sheet and who may write, sign, amend or declare.
 */
@Route("learners/:learnerId/units/:unitId/sheet")
@PageTitle("Result sheet · Earmark")
@PermitAll
class ResultSheetView extends Main implements BeforeEnterObserver {

    private final ResultSheets sheets;
    private final Declarations declarations;
    private final People people;
    private long learnerId;
    private long unitId;
    private Integer requestedVersion;

    private final List<SheetSection> sections;

    ResultSheetView(ResultSheets sheets, Declarations declarations, People people, List<SheetSection> sections) {
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(SheetSection::order)).toList();
        this.sheets = sheets;
        this.declarations = declarations;
        this.people = people;
        addClassNames(LumoUtility.Padding.MEDIUM);
        setMaxWidth("80rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        learnerId = event.getRouteParameters().getLong("learnerId").orElse(-1L);
        unitId = event.getRouteParameters().getLong("unitId").orElse(-1L);
        requestedVersion = event.getLocation().getQueryParameters().getSingleParameter("version")
                .filter(v -> v.matches("\\d{1,6}")).map(Integer::valueOf).orElse(null);
        load();
    }

    private void load() {
        removeAll();
        try {
            List<SheetView> history = sheets.history(learnerId, unitId);
            if (history.isEmpty()) {
                notStarted();
                return;
            }
            SheetView shown = history.get(0);
            if (requestedVersion != null) {
                Optional<SheetView> match = history.stream().filter(v -> v.versionNumber() == requestedVersion)
                        .findFirst();
                if (match.isPresent()) {
                    shown = match.get();
                } else {
                    message("sheet-message", "This sheet has no version " + requestedVersion + "; the latest, version "
                            + shown.versionNumber() + ", is shown.");
                }
            }
            show(shown, history);
        } catch (AccessRefusedException e) {
            add(new H1("Not available"));
            message("access-refused", e.getMessage());
        }
    }

    private void show(SheetView sheet, List<SheetView> history) {
        boolean latest = history.get(0).id() == sheet.id();
        boolean assessor = sheets.mayAssess(learnerId);
        boolean editable = latest && !sheet.signed() && assessor;
        SheetDeclarations made = declarations.of(sheet);

        var title = new H1((sheet.useMarks() ? "Mark sheet: " : "Result sheet: ") + sheet.unit().label());
        title.setId("sheet-title");
        add(new Anchor("learners/" + learnerId, "← " + sheet.learner().displayName()), title, status(sheet, latest,
                history.get(0), editable));
        add(new SheetHeader(sheet));

        var form = new SheetForm(sheet, editable, made.verificationComments(sheet));
        var outcome = new OutcomePanel(editable);
        form.addChangeListener(() -> outcome.show(form.evaluation(), form.problems()));
        outcome.show(form.evaluation(), form.problems());
        add(form, outcome);
        if (editable) {
            var decision = new DecisionPanel(sheet, form, sheets, this::showLatest);
            form.addChangeListener(() -> decision.allow(form.evaluation()));
            add(decision);
        } else {
            add(new SignedPanel(sheet, latest && sheet.signed() && assessor, sheets, amendment -> {
                Notifications.success("Version " + amendment.versionNumber() + " started from version "
                        + sheet.versionNumber() + ", which stays as it was signed.");
                showLatest();
            }));
        }
        add(new DeclarationsPanel(sheet, latest, made, declarations, this::load));
        sections.forEach(section -> section.create(sheet, history.get(0)).ifPresent(this::add));
        add(new HistoryPanel(history, sheet));
    }

    private Paragraph status(SheetView sheet, boolean latest, SheetView newest, boolean editable) {
        String text = sheet.signed() ? "Version " + sheet.versionNumber() + ", signed." : "Version "
                + sheet.versionNumber() + ", draft" + (editable ? ": you may edit, save and sign it." : ": not signed"
                        + " yet, and it may change.");
        if (!latest) {
            text += " This is an earlier version: version " + newest.versionNumber() + " replaces it.";
        }
        var status = new Paragraph(text);
        status.setId("sheet-status");
        status.addClassNames(sheet.signed() ? LumoUtility.TextColor.SUCCESS : LumoUtility.TextColor.SECONDARY);
        return status;
    }

    private void showLatest() {
        requestedVersion = null;
        getUI().ifPresent(ui -> ui.navigate(SheetLinks.sheet(learnerId, unitId)));
        load();
    }

    private void notStarted() {
        var learner = people.learner(learnerId);
        Optional<Unit> unit = sheets.unitsToAssess(learnerId).stream().filter(u -> u.id() == unitId).findFirst();
        add(new Anchor("learners/" + learnerId, "← " + learner.displayName()));
        if (unit.isEmpty()) {
            add(new H1("No such unit"));
            message("sheet-message", "Unit " + unitId + " is not one of " + learner.displayName() + "'s units.");
            return;
        }
        var title = new H1("Result sheet: " + unit.get().label());
        title.setId("sheet-title");
        add(title);
        message("sheet-message", "No result sheet has been started for " + learner.displayName() + " on this unit"
                + " yet.");
        if (sheets.mayAssess(learnerId)) {
            var start = new Button("Start the result sheet", e -> {
                try {
                    sheets.start(learnerId, unitId);
                    load();
                } catch (SheetException | AccessRefusedException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            start.setId("start-sheet");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(start);
        }
    }

    private void message(String id, String text) {
        var paragraph = new Paragraph(text);
        paragraph.setId(id);
        paragraph.addClassNames(id.equals("access-refused") ? LumoUtility.TextColor.ERROR
                : LumoUtility.TextColor.SECONDARY);
        add(paragraph);
    }
}
