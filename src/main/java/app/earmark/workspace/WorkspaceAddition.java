package app.earmark.workspace;

import app.earmark.recordings.RecordingSummary;
import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of the tagging workspace contributed by another module (such as the talk-time lanes under the waveform), so
 * that the workspace needs no knowledge of it. Implementations are Spring beans; the workspace shows their parts
 * beneath the player and waveform, in {@link #order()}.
 */
public interface WorkspaceAddition {

    /** Where the part goes among the contributed ones (lower first). */
    int order();

    /** The part for the recording on show and the signed-in person, or none. */
    Optional<Component> create(RecordingSummary recording);
}
