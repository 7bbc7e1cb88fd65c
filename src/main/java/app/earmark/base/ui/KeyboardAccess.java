package app.earmark.base.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import java.util.function.Consumer;

/** What keyboard users need beyond what the components give: skip links, and grid rows that open. */
public final class KeyboardAccess {

    private KeyboardAccess() {
    }

    /**
     * A link, shown only while it has the keyboard focus, that moves the focus to the first element matching the
     * selector (the move is made in the browser by {@code frontend/accessibility.ts}).
     */
    public static Anchor skipLink(String text, String selector) {
        var link = new Anchor("#", text);
        link.addClassName("skip-link");
        link.getElement().setAttribute("data-skip-to", selector);
        return link;
    }

    /**
     * Opens a row's item when it is clicked, and when Enter or Space is pressed on any of its cells: a grid's rows
     * take the keyboard focus, so a keyboard user must be able to open what a click opens.
     */
    public static <T> void openRows(Grid<T> grid, Consumer<T> open) {
        grid.addItemClickListener(e -> open.accept(e.getItem()));
        String key = "element.getEventContext(event).item.key";
        grid.getElement().addEventListener("keydown", e -> {
            T item = grid.getDataCommunicator().getKeyMapper().get(e.getEventData().getString(key));
            if (item != null) {
                open.accept(item);
            }
        }).setFilter("(event.key === 'Enter' || event.key === ' ') && !element.hasAttribute('interacting')"
                + " && element.getEventContext(event).section === 'body' && !!element.getEventContext(event).item")
                .addEventData(key);
    }
}
