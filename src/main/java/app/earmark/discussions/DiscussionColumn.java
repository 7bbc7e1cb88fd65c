package app.earmark.discussions;

import java.util.List;
import java.util.Map;

/**
 * A column of the discussions list contributed by another module (e.g. the state of each discussion's recording),
 * so that this module's list needs no knowledge of it. Implementations are Spring beans; the list shows their columns
 * in {@link #order()} after its own.
 */
public interface DiscussionColumn {

    /** Where the column goes among the contributed ones (lower first). */
    int order();

    /** The column's header. */
    String header();

    /** The column's text for each of the listed discussions, by discussion id; asked once per listing. */
    Map<Long, String> values(List<DiscussionSummary> discussions);
}
