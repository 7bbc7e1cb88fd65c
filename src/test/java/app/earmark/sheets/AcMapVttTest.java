package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.sheets.WebVtt.Cue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebVTT chapters from tags: valid, never overlapping, escaped; read back with a strict reader. */
class AcMapVttTest {

    private static final long RECORDING = 12;

    private static AcMap.Entry tag(long id, long startMs, Long endMs, String note, String... acs) {
        return new AcMap.Entry(new TimeCounterRef(7, RECORDING, id, startMs, endMs, note), List.of(acs));
    }

    private static List<Cue> chapters(Long durationMillis, AcMap.Entry... entries) {
        AcMap map = new AcMap(7, List.of("8587-300"), List.of(new AcMap.Recording(RECORDING, "talk.m4a",
                durationMillis)), List.of(entries));
        return WebVtt.parseChapters(AcMapVtt.write(map, map.recordings().get(0)));
    }

    @Test
    void aMomentLastsUntilTheNextTagOrThirtySeconds() {
        assertThat(chapters(3_600_000L,
                tag(1, 115_000, null, "Contract", "1.1"),
                tag(2, 125_500, null, null, "1.2", "1.3"),
                tag(3, 400_000, null, "Last", "2.1")))
                .containsExactly(
                        new Cue("tag-1", 115_000, 125_500, "1m 55s · AC 1.1 — Contract"),
                        new Cue("tag-2", 125_500, 155_500, "2m 05s · AC 1.2, 1.3"),
                        new Cue("tag-3", 400_000, 430_000, "6m 40s · AC 2.1 — Last"));
    }

    @Test
    void aSpanEndsAtItsEndUnlessTheNextTagStartsFirst() {
        assertThat(chapters(3_600_000L,
                tag(1, 10_000, 90_000L, "Long span", "1.1"),
                tag(2, 60_000, 70_000L, "Inside it", "1.2"),
                tag(3, 100_000, 200_000L, null, "2.1")))
                .containsExactly(
                        new Cue("tag-1", 10_000, 60_000, "0m 10s · AC 1.1 — Long span"),
                        new Cue("tag-2", 60_000, 70_000, "1m 00s · AC 1.2 — Inside it"),
                        new Cue("tag-3", 100_000, 200_000, "1m 40s · AC 2.1"));
    }

    @Test
    void tagsAtTheSameMomentAreOneChapterWithTheirAcsAndNotesTogether() {
        assertThat(chapters(3_600_000L,
                tag(4, 30_000, null, "First", "1.1", "1.2"),
                tag(5, 30_000, 50_000L, "Second", "1.2", "3.1")))
                .containsExactly(new Cue("tag-4+5", 30_000, 50_000, "0m 30s · AC 1.1, 1.2, 3.1 — First / Second"));
    }

    @Test
    void noChapterRunsPastTheEndOfTheRecording() {
        assertThat(chapters(60_000L, tag(1, 50_000, null, null, "1.1"), tag(2, 60_000, null, null, "1.2")))
                .containsExactly(new Cue("tag-1", 50_000, 60_000, "0m 50s · AC 1.1"), new Cue("tag-2", 60_000, 60_001, "1m 00s · AC 1.2"));
    }

    @Test
    void notesAreEscapedAndKeptOnOneLine() {
        assertThat(chapters(null, tag(1, 3_723_004, null, "<b>Bold</b> & co --> next\n\nline", "1.1")))
                .containsExactly(new Cue("tag-1", 3_723_004, 3_753_004, "1h 02m 03s · AC 1.1 — <b>Bold</b> & co --> next line"));
        assertThat(AcMapVtt.write(new AcMap(7, List.of(), List.of(new AcMap.Recording(RECORDING, null, null)),
                List.of(tag(1, 3_723_004, null, "a < b", "1.1"))), new AcMap.Recording(RECORDING, null, null)))
                .contains("01:02:03.004 --> 01:02:33.004\n1h 02m 03s · AC 1.1 — a &lt; b\n");
    }

    @Test
    void aDiscussionWithoutRecordingsHasAnEmptyButValidFile() {
        assertThat(WebVtt.parseChapters(AcMapVtt.write(new AcMap(7, List.of(), List.of(), List.of()), null))).isEmpty();
    }

    @Test
    void theStrictReaderRefusesOverlapsAndRawMarkup() {
        assertThatThrownBy(() -> WebVtt.parseChapters("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\na\n\n"
                + "00:00:04.000 --> 00:00:06.000\nb\n")).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> WebVtt.parseChapters("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<b>a</b>\n"))
                .hasMessageContaining("Raw '<'");
        assertThatThrownBy(() -> WebVtt.parseChapters("WEBVTT\n\n0:00:01.000 --> 00:00:05.000\na\n"))
                .hasMessageContaining("Not a strict timing line");
    }
}
