package app.earmark.recordings.worker;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Overall progress from the input position of each pass: every pass reads the file from start to end, and each
 * has its share of the whole. Reports at most four times a second.
 */
final class ProgressReporter {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final Consumer<WorkerMessage> messages;
    private final long fileSize;
    private final LongSupplier nanoTime;
    private double from;
    private double to;
    private double reported;
    private long reportedAt;

    ProgressReporter(Consumer<WorkerMessage> messages, long fileSize) {
        this(messages, fileSize, System::nanoTime);
    }

    ProgressReporter(Consumer<WorkerMessage> messages, long fileSize, LongSupplier nanoTime) {
        this.messages = messages;
        this.fileSize = Math.max(1, fileSize);
        this.nanoTime = nanoTime;
        this.reportedAt = nanoTime.getAsLong();
    }

    /** The next pass covers this part of the whole, e.g. 0.15 to 0.95. */
    void pass(double from, double to) {
        this.from = Math.max(from, reported);
        this.to = Math.max(this.from, to);
    }

    /** The current pass has read up to the input's current position. */
    void at(AVFormatContext input) {
        // Called for every packet: the clock is cheaper than asking FFmpeg for the position.
        if (nanoTime.getAsLong() - reportedAt < INTERVAL_NANOS) {
            return;
        }
        if (input != null && !input.isNull() && input.pb() != null && !input.pb().isNull()) {
            at(input.pb().pos());
        }
    }

    void at(long bytePosition) {
        double share = Math.min(1, Math.max(0, (double) bytePosition / fileSize));
        double fraction = Math.floor((from + (to - from) * share) * 1000) / 1000;
        long now = nanoTime.getAsLong();
        if (fraction > reported && now - reportedAt >= INTERVAL_NANOS) {
            reported = fraction;
            reportedAt = now;
            messages.accept(new WorkerMessage.Progress(fraction));
        }
    }
}
