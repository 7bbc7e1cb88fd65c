package app.earmark.discussions.ui;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionSummary;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blank copy of the result sheet of each assessed unit, for the learner to read before the discussion:
 * every learning outcome's ACs, with the feedback and decision columns still empty.
 */
class BlankResultSheet extends Div {

    BlankResultSheet(List<AssessedCriterion> criteria, DiscussionSummary discussion) {
        addClassName("blank-result-sheet");
        add(new Paragraph("Learner: " + discussion.learner().displayName() + ". In order to pass a unit, every AC must be"
                + " met: each AC is marked Pass or Referral (or, on a marked unit, given marks of which each must reach"
                + " its minimum)."));
        Map<String, List<AssessedCriterion>> byUnit = new LinkedHashMap<>();
        criteria.forEach(c -> byUnit.computeIfAbsent(c.unitCode(), k -> new java.util.ArrayList<>()).add(c));
        byUnit.forEach((unit, acs) -> {
            var title = discussion.units().stream().filter(u -> u.code().equals(unit)).findFirst()
                    .map(u -> unit + " " + u.title()).orElse(unit);
            var grid = new Grid<AssessedCriterion>();
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
            grid.setAllRowsVisible(true);
            grid.addColumn(c -> "LO " + c.loNumber()).setHeader("Learning outcome").setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(c -> "AC " + c.number() + " " + c.text()).setHeader("Assessment criterion").setFlexGrow(3);
            grid.addColumn(c -> "").setHeader("Assessor feedback").setFlexGrow(2);
            grid.addColumn(c -> "").setHeader("Pass / Referral").setAutoWidth(true);
            grid.setItems(acs);
            add(new H4(title), grid);
        });
    }
}
