package app.earmark.recordings.worker;

/**
 * One chapter to embed in a copy, as the chapters job reads it: times in milliseconds from the start of the recording,
 * and a title already cleaned by the caller.
 */
public record ChapterMark(long startMs, long endMs, String title) {
}
