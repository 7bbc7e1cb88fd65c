package app.earmark.workspace.ui;

import app.earmark.workspace.TagEvents.TagsChanged;
import app.earmark.workspace.TagView;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps a tagging component's tags current. The whole list goes once, as the {@code tags-json} attribute
 * when the component is made; after that each committed change goes on its own
 * ({@code applyTagChange}, one tag or one deleted id), so a change costs the same whatever the number of
 * tags. Should the element be sent to the browser again (detached and attached again), it gets the list as
 * it is then.
 */
final class TagFeed {

    private final Element element;
    private final Supplier<List<TagView>> current;
    /** Changes were sent since {@code tags-json} was last set: the attribute is behind. */
    private boolean attributeBehind;

    TagFeed(Element element, Supplier<List<TagView>> current) {
        this.element = element;
        this.current = current;
    }

    void showAll(List<TagView> tags) {
        element.setAttribute("tags-json", TaggingJson.tags(tags));
        attributeBehind = false;
    }

    /** Sends one committed change (call inside {@code UI.access}). */
    void send(TagsChanged change) {
        attributeBehind = true;
        element.callJsFunction("applyTagChange", TaggingJson.change(change));
    }

    /** The element is attached again: bring its attribute up to date, if changes went out meanwhile. */
    void reattached() {
        if (attributeBehind) {
            showAll(current.get());
        }
    }
}
