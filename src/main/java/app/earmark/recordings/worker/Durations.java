package app.earmark.recordings.worker;

/** Durations in messages: {@code m:ss} under an hour, {@code h:mm:ss} from an hour on. */
final class Durations {

    private Durations() {
    }

    static String format(long micros) {
        long seconds = Math.max(0, micros) / 1_000_000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return hours > 0
                ? String.format("%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format("%d:%02d", minutes, seconds % 60);
    }
}
