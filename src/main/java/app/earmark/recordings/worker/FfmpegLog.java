package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's own log, at warning level, to stderr (stdout carries only protocol lines). The latest error lines are
 * also kept so that a failure can quote FFmpeg's reason, such as "moov atom not found": for each thread that called
 * {@link #clear()}, the lines logged on it, so that when two passes run at once (the copy and the peaks,
 * {@link PeaksAlongside}) one's message never quotes the other's error. Lines logged on FFmpeg's own threads (a
 * decoder's) are kept for every such thread.
 */
final class FfmpegLog extends LogCallback {

    private static final int KEPT_LINES = 20;
    /** FFmpeg's "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c4a1e880] " in front of a line. */
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^]]* @ 0x\\p{XDigit}+]\\s*");
    private static final FfmpegLog INSTANCE = new FfmpegLog();
    private static boolean installed;

    /** Guarded by itself. */
    private final Map<Thread, Deque<String>> errors = new WeakHashMap<>();

    private FfmpegLog() {
    }

    static synchronized void install() {
        if (!installed) {
            av_log_set_level(AV_LOG_WARNING);
            setLogCallback(INSTANCE);
            installed = true;
        }
    }

    /** Forgets the kept lines: call before the FFmpeg operation whose errors a message may quote. */
    static void clear() {
        synchronized (INSTANCE.errors) {
            INSTANCE.errors.put(Thread.currentThread(), new ArrayDeque<>());
        }
    }

    /** The error lines logged for this thread since its last {@link #clear()}, oldest first. */
    static List<String> errors() {
        synchronized (INSTANCE.errors) {
            Deque<String> lines = INSTANCE.errors.get(Thread.currentThread());
            return lines == null ? List.of() : List.copyOf(lines);
        }
    }

    static boolean logged(String fragment) {
        return errors().stream().anyMatch(line -> line.contains(fragment));
    }

    /** The latest error line, or {@code fallback} when FFmpeg logged none. */
    static String lastError(String fallback) {
        List<String> lines = errors();
        return lines.isEmpty() ? fallback : lines.get(lines.size() - 1);
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > av_log_get_level() || message == null || message.isNull()) {
            return;
        }
        String text = message.getString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        System.err.println("ffmpeg: " + text);
        if (level <= AV_LOG_ERROR) {
            String line = CONTEXT_PREFIX.matcher(text).replaceFirst("");
            synchronized (errors) {
                Deque<String> own = errors.get(Thread.currentThread());
                for (Deque<String> lines : own != null ? List.of(own) : errors.values()) {
                    if (lines.size() == KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        }
    }
}
