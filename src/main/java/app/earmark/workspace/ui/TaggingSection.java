package app.earmark.workspace.ui;

import app.earmark.base.TimeFormat;
import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.workspace.Coverage;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * On a discussion's page: its AC coverage with time counters, and for its assessors the ways in to
 * record live and to tag on playback.
 */
@org.springframework.stereotype.Component
class TaggingSection implements DiscussionSection {

    private final Tags tags;
    private final Discussions discussions;

    TaggingSection(Tags tags, Discussions discussions) {
        this.tags = tags;
        this.discussions = discussions;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(DiscussionSummary discussion) {
        Coverage coverage = tags.coverage(discussion.id());
        var section = new Section(new H3("Tags and coverage"));
        section.setId("tagging");
        var summary = new Paragraph(coverage.evidenced() + " of " + coverage.rows().size()
                + " ACs evidenced by tagged moments.");
        summary.setId("coverage-summary");
        section.add(summary);
        if (discussions.mayRecord(discussion)) {
            var record = new Button("Record live", VaadinIcon.MICROPHONE.create(), e -> e.getSource().getUI()
                    .ifPresent(ui -> ui.navigate("discussions/" + discussion.id() + "/record")));
            record.setId("record-live");
            var workspace = new Button("Open the tagging workspace", VaadinIcon.TAGS.create(), e -> e.getSource()
                    .getUI().ifPresent(ui -> ui.navigate("discussions/" + discussion.id() + "/workspace")));
            workspace.setId("open-workspace");
            workspace.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            section.add(new HorizontalLayout(record, workspace));
        }
        var grid = new Grid<Coverage.Row>();
        grid.setId("coverage-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(r -> r.criterion().label()).setHeader("AC").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.criterion().text()).setHeader("Criterion").setFlexGrow(3);
        grid.addColumn(r -> r.evidenced() ? r.counters().stream().map(c -> TimeFormat.counter(c.startMs()))
                .collect(Collectors.joining(", ")) : "not yet evidenced").setHeader("Time counters").setFlexGrow(2);
        grid.setItems(coverage.rows());
        section.add(grid);
        return Optional.of(section);
    }
}
