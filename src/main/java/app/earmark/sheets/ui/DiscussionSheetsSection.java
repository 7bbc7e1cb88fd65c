package app.earmark.sheets.ui;

import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.sheets.ResultSheets;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;

/** On a discussion's page: the result sheet of each unit it assesses, for its learner, with its state. */
@org.springframework.stereotype.Component
class DiscussionSheetsSection implements DiscussionSection {

    private final ResultSheets sheets;

    DiscussionSheetsSection(ResultSheets sheets) {
        this.sheets = sheets;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        long learner = discussion.learner().id();
        var section = new Section(new H3("Result sheets"));
        section.setId("discussion-sheets");
        var help = new Paragraph("Each unit's sheet shows the annotated time counters of every tagged discussion of "
                + discussion.learner().displayName() + " beside its ACs.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var list = new UnorderedList();
        discussion.units().forEach(unit -> {
            var link = new Anchor(SheetLinks.sheet(learner, unit.id()), unit.code() + " " + unit.title());
            var state = new Span(" · " + SheetLinks.status(sheets.current(learner, unit.id())));
            state.addClassNames(LumoUtility.TextColor.SECONDARY);
            var item = new ListItem(link, state);
            item.addClassName("unit-sheet");
            list.add(item);
        });
        section.add(help, list);
        return Optional.of(section);
    }
}
