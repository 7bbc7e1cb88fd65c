package app.earmark.sheets.ui;

import app.earmark.base.TimeFormat;
import app.earmark.sheets.TimeCounterRef;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;

/** An AC's annotated time counters ("1m 55s"), each a link that opens the recording at that moment. */
final class TimeCounters {

    private TimeCounters() {
    }

    static Div of(List<TimeCounterRef> counters) {
        var box = new Div();
        box.addClassNames("time-counters", LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL,
                LumoUtility.AlignItems.BASELINE);
        var label = new Span("Annotated time counters:");
        label.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        box.add(label);
        if (counters.isEmpty()) {
            var none = new Span("none yet (no tagged moment of a discussion evidences this AC)");
            none.addClassNames("no-time-counter", LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            box.add(none);
            return box;
        }
        counters.forEach(counter -> box.add(link(counter)));
        return box;
    }

    static Anchor link(TimeCounterRef counter) {
        String text = TimeFormat.counter(counter.startMs())
                + (counter.endMs() == null ? "" : "–" + TimeFormat.counter(counter.endMs()));
        var link = new Anchor(counter.playbackPath(), text);
        link.addClassName("time-counter");
        // Navigate inside the page, so that the click still counts as the person's gesture when playback starts.
        link.getElement().setAttribute("router-link", true);
        link.getElement().setAttribute("data-start-ms", String.valueOf(counter.startMs()));
        link.getElement().setAttribute("title", "Play discussion " + counter.discussionId() + ", recording "
                + counter.recordingId() + " from " + TimeFormat.clock(counter.startMs())
                + (counter.note() == null || counter.note().isBlank() ? "" : ": " + counter.note()));
        return link;
    }
}
