package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded engine, plus what only it has: its folder survives a restart. */
class LuceneSearchIndexTest extends SearchIndexContract {

    @TempDir
    Path folder;

    private LuceneSearchIndex lucene;

    @Override
    SearchIndex openEmptyIndex() {
        lucene = new LuceneSearchIndex(folder.resolve("search"));
        return lucene;
    }

    @Override
    void refresh() {
        lucene.refresh();
    }

    @Override
    void closeIndex() {
        lucene.close();
    }

    @Test
    void theIndexIsKeptAcrossARestart() {
        indexAll();
        lucene.close();
        lucene = new LuceneSearchIndex(folder.resolve("search"));
        index = lucene;
        assertThat(ids(search("\"GROW model\""))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(index.version("sheet-ac:5:502/2.3")).isEqualTo(3);
        index.upsert(List.of(SHEET_FEEDBACK.withVersionAndText(2, "older")));
        refresh();
        assertThat(search("older").total()).isZero();
    }
}
