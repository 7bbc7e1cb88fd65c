package app.earmark.sheets.ui;

import app.earmark.sheets.AcResult;
import app.earmark.sheets.Evaluation;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;

/**
 * What the rules make of the sheet, kept in view while the assessor types: the unit outcome, the total
 * and percentage of a marked sheet, why it is a referral, which ACs have no decision yet, what to look at
 * before signing, and what saving would refuse. While a mark is one its AC cannot have, it shows no outcome and no
 * total, only the marks to correct. It stays in view (at the foot of the window) only while the
 * sheet can be edited; on a signed version it is an ordinary block.
 */
class OutcomePanel extends Div {

    private final Span outcome = new Span();
    private final Span total = new Span();
    private final Div details = new Div();

    OutcomePanel(boolean editable) {
        setId("sheet-evaluation");
        addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Padding.MEDIUM,
                LumoUtility.Background.BASE, LumoUtility.BoxShadow.SMALL);
        if (editable) {
            getStyle().set("position", "sticky").set("bottom", "0").set("z-index", "1");
        }
        outcome.setId("sheet-outcome");
        outcome.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE);
        total.setId("sheet-total");
        total.addClassNames(LumoUtility.Margin.Left.MEDIUM);
        add(new Div(outcome, total), details);
    }

    void show(Evaluation evaluation, List<String> problems) {
        if (!evaluation.valid()) {
            outcome.setText("Outcome shown once every mark is valid");
        } else if (evaluation.outcome() == null) {
            outcome.setText("Unit outcome: not decided yet");
        } else {
            outcome.setText("Unit outcome by the rules: " + evaluation.outcome().label());
        }
        outcome.getElement().setAttribute("data-outcome", evaluation.outcome() == null ? ""
                : evaluation.outcome().name());
        outcome.getStyle().set("color", evaluation.outcome() == AcResult.REFERRAL ? "var(--lumo-error-text-color)"
                : evaluation.outcome() == AcResult.PASS ? "var(--lumo-success-text-color)" : null);
        total.setVisible(evaluation.totalMarks() != null);
        if (evaluation.totalMarks() != null) {
            total.setText("Total " + (evaluation.complete() ? "" : "so far ") + evaluation.totalMarks() + " / "
                    + evaluation.maxMarks() + " marks (" + evaluation.percentage() + "%)");
        }
        details.removeAll();
        list(details, "sheet-invalid", "Marks to correct:", evaluation.invalid(), LumoUtility.TextColor.ERROR);
        list(details, "sheet-referrals", "Referral because:", evaluation.referrals(), LumoUtility.TextColor.ERROR);
        list(details, "sheet-undecided", "No decision yet on:", evaluation.undecided().isEmpty() ? List.of()
                : List.of(String.join(", ", evaluation.undecided())), LumoUtility.TextColor.SECONDARY);
        list(details, "sheet-warnings", "Check before signing:", evaluation.warnings(), LumoUtility.TextColor.WARNING);
        list(details, "sheet-problems", "Saving would be refused:", problems.stream()
                .filter(p -> !evaluation.invalid().contains(p)).toList(), LumoUtility.TextColor.ERROR);
    }

    private static void list(Div into, String id, String heading, List<String> items, String colour) {
        if (items.isEmpty()) {
            return;
        }
        var list = new UnorderedList();
        items.forEach(item -> list.add(new ListItem(item)));
        list.addClassNames(LumoUtility.Margin.Vertical.XSMALL);
        var title = new Paragraph(heading);
        title.addClassNames(LumoUtility.Margin.Vertical.XSMALL, LumoUtility.FontSize.SMALL);
        var box = new Div(title, list);
        box.setId(id);
        box.addClassNames(colour, LumoUtility.FontSize.SMALL);
        into.add(box);
    }
}
