package app.earmark.discussions;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of a discussion's page contributed by another module (tags and coverage, result sheets, quality
 * assurance), so that this module's page needs no knowledge of them. Implementations are Spring beans;
 * the page shows their sections in {@link #order()} after its own.
 */
public interface DiscussionSection {

    /** Where the section goes among the contributed ones (lower first). */
    int order();

    /** The section for this discussion and the signed-in person, or none. */
    Optional<Component> create(DiscussionSummary discussion);
}
