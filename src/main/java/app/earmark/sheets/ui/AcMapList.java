package app.earmark.sheets.ui;

import app.earmark.base.TimeFormat;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.workspace.TagView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/** The recording's AC map beside the player: every tagged moment in time order; a click jumps there. */
class AcMapList extends Div {

    AcMapList(List<TagView> tags, Map<Long, AssessedCriterion> criteria, boolean severalUnits, LongConsumer seek) {
        setId("ac-map");
        addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        getStyle().set("flex", "1 1 18rem").set("max-height", "70vh").set("overflow", "auto");
        add(new H3("AC map"));
        if (tags.isEmpty()) {
            var none = new Paragraph("No moment of this recording is tagged yet.");
            none.setId("ac-map-empty");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(none);
            return;
        }
        tags.stream().sorted(Comparator.comparing(TagView::startMs).thenComparing(TagView::id)).forEach(tag -> {
            String acs = tag.criterionIds().stream().map(criteria::get).filter(c -> c != null)
                    .map(c -> severalUnits ? c.label() : "AC " + c.number()).collect(Collectors.joining(", "));
            String when = TimeFormat.counter(tag.startMs())
                    + (tag.endMs() == null ? "" : "–" + TimeFormat.counter(tag.endMs()));
            var entry = new Button(when + " " + acs, e -> seek.accept(tag.startMs()));
            entry.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            entry.addClassName("ac-map-entry");
            entry.getElement().setAttribute("data-start-ms", String.valueOf(tag.startMs()));
            var item = new Div(entry);
            if (tag.note() != null && !tag.note().isBlank()) {
                var note = new Span(tag.note());
                note.addClassNames("ac-map-note", LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY,
                        LumoUtility.Display.BLOCK, LumoUtility.Padding.Left.MEDIUM);
                item.add(note);
            }
            add(item);
        });
    }
}
