package app.earmark.search;

import java.time.OffsetDateTime;

/**
 * The search index as the administrator sees it.
 *
 * @param engine         "lucene" or "elasticsearch"
 * @param mappingVersion the mapping version this Earmark builds
 * @param live           the index that answers searches ({@code v1-…}), or null when the engine cannot be reached
 * @param liveVersion    its mapping version
 * @param building       the build in progress, or null
 * @param lastBuilt      the build that made the live index, when it is recorded, or null
 * @param backlog        changes waiting to be indexed
 * @param unavailable    why the engine cannot be reached, or null
 */
public record IndexStatus(String engine, int mappingVersion, String live, int liveVersion, Build building,
        Build lastBuilt, long backlog, String unavailable) {

    /**
     * One rebuild.
     *
     * @param index      the index it builds
     * @param done       discussions and result sheets indexed so far
     * @param total      how many there are to index
     * @param finishedAt when it was switched in, or null while building
     */
    public record Build(String index, int mappingVersion, String startedBy, OffsetDateTime startedAt, int done,
            int total, OffsetDateTime finishedAt) {
    }
}
