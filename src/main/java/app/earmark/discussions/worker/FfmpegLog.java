package app.earmark.discussions.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's own log, at warning level, to stderr (stdout carries only protocol lines). The latest error lines are
 * also kept so that a failure can quote FFmpeg's reason, such as "moov atom not found".
 */
final class FfmpegLog extends LogCallback {

    private static final int KEPT_LINES = 20;
    /** FFmpeg's "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c4a1e880] " in front of a line. */
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^]]* @ 0x\\p{XDigit}+]\\s*");
    private static final FfmpegLog INSTANCE = new FfmpegLog();
    private static boolean installed;

    private final Deque<String> errors = new ArrayDeque<>();

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
            INSTANCE.errors.clear();
        }
    }

    /** The error lines logged since the last {@link #clear()}, oldest first. */
    static List<String> errors() {
        synchronized (INSTANCE.errors) {
            return List.copyOf(INSTANCE.errors);
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
            synchronized (errors) {
                if (errors.size() == KEPT_LINES) {
                    errors.removeFirst();
                }
                errors.addLast(CONTEXT_PREFIX.matcher(text).replaceFirst(""));
            }
        }
    }
}
