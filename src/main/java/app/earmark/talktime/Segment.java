package app.earmark.talktime;

/** A stretch of one party's speech, in milliseconds from the recording's start ({@code end} exclusive). */
public record Segment(long startMs, long endMs) {

    public Segment {
        if (endMs < startMs) {
            throw new IllegalArgumentException("A segment cannot end (" + endMs + " ms) before it starts (" + startMs
                    + " ms)");
        }
    }

    public long lengthMs() {
        return endMs - startMs;
    }
}
