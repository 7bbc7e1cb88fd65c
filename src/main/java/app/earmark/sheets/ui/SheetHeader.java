package app.earmark.sheets.ui;

import app.earmark.catalogue.UnitDefinition;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.List;

/**
 * The top of the awarding body's form: centre, learner and unit, and the instructions for assessment and
 * use of the sheet (as printed on the mark sheets of seeds 000/001 and the result sheets of 002/004).
 */
class SheetHeader extends Div {

    SheetHeader(SheetView sheet) {
        setId("sheet-header");
        addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Padding.MEDIUM,
                LumoUtility.Margin.Vertical.MEDIUM);
        UnitDefinition unit = sheet.unit().definition();
        var facts = new Div(
                fact("sheet-centre-number", "Centre number", sheet.centre().number()),
                fact("sheet-centre-name", "Centre name", sheet.centre().name()),
                fact("sheet-registration", "Learner registration no.", sheet.registrationNumber()),
                fact("sheet-learner", "Learner name", sheet.learner().displayName()),
                fact("sheet-unit", "Unit", unit.code() + " " + unit.title()),
                fact("sheet-unit-facts", "Level and version", unitFacts(unit)));
        facts.addClassNames(LumoUtility.Display.GRID, LumoUtility.Gap.SMALL);
        facts.getStyle().set("grid-template-columns", "repeat(auto-fit, minmax(18rem, 1fr))");
        add(facts);
        if (unit.isProvisional()) {
            var provisional = new Paragraph("This unit has no official unit number: its data is provisional ("
                    + (unit.source() == null ? "see the catalogue" : unit.source()) + ").");
            provisional.addClassNames(LumoUtility.TextColor.WARNING, LumoUtility.FontSize.SMALL);
            add(provisional);
        }
        var instructions = new Div();
        instructions.setId("sheet-instructions");
        instructions.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        instructions(unit.isMarked(), sheet.useMarks()).forEach(text -> instructions.add(new Paragraph(text)));
        add(new Span("Instructions for assessment and use of this " + (sheet.useMarks() ? "mark" : "result")
                + " sheet"), instructions);
    }

    private static Div fact(String id, String label, String value) {
        var name = new Span(label + ": ");
        name.addClassNames(LumoUtility.TextColor.SECONDARY);
        var text = new Span(value == null || value.isBlank() ? "—" : value);
        text.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var fact = new Div(name, text);
        fact.setId(id);
        return fact;
    }

    private static String unitFacts(UnitDefinition unit) {
        List<String> facts = new ArrayList<>();
        if (unit.level() != null) {
            facts.add("Level " + unit.level());
        }
        facts.add("version " + unit.version());
        if (unit.credits() != null) {
            facts.add(unit.credits() + " credits");
        }
        if (unit.uan() != null) {
            facts.add("UAN " + unit.uan());
        }
        return String.join(" · ", facts);
    }

    static List<String> instructions(boolean markedUnit, boolean useMarks) {
        List<String> text = new ArrayList<>();
        text.add("Assessment must be conducted with reference to the assessment criteria (AC). In order to pass the"
                + " unit, every AC must be met.");
        if (useMarks) {
            text.add("Marks are awarded for every AC according to the degree to which the learner's evidence meets"
                    + " it, and totalled into a percentage. Every AC must be met, i.e. receive at least its minimum"
                    + " (half its marks). Any AC awarded less than its minimum produces an automatic referral,"
                    + " regardless of the overall mark achieved.");
        } else if (markedUnit) {
            text.add("This centre does not use marks for this unit: each AC is marked 'Pass' or 'Referral'. In order"
                    + " to pass the unit every AC must receive a 'Pass'.");
        } else {
            text.add("Each AC is marked 'Pass' or 'Referral'. In order to pass the unit every AC must receive a"
                    + " 'Pass'. Any AC awarded less than a pass produces an automatic referral.");
        }
        text.add("Sufficiency descriptors are provided as guidance. They are not comprehensive, and cannot be, as"
                + " there are many ways in which evidence can exceed or fall short of the requirements. The only"
                + " reason for a referral is failure to meet one or more ACs.");
        text.add("Annotated time counters beside each AC open the recording of the discussion at that moment.");
        return text;
    }
}
