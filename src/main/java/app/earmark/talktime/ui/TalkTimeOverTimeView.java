package app.earmark.talktime.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.security.Role;
import app.earmark.talktime.TalkTime;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each assessor's talk-time figures over time, for the discussions the signed-in person may see: a centre's IQA or
 * administrator sees every assessor's, an assessor their own. One row per analysed recording, by assessor and date;
 * per assessor the median learner share and thinking time, and both as small charts by date. The dates (and, with
 * several assessors, the assessor) can be narrowed.
 */
@Route("talk-time")
@Menu(order = 32, icon = "vaadin:chart", title = "Talk time")
@PageTitle("Talk time over time · Earmark")
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN, Role.Name.ASSESSOR})
class TalkTimeOverTimeView extends Main implements BeforeEnterObserver {

    private static final String ALL = "All assessors";

    private final TalkTime talkTime;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Select<String> assessors = new Select<>();
    private final Div shown = new Div();
    private List<TalkTime.Dated> rows = List.of();

    TalkTimeOverTimeView(TalkTime talkTime) {
        this.talkTime = talkTime;
        addClassNames(LumoUtility.Padding.MEDIUM);
        from.setId("talk-time-from");
        to.setId("talk-time-to");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        assessors.setId("talk-time-assessor");
        assessors.setLabel("Assessor");
        assessors.setEmptySelectionAllowed(true);
        assessors.setEmptySelectionCaption(ALL);
        assessors.setItemLabelGenerator(name -> name == null ? ALL : name);
        from.addValueChangeListener(e -> show());
        to.addValueChangeListener(e -> show());
        assessors.addValueChangeListener(e -> show());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H1("Talk time over time"));
        rows = talkTime.overTime();
        if (rows.isEmpty()) {
            var none = new Paragraph("No discussion you may see has a recording with one party per channel yet, so"
                    + " there are no talk-time figures to show.");
            none.setId("talk-time-none");
            add(none);
            return;
        }
        add(new Paragraph("Each analysed recording of the discussions you may see, by assessor and the date the"
                + " discussion was held. The learner should do most of the talking: the dashed line marks half."));
        List<String> names = rows.stream().map(TalkTimeOverTimeView::assessor).distinct().sorted().toList();
        assessors.setItems(names);
        assessors.setVisible(names.size() > 1);
        var filters = new HorizontalLayout(from, to, assessors);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters, shown);
        show();
    }

    /** The rows within the chosen dates (and of the chosen assessor), as a section per assessor and one table. */
    private void show() {
        shown.removeAll();
        LocalDate since = from.getValue();
        LocalDate until = to.getValue();
        if (since != null && until != null && until.isBefore(since)) {
            var wrong = new Paragraph("\"To\" (" + DisplayFormats.date(until) + ") is before \"From\" ("
                    + DisplayFormats.date(since) + "): choose a \"To\" date on or after it.");
            wrong.setId("talk-time-dates-wrong");
            shown.add(wrong);
            return;
        }
        List<TalkTime.Dated> within = rows.stream()
                .filter(d -> since == null || !d.discussion().heldOn().isBefore(since))
                .filter(d -> until == null || !d.discussion().heldOn().isAfter(until))
                .filter(d -> assessors.getValue() == null || assessors.getValue().equals(assessor(d)))
                .toList();
        if (within.isEmpty()) {
            var none = new Paragraph("No analysed recording in the dates and assessor chosen.");
            none.setId("talk-time-none-chosen");
            shown.add(none);
            return;
        }
        Map<String, List<TalkTime.Dated>> byAssessor = within.stream().collect(Collectors.groupingBy(
                TalkTimeOverTimeView::assessor, TreeMap::new, Collectors.toList()));
        byAssessor.forEach((assessor, theirs) -> shown.add(section(assessor, theirs)));
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
        grid.setItems(within);
        shown.add(grid);
    }

    /** One assessor: their medians in words, and learner share and thinking time as small charts by date. */
    private static Div section(String assessor, List<TalkTime.Dated> theirs) {
        var section = new Div();
        section.addClassName("talk-time-assessor-section");
        var summary = new Paragraph(String.format(Locale.ROOT, "%s: %d recording%s; median learner share %s;"
                + " median thinking time %s.", assessor, theirs.size(), theirs.size() == 1 ? "" : "s",
                pct(median(theirs.stream().map(d -> d.analysis().figures().learnerSharePct()).toList())),
                thinking(theirs)));
        summary.addClassName("talk-time-assessor");
        List<TalkTrend.Point> shares = theirs.stream().filter(d -> d.analysis().figures().learnerSharePct() != null)
                .map(d -> new TalkTrend.Point(d.discussion().heldOn(), d.analysis().figures().learnerSharePct()))
                .toList();
        List<TalkTrend.Point> pauses = theirs.stream().filter(d -> d.analysis().figures().medianAnswerPauseMs() != null)
                .map(d -> new TalkTrend.Point(d.discussion().heldOn(),
                        d.analysis().figures().medianAnswerPauseMs() / 1000.0))
                .toList();
        double pauseTop = Math.max(4, Math.ceil(pauses.stream().mapToDouble(TalkTrend.Point::value).max().orElse(0)));
        var charts = new Div(new Html("<div class='talk-trend-share'><div>Learner share</div>" + TalkTrend.chart(
                        "Learner share of " + assessor, shares, 100, v -> String.format(Locale.ROOT, "%.0f %%", v),
                        50.0) + "</div>"),
                new Html("<div class='talk-trend-thinking'><div>Median thinking time</div>" + TalkTrend.chart(
                        "Median thinking time of " + assessor, pauses, pauseTop,
                        v -> String.format(Locale.ROOT, "%.1f s", v), null) + "</div>"));
        charts.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM);
        section.add(new H2(assessor), summary, charts);
        return section;
    }

    private static String assessor(TalkTime.Dated d) {
        return d.discussion().assessor() == null ? "No assessor" : d.discussion().assessor().displayName();
    }

    private static String thinking(List<TalkTime.Dated> rows) {
        List<Double> pauses = rows.stream().map(d -> d.analysis().figures().medianAnswerPauseMs())
                .filter(p -> p != null).map(p -> p / 1000.0).toList();
        return pauses.isEmpty() ? "none measured" : String.format(Locale.ROOT, "%.1f s", median(pauses));
    }

    private static Double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> v != null).sorted().toList();
        if (sorted.isEmpty()) {
            return null;
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
