package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.earmark.search.SearchResult.FacetCount;
import app.earmark.search.SearchResult.Fragment;
import app.earmark.search.SearchResult.Hit;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SearchIndex} engine passes, with the same assertions: text analysis (phrases, prefixes,
 * ACs as written, accents and case), exact facet counts under filters, the access filter, highlighting, sorting,
 * paging, versioned upserts, deletes and near-real-time visibility.
 */
abstract class SearchIndexContract {

    static final long ZOE = 1;
    static final long SEAN = 2;
    /** A learner the person searching may not see. */
    static final long HIDDEN = 3;
    static final Set<Long> VISIBLE = Set.of(ZOE, SEAN);

    SearchIndex index;

    /** A fresh, empty index of the engine under test. */
    abstract SearchIndex openEmptyIndex();

    /** Makes the changes so far searchable now (the near-real-time test waits instead). */
    abstract void refresh();

    void closeIndex() {
    }

    @BeforeEach
    void openIndex() {
        index = openEmptyIndex();
    }

    @AfterEach
    void close() {
        closeIndex();
    }

    static final SearchDocument COACHING_NOTE = SearchDocument.builder("tag:1", 1, DocumentKind.TAG_NOTE, ZOE,
                    LocalDate.of(2026, 3, 2), new Target.Moment(100, 61_000))
            .learner("Zoë Brontë").assessor(10L, "Amélie Dupont").discussion(100L, "Coaching conversation")
            .text("The learner explained the GROW model and how goals shape a session.")
            .qualification("L3-COACH").acs(List.of("502/2.3")).discussionMode("FACE_TO_FACE").build();
    static final SearchDocument GROWTH_NOTE = SearchDocument.builder("tag:2", 1, DocumentKind.TAG_NOTE, ZOE,
                    LocalDate.of(2026, 3, 2), new Target.Moment(100, 125_000))
            .learner("Zoë Brontë").assessor(10L, "Amélie Dupont").discussion(100L, "Coaching conversation")
            .text("Model answers about growth and feedback.")
            .qualification("L3-COACH").acs(List.of("502/1.1")).discussionMode("FACE_TO_FACE").build();
    static final SearchDocument SHEET_FEEDBACK = SearchDocument.builder("sheet-ac:5:502/2.3", 3,
                    DocumentKind.SHEET_AC_FEEDBACK, SEAN, LocalDate.of(2026, 4, 10), new Target.SheetAc(5, "502/2.3"))
            .learner("Seán O'Brien").assessor(11L, "Bob Smith").discussion(200L, "Remote review")
            .text("Clear use of the GROW model with a reluctant coachee.").qualification("L3-COACH")
            .acs(List.of("502/2.3")).outcome("PASS").sheetState("SIGNED").discussionMode("REMOTE").build();
    static final SearchDocument OTHER_UNIT = SearchDocument.builder("tag:4", 1, DocumentKind.TAG_NOTE, SEAN,
                    LocalDate.of(2026, 4, 11), new Target.Moment(200, 5_000))
            .learner("Seán O'Brien").assessor(11L, "Bob Smith").discussion(200L, "Remote review")
            .text("Discussed criterion 2.3 of another unit").qualification("L3-COACH").acs(List.of("8587-601/2.3"))
            .discussionMode("REMOTE").build();
    static final SearchDocument CAFE_QA_NOTE = SearchDocument.builder("qa-note:6", 1, DocumentKind.QA_NOTE, SEAN,
                    LocalDate.of(2026, 4, 12), new Target.Moment(200, 9_000))
            .learner("Seán O'Brien").assessor(11L, "Bob Smith").discussion(200L, "Remote review")
            .text("Café conversation with Zoë about naïve questions").qualification("L3-COACH")
            .qaState("ACTION_REQUIRED").discussionMode("REMOTE").build();
    /** Of a learner the searcher may not see: must never show, in hits, totals or facets. */
    static final SearchDocument SECRET = SearchDocument.builder("tag:5", 1, DocumentKind.TAG_NOTE, HIDDEN,
                    LocalDate.of(2026, 5, 1), new Target.Moment(300, 1_000))
            .learner("Hidden Person").assessor(12L, "Secret Assessor").discussion(300L, "Secret discussion")
            .text("The GROW model, a secret coaching referral 2.3").qualification("L3-SECRET")
            .acs(List.of("502/2.3")).outcome("REFERRAL").sheetState("VOIDED").discussionMode("LIVE")
            .qaState("SAMPLED").build();

    void indexAll() {
        index.upsert(List.of(COACHING_NOTE, GROWTH_NOTE, SHEET_FEEDBACK, OTHER_UNIT, CAFE_QA_NOTE, SECRET));
        refresh();
    }

    SearchResult search(String text) {
        return index.search(SearchQuery.of(text, VISIBLE));
    }

    static List<String> ids(SearchResult result) {
        return result.hits().stream().map(h -> h.document().id()).toList();
    }

    static List<FacetCount> counts(Object... valueAndCount) {
        return java.util.stream.IntStream.range(0, valueAndCount.length / 2)
                .mapToObj(i -> new FacetCount((String) valueAndCount[2 * i], ((Number) valueAndCount[2 * i + 1])
                        .longValue())).toList();
    }

    @Test
    void aPhraseFindsTheWordsNextToEachOtherInThatOrderOnly() {
        indexAll();
        assertThat(ids(search("\"GROW model\""))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(ids(search("\"model GROW\""))).isEmpty();
        // Without quotes both words anywhere, the last one as a prefix: "Model ... growth" is no match for "grow".
        assertThat(ids(search("grow model"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
    }

    @Test
    void theLastWordMatchesAsAPrefixWhileTyping() {
        indexAll();
        assertThat(ids(search("gro"))).containsExactlyInAnyOrder("tag:1", "tag:2", "sheet-ac:5:502/2.3");
        assertThat(ids(search("GROW mod"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        // A finished word (followed by a space) is a whole word; a trailing * asks for a prefix anywhere.
        assertThat(ids(search("gro "))).isEmpty();
        assertThat(ids(search("coach* reluctant"))).containsExactly("sheet-ac:5:502/2.3");
    }

    @Test
    void acNumbersAreFoundAsTheyAreWritten() {
        indexAll();
        assertThat(ids(search("2.3"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3", "tag:4");
        assertThat(ids(search("AC 2.3"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3", "tag:4");
        assertThat(ids(search("502/2.3"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(ids(search("ac 502/2.3"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(ids(search("AC502/2.3 grow"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        // The catalogue writes a unit with its qualification (8587-601); people write the unit's number alone.
        assertThat(ids(search("601/2.3"))).containsExactly("tag:4");
        assertThat(ids(search("AC 601/2.3"))).containsExactly("tag:4");
        assertThat(ids(search("8587-601/2.3"))).containsExactly("tag:4");
        assertThat(ids(search("502/1.1"))).containsExactly("tag:2");
        assertThat(ids(search("2.4"))).isEmpty();
    }

    @Test
    void namesAndWordsAreFoundWhateverTheirAccentsAndCase() {
        indexAll();
        assertThat(ids(search("zoe bronte"))).containsExactlyInAnyOrder("tag:1", "tag:2");
        assertThat(ids(search("ZOË"))).containsExactlyInAnyOrder("tag:1", "tag:2", "qa-note:6");
        assertThat(ids(search("sean o'brien cafe"))).containsExactly("qa-note:6");
        assertThat(ids(search("NAIVE"))).containsExactly("qa-note:6");
        assertThat(ids(search("amelie"))).containsExactlyInAnyOrder("tag:1", "tag:2");
    }

    @Test
    void facetsCountExactlyWhatMatchesUnderTheFilters() {
        indexAll();
        SearchResult all = index.search(SearchQuery.of("", VISIBLE));
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.facet(Facet.UNIT)).containsExactly(counts("502", 3, "8587-601", 1).toArray(FacetCount[]::new));
        assertThat(all.facet(Facet.DISCUSSION_MODE)).containsExactly(
                counts("REMOTE", 3, "FACE_TO_FACE", 2).toArray(FacetCount[]::new));

        SearchResult unit502 = index.search(SearchQuery.of("", VISIBLE).withFilter(Facet.UNIT, "502"));
        assertThat(unit502.total()).isEqualTo(3);
        assertThat(unit502.facet(Facet.LEARNER)).containsExactly(counts("1", 2, "2", 1).toArray(FacetCount[]::new));
        assertThat(unit502.facet(Facet.AC)).containsExactly(
                counts("502/2.3", 2, "502/1.1", 1).toArray(FacetCount[]::new));
        assertThat(unit502.facet(Facet.KIND)).containsExactly(
                counts("TAG_NOTE", 2, "SHEET_AC_FEEDBACK", 1).toArray(FacetCount[]::new));
        assertThat(unit502.facet(Facet.ASSESSOR)).containsExactly(counts("10", 2, "11", 1).toArray(FacetCount[]::new));
        assertThat(unit502.facet(Facet.OUTCOME)).containsExactly(counts("PASS", 1).toArray(FacetCount[]::new));
        assertThat(unit502.facet(Facet.QA_STATE)).isEmpty();

        // Values of one facet are alternatives (OR); facets combine with AND, and with the text.
        SearchResult narrowed = index.search(SearchQuery.of("grow", VISIBLE).withFilter(Facet.AC, "502/2.3", "8587-601/2.3")
                .withFilter(Facet.DISCUSSION_MODE, "REMOTE"));
        assertThat(ids(narrowed)).containsExactly("sheet-ac:5:502/2.3");
        assertThat(narrowed.facet(Facet.SHEET_STATE)).containsExactly(counts("SIGNED", 1).toArray(FacetCount[]::new));

        // The page asks for each facet's most frequent values only: still exact, ties by value.
        SearchResult top = index.search(SearchQuery.of("", VISIBLE).withFacetValues(1));
        assertThat(top.total()).isEqualTo(5);
        assertThat(top.facet(Facet.UNIT)).containsExactly(counts("502", 3).toArray(FacetCount[]::new));
        assertThat(top.facet(Facet.DISCUSSION_MODE)).containsExactly(counts("REMOTE", 3).toArray(FacetCount[]::new));
        assertThat(index.search(SearchQuery.of("", VISIBLE).withFacetValues(2)).facet(Facet.UNIT))
                .containsExactly(counts("502", 3, "8587-601", 1).toArray(FacetCount[]::new));

        SearchResult unknown = index.search(SearchQuery.of("", VISIBLE).withFilter(Facet.UNIT, "no-such-unit"));
        assertThat(unknown.total()).isZero();
        assertThat(unknown.facets()).isEmpty();
    }

    @Test
    void aLearnerOutsideTheVisibleSetNeverShowsInHitsCountsOrFacets() {
        indexAll();
        assertThat(search("secret").total()).isZero();
        assertThat(search("\"GROW model\"").total()).isEqualTo(2);
        assertThat(search("502/2.3").facet(Facet.AC)).containsExactly(counts("502/2.3", 2).toArray(FacetCount[]::new));

        SearchResult everything = search("");
        assertThat(ids(everything)).doesNotContain("tag:5");
        for (Facet facet : Facet.values()) {
            assertThat(everything.facet(facet)).extracting(FacetCount::value)
                    .as("facet %s", facet)
                    .doesNotContain("3", "12", "L3-SECRET", "REFERRAL", "VOIDED", "LIVE", "SAMPLED");
        }
        assertThat(everything.facet(Facet.AC)).contains(new FacetCount("502/2.3", 2));

        // Asking for the hidden learner by filter finds nothing, and no set finds nothing.
        assertThat(index.search(SearchQuery.of("", VISIBLE).withFilter(Facet.LEARNER, "3")).total()).isZero();
        assertThat(index.search(SearchQuery.of("grow", Set.of())).total()).isZero();
        // The hidden learner's own search sees only their own.
        SearchResult theirs = index.search(SearchQuery.of("grow", Set.of(HIDDEN)));
        assertThat(ids(theirs)).containsExactly("tag:5");
        assertThat(theirs.facet(Facet.LEARNER)).containsExactly(new FacetCount("3", 1));
    }

    @Test
    void aPersonWhoMaySeeEveryLearnerFindsAllTheirEvidenceAndNoOneElses() {
        indexAll();
        // Every learner indexed and one more: nothing is hidden.
        Set<Long> everyone = Set.of(ZOE, SEAN, HIDDEN, 99L);
        SearchResult all = index.search(SearchQuery.of("", everyone));
        assertThat(all.total()).isEqualTo(6);
        assertThat(all.facet(Facet.LEARNER)).extracting(FacetCount::value).containsExactlyInAnyOrder("1", "2", "3");
        // A learner indexed since is outside that set: hidden again, in hits, totals and facets.
        index.upsert(List.of(SearchDocument.builder("tag:77", 1, DocumentKind.TAG_NOTE, 4, LocalDate.of(2026, 5, 2),
                new Target.Moment(400, 1_000)).learner("New Learner").text("The GROW model again").build()));
        refresh();
        SearchResult later = index.search(SearchQuery.of("", everyone));
        assertThat(later.total()).isEqualTo(6);
        assertThat(ids(index.search(SearchQuery.of("grow", everyone)))).doesNotContain("tag:77");
        assertThat(later.facet(Facet.LEARNER)).extracting(FacetCount::value).doesNotContain("4");
        assertThat(ids(index.search(SearchQuery.of("grow", Set.of(4L))))).containsExactly("tag:77");
    }

    @Test
    void aLearnerWhoseIdLiesBetweenVisibleOnesStaysHidden() {
        indexAll();
        index.upsert(List.of(
                SearchDocument.builder("tag:78", 1, DocumentKind.TAG_NOTE, 4, LocalDate.of(2026, 5, 2),
                        new Target.Moment(400, 1_000)).learner("Fourth Learner").text("The GROW model too").build(),
                SearchDocument.builder("tag:79", 1, DocumentKind.TAG_NOTE, 5, LocalDate.of(2026, 5, 3),
                        new Target.Moment(500, 1_000)).learner("Fifth Learner").text("The GROW model as well")
                        .build()));
        refresh();
        // 1, 2, 4 and 5 but not 3 (HIDDEN), whose id lies between them: a run of ids with one gap.
        SearchResult around = index.search(SearchQuery.of("\"GROW model\"", Set.of(ZOE, SEAN, 4L, 5L)));
        assertThat(ids(around)).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3", "tag:78", "tag:79");
        assertThat(around.total()).isEqualTo(4);
        assertThat(around.facet(Facet.LEARNER)).extracting(FacetCount::value)
                .containsExactlyInAnyOrder("1", "2", "4", "5");
        assertThat(around.facet(Facet.ASSESSOR)).extracting(FacetCount::value).doesNotContain("12");
        // Two ids far apart, the hidden one between them.
        SearchResult apart = index.search(SearchQuery.of("\"GROW model\"", Set.of(ZOE, 5L)));
        assertThat(ids(apart)).containsExactlyInAnyOrder("tag:1", "tag:79");
        assertThat(apart.facet(Facet.LEARNER)).extracting(FacetCount::value).containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void aLargeBatchKeepsTheNewestVersionOfEachDocument() {
        index.upsert(List.of(COACHING_NOTE.withVersionAndText(5, "kept newer")));
        var batch = new java.util.ArrayList<SearchDocument>();
        for (int i = 0; i < 600; i++) {
            batch.add(SearchDocument.builder("tag:batch-" + i, 1, DocumentKind.TAG_NOTE, ZOE, LocalDate.of(2026, 6, 1),
                    new Target.Moment(500, i)).text("first draft").build());
        }
        // The same ids again in the same batch: newer versions win whichever comes first, an older one never.
        for (int i = 0; i < 600; i += 3) {
            batch.add(SearchDocument.builder("tag:batch-" + i, 3, DocumentKind.TAG_NOTE, ZOE, LocalDate.of(2026, 6, 1),
                    new Target.Moment(500, i)).text("second draft").build());
            batch.add(SearchDocument.builder("tag:batch-" + i, 2, DocumentKind.TAG_NOTE, ZOE, LocalDate.of(2026, 6, 1),
                    new Target.Moment(500, i)).text("stale draft").build());
        }
        batch.add(COACHING_NOTE.withVersionAndText(4, "older than indexed"));
        index.upsert(batch);
        refresh();
        assertThat(search("draft").total()).isEqualTo(600);
        assertThat(search("second").total()).isEqualTo(200);
        assertThat(search("first").total()).isEqualTo(400);
        assertThat(search("stale").total()).isZero();
        assertThat(index.version("tag:batch-3")).isEqualTo(3);
        assertThat(index.version("tag:batch-4")).isEqualTo(1);
        assertThat(ids(search("kept"))).containsExactly("tag:1");
        assertThat(search("older").total()).isZero();
    }

    @Test
    void matchesAreHighlightedInTheTextAsWritten() {
        indexAll();
        Hit coaching = hit(search("\"GROW model\" goals"), "tag:1");
        assertThat(coaching.fragments()).extracting(Fragment::field).containsExactly("text");
        assertThat(coaching.fragments().get(0).marked())
                .isEqualTo("The learner explained the [GROW model] and how [goals] shape a session.");

        Hit cafe = hit(search("zoe cafe"), "qa-note:6");
        assertThat(cafe.fragments()).extracting(Fragment::marked)
                .containsExactly("[Café] conversation with [Zoë] about naïve questions");
        assertThat(cafe.fragments().get(0).html())
                .isEqualTo("<mark>Café</mark> conversation with <mark>Zoë</mark> about naïve questions");

        Hit title = hit(search("coachin"), "tag:1");
        assertThat(title.fragments()).extracting(Fragment::field, Fragment::marked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("title", "[Coaching] conversation"));

        Hit name = hit(search("bronte"), "tag:2");
        assertThat(name.fragments()).extracting(Fragment::field, Fragment::marked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("learner", "Zoë [Brontë]"));

        Hit ac = hit(search("AC 2.3"), "tag:4");
        assertThat(ac.fragments().get(0).marked()).isEqualTo("Discussed criterion [2.3] of another unit");
    }

    @Test
    void aLongTextIsCutToFragmentsAroundTheMatches() {
        String filler = "Lorem ipsum dolor sit amet consectetur. ".repeat(20);
        var doc = SearchDocument.builder("tag:long", 1, DocumentKind.TAG_NOTE, ZOE, LocalDate.of(2026, 1, 1),
                new Target.Moment(400, 0)).text(filler + "The learner set a SMART target. " + filler).build();
        index.upsert(List.of(doc));
        refresh();
        List<Fragment> fragments = hit(search("smart"), "tag:long").fragments();
        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0).marked()).contains("a [SMART] target").startsWith("…").endsWith("…")
                .hasSizeLessThan(260);
    }

    @Test
    void hitsAreSortedByRelevanceOrByDateAndPaged() {
        indexAll();
        var strong = SearchDocument.builder("tag:strong", 1, DocumentKind.TAG_NOTE, ZOE, LocalDate.of(2025, 1, 1),
                new Target.Moment(500, 0)).text("feedback feedback feedback on feedback").build();
        index.upsert(List.of(strong));
        refresh();
        assertThat(ids(search("feedback"))).containsExactly("tag:strong", "tag:2");
        assertThat(search("feedback").hits().get(0).score()).isGreaterThan(search("feedback").hits().get(1).score());

        SearchQuery byDate = SearchQuery.of("", VISIBLE).withSort(SearchSort.DATE);
        assertThat(ids(index.search(byDate))).containsExactly("qa-note:6", "tag:4", "sheet-ac:5:502/2.3", "tag:1",
                "tag:2", "tag:strong");
        assertThat(ids(index.search(byDate.withPage(1, 2)))).containsExactly("sheet-ac:5:502/2.3", "tag:1");
        assertThat(index.search(byDate.withPage(1, 2)).total()).isEqualTo(6);
        assertThat(ids(index.search(byDate.withPage(5, 2)))).isEmpty();
    }

    @Test
    void aDateRangeKeepsTheDaysWithinItInclusive() {
        indexAll();
        SearchQuery april = SearchQuery.of("", VISIBLE).withDates(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 11));
        assertThat(ids(index.search(april))).containsExactlyInAnyOrder("sheet-ac:5:502/2.3", "tag:4");
        SearchQuery since = SearchQuery.of("", VISIBLE).withDates(LocalDate.of(2026, 4, 12), null);
        assertThat(ids(index.search(since))).containsExactly("qa-note:6");
        assertThatThrownBy(() -> SearchQuery.of("", VISIBLE).withDates(LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 4, 1))).isInstanceOf(SearchException.class)
                .hasMessage("The date range is backwards: from 2026-05-01 is after to 2026-04-01.");
    }

    @Test
    void hitsAreGroupedByDiscussionWithTheirTargets() {
        indexAll();
        SearchResult result = index.search(SearchQuery.of("", VISIBLE).withSort(SearchSort.DATE));
        assertThat(result.groups()).extracting(SearchResult.HitGroup::discussionId).containsExactly(200L, 100L);
        assertThat(result.groups().get(0).title()).isEqualTo("Remote review");
        assertThat(result.groups().get(0).hits()).extracting(h -> h.document().id())
                .containsExactly("qa-note:6", "tag:4", "sheet-ac:5:502/2.3");
        assertThat(hit(result, "tag:1").document()).isEqualTo(COACHING_NOTE);
        assertThat(hit(result, "sheet-ac:5:502/2.3").document().target()).isEqualTo(new Target.SheetAc(5, "502/2.3"));
        assertThat(hit(result, "tag:2").document().target()).isEqualTo(new Target.Moment(100, 125_000));
    }

    @Test
    void anUpsertIsIdempotentAndAnOlderVersionNeverOverwritesANewerOne() {
        var v2 = COACHING_NOTE.withVersionAndText(2, "alpha version");
        index.upsert(List.of(v2));
        index.upsert(List.of(COACHING_NOTE.withVersionAndText(1, "beta version")));
        index.upsert(List.of(v2, v2));
        refresh();
        assertThat(index.version("tag:1")).isEqualTo(2);
        assertThat(search("beta").total()).isZero();
        assertThat(ids(search("alpha"))).containsExactly("tag:1");
        assertThat(search("version").total()).isEqualTo(1);

        index.upsert(List.of(COACHING_NOTE.withVersionAndText(3, "gamma version")));
        refresh();
        assertThat(search("alpha").total()).isZero();
        assertThat(ids(search("gamma"))).containsExactly("tag:1");
        assertThat(index.version("tag:1")).isEqualTo(3);
        assertThat(index.version("tag:none")).isEqualTo(-1);
    }

    @Test
    void deletesRemoveADocumentOrAWholeDiscussion() {
        indexAll();
        index.delete("tag:1");
        index.delete("tag:never-indexed");
        refresh();
        assertThat(ids(search("grow model"))).containsExactly("sheet-ac:5:502/2.3");
        assertThat(index.version("tag:1")).isEqualTo(-1);

        index.deleteDiscussion(200);
        refresh();
        assertThat(ids(search(""))).containsExactly("tag:2");
        assertThat(index.search(SearchQuery.of("", Set.of(HIDDEN))).total()).isEqualTo(1);

        // A newer version of a deleted document is indexed again.
        index.upsert(List.of(COACHING_NOTE.withVersionAndText(2, "back again")));
        refresh();
        assertThat(ids(search("back again"))).containsExactly("tag:1");
    }

    @Test
    void aChangeIsSearchableWithinOneSecondWithoutAskingForIt() {
        index.upsert(List.of(COACHING_NOTE));
        refresh();
        index.upsert(List.of(COACHING_NOTE.withVersionAndText(2, "nearly real time")));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> search("nearly").total() == 1);
    }

    @Test
    void badInputIsSearchedLiterallyOrRefusedWithAClearMessage() {
        indexAll();
        assertThat(ids(search("\"GROW model"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(ids(search("*"))).hasSize(5);
        // Operators are words like any other: "and" is in two notes.
        assertThat(ids(search("AND"))).containsExactlyInAnyOrder("tag:1", "tag:2");
        assertThat(ids(search("grow\u0000\u0007model"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
        assertThat(ids(search("((grow)) OR: model!"))).isEmpty();
        assertThat(ids(search("((grow)) model!"))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");

        String tooLong = "a".repeat(10_000);
        assertThatThrownBy(() -> search(tooLong)).isInstanceOf(SearchException.class)
                .hasMessage("A search can be at most 500 characters long; this one has 10000.");
        String manyWords = String.join(" ", Arrays.stream(new String[40]).map(x -> "word").toList()) + " x";
        assertThat(search(manyWords).total()).isZero();
        String tooManyWords = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "w" + i)
                .reduce((a, b) -> a + " " + b).orElseThrow();
        assertThatThrownBy(() -> search(tooManyWords)).isInstanceOf(SearchException.class)
                .hasMessage("A search can have at most 32 words, phrases and ACs; this one has 40.");
        assertThatThrownBy(() -> index.search(SearchQuery.of("", VISIBLE).withPage(600, 20)))
                .isInstanceOf(SearchException.class).hasMessageContaining("first 10000 hits");
    }

    static Hit hit(SearchResult result, String id) {
        return result.hits().stream().filter(h -> h.document().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + ids(result)));
    }
}
