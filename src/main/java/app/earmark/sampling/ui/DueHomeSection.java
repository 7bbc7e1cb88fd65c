package app.earmark.sampling.ui;

import app.earmark.people.HomeSection;
import app.earmark.sampling.DueItem;
import app.earmark.sampling.Samples;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * On an IQA's home page: what is due for review, oldest first with why it was sampled and whether it is overdue (the
 * first few, each linking to its review), and a link to the whole list with coverage.
 */
@Component
class DueHomeSection implements HomeSection {

    static final int SHOWN = 5;

    private final Samples samples;
    private final CurrentUser currentUser;

    DueHomeSection(Samples samples, CurrentUser currentUser) {
        this.samples = samples;
        this.currentUser = currentUser;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create() {
        if (!currentUser.require().hasRole(Role.IQA)) {
            return Optional.empty();
        }
        Samples.DueSummary summary = samples.dueOfMine(SHOWN);
        List<DueItem> due = summary.first();
        long overdue = summary.overdue();
        var section = new Section(new H3("Due for QA review (" + summary.count() + ")"));
        section.setId("due-home");
        if (summary.count() == 0) {
            var none = new Paragraph("Nothing sampled is waiting for your review.");
            none.addClassNames("empty-state", LumoUtility.TextColor.SECONDARY);
            section.add(none);
        } else {
            if (overdue > 0) {
                var late = new Paragraph(overdue + " overdue.");
                late.setId("due-home-overdue");
                late.addClassNames(LumoUtility.TextColor.ERROR);
                section.add(late);
            }
            var list = new UnorderedList();
            due.forEach(d -> {
                var link = new Anchor(d.reviewPath(), d.learner().displayName() + ", " + d.unitCode() + " version "
                        + d.sheetVersion());
                link.addClassName("due-home-link");
                var item = new ListItem(link, new Span(" — " + d.reason() + (d.overdue() ? " (overdue)" : "")));
                list.add(item);
            });
            section.add(list);
        }
        var all = new RouterLink("Everything due, and coverage", SamplingDueView.class);
        all.setId("due-home-all");
        section.add(new Paragraph(all));
        return Optional.of(section);
    }
}
