package app.earmark.talktime.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.security.Role;
import app.earmark.talktime.TalkTime;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each assessor's talk-time figures over time, for the discussions the signed-in person may see: a centre's IQA or
 * administrator sees every assessor's, an assessor their own. One row per analysed recording, by assessor and date,
 * and per assessor the median learner share and thinking time.
 */
@Route("talk-time")
@Menu(order = 32, icon = "vaadin:chart", title = "Talk time")
@PageTitle("Talk time over time · Earmark")
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN, Role.Name.ASSESSOR})
class TalkTimeOverTimeView extends Main implements BeforeEnterObserver {

    private final TalkTime talkTime;

    TalkTimeOverTimeView(TalkTime talkTime) {
        this.talkTime = talkTime;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H1("Talk time over time"));
        List<TalkTime.Dated> rows = talkTime.overTime();
        if (rows.isEmpty()) {
            var none = new Paragraph("No discussion you may see has a recording with one party per channel yet, so"
                    + " there are no talk-time figures to show.");
            none.setId("talk-time-none");
            add(none);
            return;
        }
        Map<String, List<TalkTime.Dated>> byAssessor = rows.stream().collect(Collectors.groupingBy(
                TalkTimeOverTimeView::assessor, TreeMap::new, Collectors.toList()));
        byAssessor.forEach((assessor, theirs) -> {
            var summary = new Paragraph(String.format(Locale.ROOT, "%s: %d recording%s; median learner share %.0f %%;"
                    + " median thinking time %s.", assessor, theirs.size(), theirs.size() == 1 ? "" : "s",
                    median(theirs.stream().map(d -> d.analysis().figures().learnerSharePct()).toList()),
                    thinking(theirs)));
            summary.addClassName("talk-time-assessor");
            add(summary);
        });
        var grid = new Grid<TalkTime.Dated>();
        grid.setId("talk-time-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(TalkTimeOverTimeView::assessor).setHeader("Assessor").setAutoWidth(true);
        grid.addColumn(d -> DisplayFormats.date(d.discussion().heldOn())).setHeader("Held on").setAutoWidth(true);
        grid.addComponentColumn(d -> new Anchor("discussions/" + d.discussion().id(),
                d.discussion().learner().displayName() + ", " + d.discussion().unitCodes()))
                .setHeader("Discussion").setFlexGrow(2);
        grid.addColumn(d -> pct(d.analysis().figures().learnerSharePct())).setHeader("Learner share");
        grid.addColumn(d -> seconds(d.analysis().figures().medianAnswerPauseMs())).setHeader("Median thinking time");
        grid.addColumn(d -> d.analysis().figures().interruptions()).setHeader("Interruptions");
        grid.addColumn(d -> d.analysis().figures().runOnTurns()).setHeader("Run-on turns");
        grid.addColumn(d -> seconds(d.analysis().figures().longestMonologueMs())).setHeader("Longest monologue");
        grid.setItems(rows);
        add(grid);
    }

    private static String assessor(TalkTime.Dated d) {
        return d.discussion().assessor() == null ? "No assessor" : d.discussion().assessor().displayName();
    }

    private static String thinking(List<TalkTime.Dated> rows) {
        List<Double> pauses = rows.stream().map(d -> d.analysis().figures().medianAnswerPauseMs())
                .filter(p -> p != null).map(p -> p / 1000.0).toList();
        return pauses.isEmpty() ? "none measured" : String.format(Locale.ROOT, "%.1f s", median(pauses));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> v != null).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String pct(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f %%", value);
    }

    private static String seconds(Long ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
