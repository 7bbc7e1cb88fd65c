package app.earmark.base;

/** Times in a recording as people write them: "1:02:03" or "2:03"; and as a result sheet counts them: "2m 03s". */
public final class TimeFormat {

    private TimeFormat() {
    }

    /** h:mm:ss, or m:ss under an hour. */
    public static String clock(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** A time counter as annotated on a result sheet: "1m 55s", "14m 02s", "1h 02m 03s". */
    public static String counter(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return String.format("%dh %02dm %02ds", h, m, s);
        }
        return m > 0 ? String.format("%dm %02ds", m, s) : String.format("%ds", s);
    }
}
