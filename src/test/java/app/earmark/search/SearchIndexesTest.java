package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.search.IndexStore.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned indexes on the embedded engine: a fresh install builds its first index, a rebuild goes into a new index
 * while the old one answers and both receive changes, the switch is one step, a restart carries on with the same
 * build, and an index of an older mapping version (or one written before versions were kept) is recognised.
 */
class SearchIndexesTest {

    static final Set<Long> VISIBLE = Set.of(1L);

    @TempDir
    Path folder;

    private SearchIndexes indexes;

    @AfterEach
    void close() {
        if (indexes != null) {
            indexes.close();
        }
    }

    private SearchIndexes open() {
        indexes = new SearchIndexes(new LuceneIndexStore(folder));
        return indexes;
    }

    static SearchDocument note(String id, long version, String text) {
        return SearchDocument.builder(id, version, DocumentKind.TAG_NOTE, 1, LocalDate.of(2026, 3, 2),
                new Target.Moment(100, 1_000)).discussion(100L, "Coaching").text(text).build();
    }

    private long found(String word) {
        ((LuceneSearchIndex) indexes.liveIndex()).refresh();
        return indexes.search(SearchQuery.of(word, VISIBLE)).total();
    }

    @Test
    void aFreshInstallMakesItsFirstIndexLiveAndBuildingAtOnce() {
        Layout layout = open().layout();
        assertThat(layout.live()).matches("v" + LuceneIndexStore.MAPPING_VERSION + "-[a-z0-9]+");
        assertThat(layout.building()).isEqualTo(layout.live());
        assertThat(layout.liveVersion()).isEqualTo(LuceneIndexStore.MAPPING_VERSION);
        indexes.upsert(List.of(note("tag:1", 1, "first words")));
        assertThat(found("first")).isEqualTo(1);

        indexes.finishBuild(layout.building());
        assertThat(indexes.layout()).isEqualTo(new Layout(layout.live(), LuceneIndexStore.MAPPING_VERSION, null));
        assertThat(found("first")).isEqualTo(1);
    }

    @Test
    void aRebuildGoesIntoANewIndexWhileTheOldOneAnswersAndIsSwitchedInAtOnce() {
        String old = open().layout().live();
        indexes.finishBuild(old);
        indexes.upsert(List.of(note("tag:1", 1, "kept oldword"), note("tag:2", 1, "removed goneword")));
        assertThat(found("oldword")).isEqualTo(1);

        String name = indexes.startBuild();
        assertThat(name).isNotEqualTo(old);
        assertThat(indexes.layout()).isEqualTo(new Layout(old, LuceneIndexStore.MAPPING_VERSION, name));
        // The old index keeps answering while the new one is empty.
        assertThat(found("oldword")).isEqualTo(1);
        // A change during the build reaches both: the old one answers with it now, the new one has it after.
        indexes.upsert(List.of(note("tag:3", 5, "during newword")));
        assertThat(found("newword")).isEqualTo(1);
        // The build writes every subject again (here: tag:1 only; tag:2's subject is gone).
        indexes.upsert(List.of(note("tag:1", 6, "kept oldword")));
        assertThat(found("goneword")).isEqualTo(1);

        indexes.finishBuild(name);
        assertThat(indexes.layout()).isEqualTo(new Layout(name, LuceneIndexStore.MAPPING_VERSION, null));
        assertThat(found("oldword")).isEqualTo(1);
        assertThat(found("newword")).isEqualTo(1);
        assertThat(found("goneword")).isZero();
        assertThat(folder.resolve(old)).doesNotExist();
        assertThat(folder.resolve(name)).isDirectory();
    }

    @Test
    void aRestartDuringABuildCarriesOnWithTheSameBuildWhileTheOldIndexAnswers() {
        String old = open().layout().live();
        indexes.finishBuild(old);
        indexes.upsert(List.of(note("tag:1", 1, "before restart")));
        String name = indexes.startBuild();
        indexes.upsert(List.of(note("tag:2", 2, "halfway built")));
        indexes.close();

        open();
        assertThat(indexes.layout()).isEqualTo(new Layout(old, LuceneIndexStore.MAPPING_VERSION, name));
        assertThat(found("before")).isEqualTo(1);
        indexes.upsert(List.of(note("tag:3", 3, "after restart")));
        indexes.finishBuild(name);
        assertThat(found("halfway")).isEqualTo(1);
        assertThat(found("after")).isEqualTo(1);
        assertThat(found("before")).isZero();
    }

    @Test
    void startingAgainDropsAnUnfinishedBuild() {
        String old = open().layout().live();
        indexes.finishBuild(old);
        String first = indexes.startBuild();
        String second = indexes.startBuild();
        assertThat(indexes.layout()).isEqualTo(new Layout(old, LuceneIndexStore.MAPPING_VERSION, second));
        assertThat(folder.resolve(first)).doesNotExist();
    }

    @Test
    void anIndexOfAnOlderMappingVersionIsRecognisedAndKeepsAnsweringUntilReplaced() throws Exception {
        var older = new LuceneIndexStore(folder);
        older.create("v0-old", true);
        older.switchTo("v0-old", null);
        try (var lucene = new LuceneSearchIndex(folder.resolve("v0-old"))) {
            lucene.upsert(List.of(note("tag:1", 1, "olderversion")));
        }
        Layout layout = open().layout();
        assertThat(layout).isEqualTo(new Layout("v0-old", 0, null));
        assertThat(layout.liveVersion()).isLessThan(indexes.mappingVersion());
        assertThat(found("olderversion")).isEqualTo(1);
    }

    @Test
    void anIndexWrittenBeforeVersionsWereKeptIsVersionOneAndItsFilesGoAfterARebuild() throws Exception {
        try (var lucene = new LuceneSearchIndex(folder)) {
            lucene.upsert(List.of(note("tag:1", 1, "unversioned")));
        }
        assertThat(open().layout()).isEqualTo(new Layout("", 1, null));
        assertThat(found("unversioned")).isEqualTo(1);
        String name = indexes.startBuild();
        indexes.finishBuild(name);
        assertThat(found("unversioned")).isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(name, LuceneIndexStore.LAYOUT_FILE);
        }
    }
}
