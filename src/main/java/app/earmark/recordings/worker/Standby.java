package app.earmark.recordings.worker;

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
 *
 * <p>The supervisor keeps the worker's standard input open while the job runs. When it closes (the supervisor ended
 * or was killed, and with it its end of the pipe), the worker has no one to report to and the supervisor's next run
 * will do the job again: {@link #endWithSupervisor} then removes what the job had half-written and ends the worker.
 */
final class Standby {

    static final String FLAG = "--standby";
    /** The exit code of a worker that ended because its supervisor was gone. */
    static final int EXIT_SUPERVISOR_GONE = 3;

    private static BufferedReader input;

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
        input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            line = input.readLine();
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

    /**
     * Watches standard input on a thread of its own: once it closes (the supervisor is gone), runs {@code cleanUp}
     * (removing what the job has half-written) and halts the worker with {@link #EXIT_SUPERVISOR_GONE}, whatever its
     * other threads (FFmpeg among them) are doing. Only for a worker that took its job with {@link #awaitJob}.
     */
    static void endWithSupervisor(Runnable cleanUp) {
        BufferedReader watched = input;
        if (watched == null) {
            throw new IllegalStateException("Only a standby worker reads its job from standard input");
        }
        Thread watcher = new Thread(() -> {
            try {
                while (watched.readLine() != null) {
                    // Nothing more is sent after the job; anything else is ignored.
                }
            } catch (IOException closed) {
                // Ended like an end of input.
            }
            System.err.println("Standard input closed: the supervisor is gone; removing the half-written output and"
                    + " ending");
            try {
                cleanUp.run();
            } finally {
                Runtime.getRuntime().halt(EXIT_SUPERVISOR_GONE);
            }
        }, "supervisor-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
