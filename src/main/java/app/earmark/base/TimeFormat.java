package app.earmark.base;

/**
 * Times in a recording as people write them: "1:02:03" or "2:03"; and as a result sheet counts them: "2m 03s". Both
 * count whole seconds rounded down, as a player's clock does.
 */
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

    /**
     * A time counter as the source documents annotate a result sheet, the one form used everywhere (sheet, PDF,
     * exports, playback): "0m 01s", "1m 55s", "59m 59s" under an hour, "1h 02m 03s" from an hour.
     */
    public static String counter(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return String.format("%dh %02dm %02ds", h, m, s);
        }
        return String.format("%dm %02ds", m, s);
    }
}
