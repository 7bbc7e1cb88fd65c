package app.earmark.sheets.ui;

import app.earmark.catalogue.Unit;
import app.earmark.people.LearnerSection;
import app.earmark.people.LearnerSummary;
import app.earmark.sheets.Progress;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/**
 * On a learner's page: the units to assess, each with the state of its result sheet, a link to it and the PDF of
 * every signed version, and
 * the learner's progress towards each qualification by its rules of combination.
 */
@org.springframework.stereotype.Component
class LearnerSheetsSection implements LearnerSection {

    private final ResultSheets sheets;

    LearnerSheetsSection(ResultSheets sheets) {
        this.sheets = sheets;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Component> create(LearnerSummary learner) {
        var section = new Section(new H3("Result sheets"));
        section.setId("learner-sheets");
        List<Unit> units = sheets.unitsToAssess(learner.id());
        if (units.isEmpty()) {
            section.add(new Paragraph("No units to assess: the learner is not enrolled on a qualification and no"
                    + " discussion has assessed a unit yet."));
        } else {
            var list = new UnorderedList();
            list.setId("units-to-assess");
            units.forEach(unit -> {
                var link = new Anchor(SheetLinks.sheet(learner.id(), unit.id()), unit.label() + " (version "
                        + unit.version() + ")");
                List<SheetView> versions = sheets.history(learner.id(), unit.id());
                var state = new Span(" · " + SheetLinks.status(versions.stream().findFirst()));
                state.addClassNames(LumoUtility.TextColor.SECONDARY);
                var item = new ListItem(link, state);
                if (versions.stream().anyMatch(SheetView::signed)) {
                    item.add(SheetPdfLinks.list(null, versions));
                }
                item.addClassName("unit-to-assess");
                item.getElement().setAttribute("data-unit", unit.code());
                list.add(item);
            });
            section.add(list);
        }
        section.add(progress(sheets.progress(learner.id())));
        return Optional.of(section);
    }

    private static Div progress(List<Progress> progress) {
        var box = new Div(new H3("Progress by the rules of combination"));
        box.setId("learner-progress");
        if (progress.isEmpty()) {
            box.add(new Paragraph("Not enrolled on a qualification."));
        }
        for (Progress p : progress) {
            var qualification = new Div(new H4(p.qualificationCode() + " " + p.qualificationTitle()));
            qualification.addClassName("qualification-progress");
            qualification.add(new Paragraph("Units passed: " + (p.passedUnits().isEmpty() ? "none yet"
                    : String.join(", ", p.passedUnits())) + " · " + p.credits() + " credits"));
            var awards = new UnorderedList();
            p.awards().forEach(a -> {
                var item = new ListItem(a.award() + (a.provisional() == null ? ""
                        : " (provisional rule: " + a.provisional() + ")") + ": " + (a.achieved() ? "achieved"
                        : "not yet: " + String.join("; ", a.missing())));
                item.addClassName(a.achieved() ? "award-achieved" : "award-missing");
                if (a.provisional() != null) {
                    item.addClassName("award-provisional");
                }
                awards.add(item);
            });
            qualification.add(awards);
            box.add(qualification);
        }
        return box;
    }
}
