package app.earmark.people;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of a learner's page contributed by another module (result sheets and progress, quality
 * assurance), so that this module's page needs no knowledge of them. Implementations are Spring beans;
 * the page shows their sections in {@link #order()} after its own.
 */
public interface LearnerSection {

    /** Where the section goes among the contributed ones (lower first). */
    int order();

    /** The section for this learner and the signed-in person, or none. */
    Optional<Component> create(LearnerSummary learner);
}
