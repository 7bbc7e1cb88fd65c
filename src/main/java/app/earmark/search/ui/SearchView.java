package app.earmark.search.ui;

import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.search.Facet;
import app.earmark.search.IndexStatus;
import app.earmark.search.Search;
import app.earmark.search.SearchDocument;
import app.earmark.search.SearchException;
import app.earmark.search.SearchQuery;
import app.earmark.search.SearchResult;
import app.earmark.search.SearchSort;
import app.earmark.search.Target;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search across the evidence the signed-in person may see ({@code /search?q=}): results as one types, facets with
 * exact counts that narrow the search, a date range, relevance or date order, hits grouped by discussion with the
 * matches marked. A hit at a moment opens the recording there; a sheet hit opens the sheet at its AC.
 */
@Route("search")
@PageTitle("Search · Earmark")
@Menu(order = 3, icon = "vaadin:search", title = "Search")
@PermitAll
class SearchView extends Main implements BeforeEnterObserver {

    private static final Map<Facet, String> LABELS = Map.of(Facet.KIND, "What", Facet.QUALIFICATION,
            "Qualification", Facet.UNIT, "Unit", Facet.AC, "AC", Facet.ASSESSOR, "Assessor", Facet.LEARNER,
            "Learner", Facet.OUTCOME, "Outcome", Facet.SHEET_STATE, "Sheet state", Facet.DISCUSSION_MODE, "Mode",
            Facet.QA_STATE, "QA state");
    private static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.UK);

    private final Search search;
    private final People people;
    private final ResultSheets sheets;
    private final TextField query = new TextField();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Select<SearchSort> sort = new Select<>();
    private final Div facets = new Div();
    private final Div results = new Div();
    private final Paragraph status = new Paragraph();
    private final Map<Facet, Set<String>> selected = new EnumMap<>(Facet.class);
    private final HorizontalLayout pager = new HorizontalLayout();
    private final Button previous = new Button("Previous results");
    private final Button next = new Button("More results");
    private int page;
    private boolean rebuilding;
    private final Paragraph indexState = new Paragraph();
    private final Paragraph buildState = new Paragraph();
    private final ProgressBar buildProgress = new ProgressBar();

    SearchView(Search search, People people, ResultSheets sheets, CurrentUser currentUser) {
        this.search = search;
        this.people = people;
        this.sheets = sheets;
        addClassNames(LumoUtility.Padding.MEDIUM);
        setId("main");
        query.setId("search-query");
        query.setLabel("Search the evidence");
        query.setPlaceholder("Words, \"a phrase\", an AC like 502/2.3");
        query.setClearButtonVisible(true);
        query.setWidthFull();
        query.setMaxLength(500);
        query.setValueChangeMode(ValueChangeMode.TIMEOUT);
        query.setValueChangeTimeout(300);
        query.addValueChangeListener(e -> run());
        from.setId("search-from");
        to.setId("search-to");
        from.addValueChangeListener(e -> run());
        to.addValueChangeListener(e -> run());
        sort.setId("search-sort");
        sort.setLabel("Order");
        sort.setItems(SearchSort.values());
        sort.setItemLabelGenerator(s -> s == SearchSort.DATE ? "Newest first" : "Best match");
        sort.setValue(SearchSort.RELEVANCE);
        sort.addValueChangeListener(e -> run());
        status.setId("search-status");
        status.getElement().setAttribute("role", "status");
        facets.setId("search-facets");
        facets.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL);
        facets.setMinWidth("14rem");
        results.setId("search-results");
        results.setWidthFull();
        var dates = new HorizontalLayout(from, to, sort);
        dates.setAlignItems(FlexLayout.Alignment.BASELINE);
        var body = new HorizontalLayout(facets, results);
        body.setWidthFull();
        previous.addClickListener(e -> showPage(page - 1));
        next.addClickListener(e -> showPage(page + 1));
        previous.setId("search-previous");
        next.setId("search-next");
        pager.setId("search-pager");
        pager.add(previous, next);
        pager.setVisible(false);
        var column = new Div(results, pager);
        column.setWidthFull();
        body.replace(results, column);
        add(new H1("Search"), query, dates, status, body);
        currentUser.find().filter(p -> p.hasRole(Role.ADMIN)).ifPresent(admin -> add(rebuildSection()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String q = event.getLocation().getQueryParameters().getSingleParameter("q").orElse("");
        rebuilding = true;
        try {
            query.setValue(q);
        } finally {
            rebuilding = false;
        }
        run();
        query.focus();
    }

    private Section rebuildSection() {
        indexState.setId("search-index-state");
        buildState.setId("search-rebuild-progress");
        buildState.getElement().setAttribute("role", "status");
        buildProgress.setId("search-rebuild-bar");
        buildProgress.getElement().setAttribute("aria-label", "Progress of the index rebuild");
        buildProgress.setVisible(false);
        var rebuild = new Button("Rebuild the search index", e -> {
            try {
                search.rebuild();
                showIndex();
            } catch (SearchException unavailable) {
                showIndex();
                buildState.setText("The rebuild could not start: " + unavailable.getMessage());
            }
        });
        rebuild.setId("search-rebuild");
        var section = new Section(new H2("Index"), indexState, rebuild, buildState, buildProgress);
        section.addClassNames(LumoUtility.Margin.Top.LARGE);
        // While a build runs, the page asks for its progress every second (and stops asking when it is done).
        section.addAttachListener(attach -> {
            showIndex();
            var registration = attach.getUI().addPollListener(poll -> showIndex());
            section.addDetachListener(detach -> {
                registration.remove();
                detach.getUI().setPollInterval(-1);
            });
        });
        return section;
    }

    /** The index's state and the build's progress; polls while a build runs. */
    void showIndex() {
        IndexStatus state = search.status();
        String waiting = state.backlog() == 0 ? "" : " " + state.backlog() + " changes wait to be indexed.";
        if (state.unavailable() != null) {
            indexState.setText("The " + state.engine() + " search engine cannot be reached: " + state.unavailable()
                    + waiting);
        } else {
            IndexStatus.Build last = state.lastBuilt();
            indexState.setText("Searches are answered by the " + state.engine() + " index " + state.live()
                    + " (mapping version " + state.liveVersion() + ")"
                    + (last != null && last.index().equals(state.live()) ? ", built from " + last.total()
                            + " discussions and result sheets and switched in at " + TIME.format(last.finishedAt())
                            : "")
                    + "." + waiting);
        }
        IndexStatus.Build building = state.building();
        UI ui = UI.getCurrent();
        if (building == null) {
            buildState.setText(state.unavailable() != null ? "" : "No rebuild in progress.");
            buildProgress.setVisible(false);
            if (ui != null) {
                ui.setPollInterval(-1);
            }
            return;
        }
        buildState.setText("Building " + building.index() + " (mapping version " + building.mappingVersion()
                + "), started by " + building.startedBy() + " at " + TIME.format(building.startedAt()) + ": "
                + building.done() + " of " + building.total() + " discussions and result sheets indexed.");
        buildProgress.setVisible(true);
        buildProgress.setValue(building.total() == 0 ? 0 : (double) building.done() / building.total());
        if (ui != null) {
            ui.setPollInterval(1000);
        }
    }

    private void run() {
        if (rebuilding) {
            return;
        }
        showPage(0);
    }

    private void showPage(int wanted) {
        results.removeAll();
        pager.setVisible(false);
        page = Math.max(0, wanted);
        try {
            SearchResult result = search.search(query.getValue(), selected, from.getValue(), to.getValue(),
                    sort.getValue(), page, PAGE_SIZE);
            long first = (long) page * PAGE_SIZE + 1;
            long last = Math.min(result.total(), first + PAGE_SIZE - 1);
            status.setText(result.total() == 1 ? "1 match" : result.total() + " matches"
                    + (result.total() > PAGE_SIZE ? "; " + first + "–" + last + " are shown" : ""));
            showFacets(result);
            showHits(result);
            previous.setEnabled(page > 0);
            next.setEnabled(last < result.total() && last + PAGE_SIZE <= SearchQuery.MAX_DEPTH);
            pager.setVisible(result.total() > PAGE_SIZE);
        } catch (SearchException.Unavailable e) {
            status.setText("Search is unavailable just now; everything else in Earmark keeps working. Try again"
                    + " in a moment.");
        } catch (SearchException e) {
            status.setText(e.getMessage());
        }
    }

    private void showFacets(SearchResult result) {
        rebuilding = true;
        try {
            facets.removeAll();
            Map<Long, String> names = names(result);
            for (Facet facet : Facet.values()) {
                List<SearchResult.FacetCount> counts = result.facet(facet);
                Set<String> chosen = selected.getOrDefault(facet, Set.of());
                if (counts.isEmpty() && chosen.isEmpty()) {
                    continue;
                }
                Map<String, Long> byValue = new HashMap<>();
                counts.forEach(c -> byValue.put(c.value(), c.count()));
                var values = new LinkedHashSet<String>();
                counts.forEach(c -> values.add(c.value()));
                values.addAll(chosen);
                var group = new CheckboxGroup<String>(LABELS.get(facet));
                group.setId("facet-" + facet.field());
                group.setItems(values);
                group.setItemLabelGenerator(v -> label(facet, v, names) + " (" + byValue.getOrDefault(v, 0L) + ")");
                group.setValue(chosen);
                group.addValueChangeListener(e -> {
                    if (e.getValue().isEmpty()) {
                        selected.remove(facet);
                    } else {
                        selected.put(facet, Set.copyOf(e.getValue()));
                    }
                    run();
                });
                facets.add(group);
            }
        } finally {
            rebuilding = false;
        }
    }

    private Map<Long, String> names(SearchResult result) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Facet facet : List.of(Facet.LEARNER, Facet.ASSESSOR)) {
            result.facet(facet).forEach(c -> parse(c.value()).ifPresent(ids::add));
            selected.getOrDefault(facet, Set.of()).forEach(v -> parse(v).ifPresent(ids::add));
        }
        return ids.isEmpty() ? Map.of() : people.refs(ids).values().stream()
                .collect(Collectors.toMap(PersonRef::id, PersonRef::displayName));
    }

    private static java.util.Optional<Long> parse(String value) {
        try {
            return java.util.Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String label(Facet facet, String value, Map<Long, String> names) {
        if (facet == Facet.LEARNER || facet == Facet.ASSESSOR) {
            return parse(value).map(names::get).orElse(value);
        }
        if (facet == Facet.UNIT || facet == Facet.AC || facet == Facet.QUALIFICATION) {
            return value;
        }
        String words = value.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void showHits(SearchResult result) {
        for (SearchResult.HitGroup group : result.groups()) {
            var section = new Section();
            section.addClassNames("search-group", LumoUtility.Padding.Vertical.SMALL, LumoUtility.Border.BOTTOM);
            SearchDocument first = group.hits().get(0).document();
            String heading = group.title() != null ? group.title()
                    : group.discussionId() != null ? "Discussion " + group.discussionId() : "Result sheet";
            var title = new H2(heading + " · " + (first.learnerName() == null ? "" : first.learnerName()));
            title.addClassNames(LumoUtility.FontSize.MEDIUM);
            section.add(title);
            for (SearchResult.Hit hit : group.hits()) {
                section.add(hit(hit));
            }
            results.add(section);
        }
    }

    private Div hit(SearchResult.Hit hit) {
        SearchDocument doc = hit.document();
        var row = new Div();
        row.addClassNames("search-hit", LumoUtility.Padding.Vertical.XSMALL);
        String what = label(Facet.KIND, doc.kind().name(), Map.of()) + " · " + doc.date()
                + (doc.acs().isEmpty() ? "" : " · " + String.join(", ", doc.acs()));
        var link = new Anchor(href(doc), what);
        link.addClassName("search-hit-link");
        row.add(link);
        for (SearchResult.Fragment fragment : hit.fragments()) {
            var text = new Div();
            text.addClassNames("search-fragment", LumoUtility.FontSize.SMALL);
            // Fragment.html() escapes the text and marks the matches with <mark>.
            text.getElement().setProperty("innerHTML", fragment.html());
            row.add(text);
        }
        return row;
    }

    private String href(SearchDocument doc) {
        Target target = doc.target();
        if (target instanceof Target.Moment moment) {
            return switch (doc.kind()) {
                case DISCUSSION_TITLE, PLAN_QUESTION -> "discussions/" + moment.discussionId();
                case DISPUTE -> "discussions/" + moment.discussionId() + "/notes";
                // The time counters' URL: that recording at that moment.
                default -> "discussions/" + moment.discussionId() + "/play?"
                        + (moment.recordingId() == null ? "" : "recording=" + moment.recordingId() + "&")
                        + "t=" + moment.ms() / 1000.0;
            };
        }
        Target.SheetAc sheet = (Target.SheetAc) target;
        try {
            SheetView view = sheets.get(sheet.sheetId());
            String ac = sheet.ac() == null ? "" : "#ac-" + sheet.ac().substring(sheet.ac().lastIndexOf('/') + 1)
                    .replace('.', '-');
            return "learners/" + view.learner().id() + "/units/" + view.unit().id() + "/sheet?version="
                    + view.versionNumber() + ac;
        } catch (RuntimeException e) {
            return "learners/" + doc.learnerId();
        }
    }
}
