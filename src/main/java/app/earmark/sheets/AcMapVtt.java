package app.earmark.sheets;

import app.earmark.base.TimeFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An AC map as WebVTT chapters of one recording (for {@code <track kind="chapters">}). Chapter cues must not
 * overlap, so tags become chapters like this:
 * <ul>
 * <li>tags that start at the same moment are one chapter, with their ACs together and their notes joined by " / ";</li>
 * <li>a chapter starts at its tag and ends at the end of the span (the latest one, for several), or {@value
 * #MOMENT_SECONDS} seconds later for a moment;</li>
 * <li>but never after the next tag starts (that tag's chapter takes over) nor after the end of the recording.</li>
 * </ul>
 * Each cue reads "1m 55s · AC 3.1, 3.2 — note" (the time counter of its start, as on the result sheet), escaped as WebVTT cue text requires ({@code &}, {@code <}, {@code >}), with
 * line breaks in notes turned into spaces; its identifier is {@code tag-12} ({@code tag-12+13} when merged).
 */
final class AcMapVtt {

    static final int MOMENT_SECONDS = 30;
    private static final long MOMENT_MS = MOMENT_SECONDS * 1000L;

    private AcMapVtt() {
    }

    /**
     * @param recording the recording whose chapters these are, or {@code null} for a discussion without recordings
     *        (a valid file without cues)
     */
    static String write(AcMap map, AcMap.Recording recording) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        if (recording == null) {
            return vtt.append("NOTE\nDiscussion ").append(map.discussionId()).append(" has no recording yet.\n")
                    .toString();
        }
        List<Chapter> chapters = chapters(map.entries(recording.id()), recording.durationMillis());
        vtt.append("NOTE\nAC map of discussion ").append(map.discussionId()).append(", recording ")
                .append(recording.id()).append(": one chapter per tag, in time order. A moment lasts until the next tag"
                + " or ").append(MOMENT_SECONDS).append(" s; a span until its end or the next tag.\n\n");
        for (Chapter chapter : chapters) {
            vtt.append(chapter.id()).append('\n')
                    .append(timestamp(chapter.startMs())).append(" --> ").append(timestamp(chapter.endMs())).append('\n')
                    .append(escape(chapter.text())).append("\n\n");
        }
        return vtt.toString();
    }

    /** A chapter cue before escaping. */
    record Chapter(String id, long startMs, long endMs, String text) {
    }

    static List<Chapter> chapters(List<AcMap.Entry> entries, Long durationMillis) {
        List<List<AcMap.Entry>> groups = new ArrayList<>();
        for (AcMap.Entry entry : entries) {
            if (!groups.isEmpty() && groups.get(groups.size() - 1).get(0).at().startMs() == entry.at().startMs()) {
                groups.get(groups.size() - 1).add(entry);
            } else {
                groups.add(new ArrayList<>(List.of(entry)));
            }
        }
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<AcMap.Entry> group = groups.get(i);
            long start = group.get(0).at().startMs();
            long end = group.stream().filter(e -> e.at().endMs() != null).mapToLong(e -> e.at().endMs()).max()
                    .orElse(start + MOMENT_MS);
            if (durationMillis != null) {
                end = Math.min(end, Math.max(durationMillis, start + 1));
            }
            if (i + 1 < groups.size()) {
                end = Math.min(end, groups.get(i + 1).get(0).at().startMs());
            }
            if (end <= start) {
                end = start + 1;
            }
            chapters.add(new Chapter("tag-" + group.stream().map(e -> String.valueOf(e.at().tagId()))
                    .collect(Collectors.joining("+")), start, end, TimeFormat.counter(start) + " · " + text(group)));
        }
        return chapters;
    }

    private static String text(List<AcMap.Entry> group) {
        Set<String> acs = new LinkedHashSet<>();
        group.forEach(e -> acs.addAll(e.acs()));
        String notes = group.stream().map(AcMap.Entry::note).filter(n -> n != null && !n.isBlank())
                .map(n -> n.strip().replaceAll("\\s+", " ")).collect(Collectors.joining(" / "));
        return "AC " + String.join(", ", acs) + (notes.isEmpty() ? "" : " — " + notes);
    }

    /** hh:mm:ss.ttt. */
    static String timestamp(long millis) {
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        long s = millis / 1000 % 60;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", h, m, s, millis % 1000);
    }

    /** Cue text: the three characters WebVTT reserves, and nothing a cue cannot hold (line breaks, controls). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        out.append(' ');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
