package app.earmark.discussions.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;

/**
 * A worker started ahead of its job: it loads FFmpeg's libraries (and whatever else the job will use), says
 * {@link WorkerMessage.Ready}, and waits for its job: one line on standard input, a JSON array of the command line's
 * arguments.
 */
final class Standby {

    static final String FLAG = "--standby";

    private Standby() {
    }

    /** FFmpeg's libraries, loaded and with their log going to standard error; the first call takes the time. */
    static void loadFfmpeg() {
        long loading = System.nanoTime();
        Loader.load(avformat.class);
        FfmpegLog.install();
        long millis = (System.nanoTime() - loading) / 1_000_000;
        if (millis > 0) {
            System.err.printf("Loading FFmpeg took %d ms%n", millis);
        }
    }

    /**
     * Loads FFmpeg, runs {@code prepare}, says it is ready and waits for the job.
     *
     * @return the job's arguments, or {@code null} if standard input closed without a job (the worker is not needed)
     * @throws IllegalArgumentException if the job line is not a JSON array of strings
     */
    static String[] awaitJob(Runnable prepare, Consumer<WorkerMessage> messages) {
        long started = System.nanoTime();
        loadFfmpeg();
        prepare.run();
        messages.accept(new WorkerMessage.Ready(ProcessHandle.current().pid()));
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            return null;
        }
        System.err.printf("Waited %d ms for a job%n", (System.nanoTime() - started) / 1_000_000);
        try {
            return WorkerJson.MAPPER.readValue(line, String[].class);
        } catch (IOException e) {
            throw new IllegalArgumentException("The job line is not a JSON array of arguments: " + line, e);
        }
    }
}
