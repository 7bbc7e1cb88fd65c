package app.earmark.workspace.ui;

import app.earmark.workspace.TagEvents.TagsChanged;
import app.earmark.workspace.TagView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.dom.Element;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps a tagging component's tags current. The whole list goes once, as the {@code tags-json} attribute
 * when the component is made; after that each committed change goes on its own
 * ({@code applyTagChange}, one tag or one deleted id), so a change costs the same whatever the number of
 * tags. Should the element be sent to the browser again (detached and attached again), it gets the list as
 * it is then, with any change made while it was detached.
 */
final class TagFeed {

    private final Element element;
    private final Supplier<List<TagView>> current;

    TagFeed(Element element, Supplier<List<TagView>> current) {
        this.element = element;
        this.current = current;
    }

    void showAll(List<TagView> tags) {
        element.setAttribute("tags-json", TaggingJson.tags(tags));
    }

    /** Sends one committed change (call inside {@code UI.access}). */
    void send(TagsChanged change) {
        element.callJsFunction("applyTagChange", TaggingJson.change(change));
    }

    /**
     * Sends one committed change from another thread (the broadcaster's) to the page of {@code ui}; nothing to a
     * UI that is closing or has lost its session (the page was left, the person signed out): its push connection
     * is being closed, and a write to it then races with the close.
     */
    void push(UI ui, TagsChanged change) {
        if (ui.isClosing() || ui.getSession() == null) {
            return;
        }
        try {
            ui.access(() -> {
                if (!ui.isClosing()) {
                    send(change);
                }
            });
        } catch (UIDetachedException gone) {
            // The page went away between the check and the access: there is no one to tell.
        }
    }

    /**
     * The element is attached again: its attribute is what the browser will get, so bring it up to date
     * (changes sent one by one, or made while it was detached, are not in it).
     */
    void reattached() {
        showAll(current.get());
    }
}
