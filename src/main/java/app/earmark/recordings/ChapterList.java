package app.earmark.recordings;

import app.earmark.discussions.DiscussionException;
import app.earmark.base.Hashing;
import app.earmark.base.TimeFormat;
import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.recordings.worker.ChapterMark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A chapter list checked and cleaned for a chaptered copy: at least one chapter, each inside the recording, titled,
 * titles without control characters and short enough for every chapter format, no two starting together; in order of
 * their start. Refusals say which chapter and why, in words for the assessor.
 *
 * <p>Where nothing is asked for (before the first chapter, or between one chapter's end and the next one's start), an
 * untitled chapter (empty title) fills the gap: MP4 (QuickTime) chapters follow one another from the beginning, each
 * running until the next starts, so without it a chapter would show in MP4 as running across the gap (and the first
 * as starting at 0:00), while WebM and WebVTT end it where it ends. With the gaps filled every format shows the same
 * spans.
 */
record ChapterList(List<ChapterMark> chapters) {

    /** Control characters, and the invisible ones that reorder text (bidirectional overrides and isolates). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The title of a chapter that fills a gap: none. */
    static final String GAP_TITLE = "";

    ChapterList {
        chapters = List.copyOf(chapters);
    }

    /**
     * @param durationMillis the recording's duration; {@code null} when unknown (the worker then checks against the
     *        file)
     */
    static ChapterList of(List<Chapter> requested, Long durationMillis) {
        if (requested == null || requested.isEmpty()) {
            throw new DiscussionException("A copy with chapters needs at least one chapter.");
        }
        if (requested.size() > ChapteredCopies.MAX_CHAPTERS) {
            throw new DiscussionException("A copy can have at most " + ChapteredCopies.MAX_CHAPTERS + " chapters, not "
                    + requested.size() + ".");
        }
        List<Numbered> numbered = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            numbered.add(new Numbered(i + 1, check(i + 1, requested.get(i), durationMillis)));
        }
        numbered.sort(Comparator.comparingLong(n -> n.chapter().startMs()));
        for (int i = 1; i < numbered.size(); i++) {
            Numbered previous = numbered.get(i - 1);
            Numbered current = numbered.get(i);
            if (previous.chapter().startMs() == current.chapter().startMs()) {
                throw new DiscussionException("Chapters " + Math.min(previous.number(), current.number()) + " and "
                        + Math.max(previous.number(), current.number()) + " both start at "
                        + TimeFormat.clock(current.chapter().startMs()) + "; make them one chapter with both titles.");
            }
        }
        List<ChapterMark> chapters = new ArrayList<>();
        long covered = 0;
        for (Numbered next : numbered) {
            ChapterMark chapter = next.chapter();
            if (chapter.startMs() > covered) {
                chapters.add(new ChapterMark(covered, chapter.startMs(), GAP_TITLE));
            }
            chapters.add(chapter);
            covered = Math.max(covered, chapter.endMs());
        }
        return new ChapterList(chapters);
    }

    /** A title as it is embedded: control and reordering characters removed, runs of spaces made one. */
    static String clean(String title) {
        String visible = INVISIBLE.matcher(title == null ? "" : title).replaceAll(" ");
        return SPACES.matcher(visible).replaceAll(" ").strip();
    }

    /** Identifies the list: the same chapters give the same hash, whatever order they were asked in. */
    String sha256() {
        StringBuilder canonical = new StringBuilder();
        for (ChapterMark chapter : chapters) {
            canonical.append(chapter.startMs()).append('\t').append(chapter.endMs()).append('\t')
                    .append(chapter.title()).append('\n');
        }
        return Hashing.sha256Hex(canonical.toString());
    }

    private static ChapterMark check(int number, Chapter chapter, Long durationMillis) {
        if (chapter == null) {
            throw new DiscussionException("Chapter " + number + " is missing.");
        }
        String title = clean(chapter.title());
        String name = "Chapter " + number + (title.isEmpty() ? "" : " (\"" + shortened(title) + "\")");
        if (title.isEmpty()) {
            throw new DiscussionException(name + " has no title.");
        }
        if (title.codePointCount(0, title.length()) > ChapteredCopies.MAX_TITLE_CHARACTERS
                || title.getBytes(StandardCharsets.UTF_8).length > ChapteredCopies.MAX_TITLE_BYTES) {
            throw new DiscussionException(name + " has a title too long for a chapter: at most "
                    + ChapteredCopies.MAX_TITLE_CHARACTERS + " characters (" + ChapteredCopies.MAX_TITLE_BYTES
                    + " bytes in UTF-8, so fewer with accented letters or other scripts).");
        }
        if (chapter.startMs() < 0) {
            throw new DiscussionException(name + " starts before the recording does.");
        }
        if (chapter.endMs() <= chapter.startMs()) {
            throw new DiscussionException(name + " ends (" + TimeFormat.clock(chapter.endMs()) + ") before it starts ("
                    + TimeFormat.clock(chapter.startMs()) + ").");
        }
        if (durationMillis != null && chapter.endMs() > durationMillis) {
            throw new DiscussionException(name + " ends at " + TimeFormat.clock(chapter.endMs())
                    + ", after the end of the recording (" + TimeFormat.clock(durationMillis) + ").");
        }
        return new ChapterMark(chapter.startMs(), chapter.endMs(), title);
    }

    private static String shortened(String title) {
        return title.length() <= 40 ? title : title.substring(0, 39) + "…";
    }

    private record Numbered(int number, ChapterMark chapter) {
    }
}
