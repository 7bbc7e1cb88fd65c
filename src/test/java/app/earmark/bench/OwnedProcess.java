package app.earmark.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external process (ffmpeg, nginx, a worker JVM) owned by the code that starts it: its output goes to a log file
 * (or, for a pipe, to the owner, who must read it to the end), the owner waits for it, and {@link #close()} stops it
 * and anything it started. Use it in try-with-resources so nothing outlives a failed benchmark.
 */
final class OwnedProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Process process;
    private final Path log;

    private OwnedProcess(List<String> command, Process process, Path log) {
        this.command = List.copyOf(command);
        this.process = process;
        this.log = log;
    }

    /** Starts the command with standard output and error both appended to {@code log}. */
    static OwnedProcess start(List<String> command, Path log) {
        return start(command, log, false);
    }

    /** Starts the command with standard error in {@code log} and standard output a pipe the owner reads. */
    static OwnedProcess startPiped(List<String> command, Path log) {
        return start(command, log, true);
    }

    /** Runs the command to its end; fails with the log's last lines when it fails or overruns. */
    static void run(List<String> command, Path log, Duration timeout) {
        try (OwnedProcess process = start(command, log)) {
            process.awaitSuccess(timeout);
        }
    }

    /** Starts the command with standard output in {@code output} and standard error in {@code log}. */
    static OwnedProcess startSeparate(List<String> command, Path output, Path log) {
        return start(command, log, ProcessBuilder.Redirect.to(output.toFile()));
    }

    private static OwnedProcess start(List<String> command, Path log, boolean pipeOutput) {
        return start(command, log, pipeOutput ? ProcessBuilder.Redirect.PIPE
                : ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static OwnedProcess start(List<String> command, Path log, ProcessBuilder.Redirect output) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectOutput(output);
            return new OwnedProcess(command, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
    }

    /** Standard output, for a process started with {@link #startPiped}. */
    InputStream stdout() {
        return process.getInputStream();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits for the exit code; kills the process and fails when it runs longer than {@code timeout}. */
    int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException("Still running after " + timeout + ", killed: " + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while waiting for " + describe(), e);
        }
    }

    /** Waits for a successful exit; fails with the log's last lines otherwise. */
    void awaitSuccess(Duration timeout) {
        int exit = await(timeout);
        if (exit != 0) {
            throw new IllegalStateException("Exit code " + exit + " from " + describe());
        }
    }

    /** Stops the process (politely, then by force) and every process it started; waits until they are gone. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        try {
            process.getInputStream().close();
        } catch (IOException ignored) {
            // Nothing left to read.
        }
    }

    private String describe() {
        return String.join(" ", command) + "\n--- last lines of " + log + " ---\n" + tail(log, 20);
    }

    /** The last lines of a log file, for failure messages. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
