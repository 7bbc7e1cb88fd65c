package app.earmark.people;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of the signed-in person's home page contributed by another module (e.g. the QA actions an assessor must
 * answer), so that this module's page needs no knowledge of them. Implementations are Spring beans; the page shows
 * their sections in {@link #order()} after its own, and each decides from the signed-in person whether it shows.
 */
public interface HomeSection {

    /** Where the section goes among the contributed ones (lower first). */
    int order();

    /** The section for the signed-in person, or none. */
    Optional<Component> create();
}
