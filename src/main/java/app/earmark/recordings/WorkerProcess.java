package app.earmark.recordings;

import app.earmark.recordings.worker.WorkerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Owns one worker process: starts it, drains its standard output (one {@link WorkerMessage} per line)
 * and standard error (to a log file, keeping the last lines for diagnosis), reports its resident memory,
 * and on {@link #close()} makes sure it and any child are gone. Its standard input stays open while it works: that
 * pipe closing tells the worker its supervisor is gone.
 */
final class WorkerProcess implements AutoCloseable {

    /** Put in the queue when standard output closes: the worker has ended, one way or another. */
    static final Optional<WorkerMessage> END = Optional.empty();
    private static final int KEPT_ERROR_LINES = 30;

    private final Process process;
    private final BlockingQueue<Optional<WorkerMessage>> messages = new LinkedBlockingQueue<>();
    private final Deque<String> lastErrorLines = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    /** @param log open here, not on the copying thread, so that the file exists (and may be renamed) from now on */
    private WorkerProcess(Process process, Writer log) {
        this.process = process;
        this.stdoutReader = daemon("ingest-worker-out-" + process.pid(), () -> readMessages(process.getInputStream()));
        this.stderrReader = daemon("ingest-worker-err-" + process.pid(), () -> copyErrors(process.getErrorStream(), log));
    }

    /** Starts the worker; it reads one line, its job, from its standard input ({@link #send}). */
    static WorkerProcess start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        try {
            return new WorkerProcess(builder.start(), logWriter);
        } catch (IOException | RuntimeException e) {
            logWriter.close();
            throw e;
        }
    }

    /**
     * Writes one line to the worker's standard input, which stays open: a worker ends when it closes, and it closes
     * when this process ends however it ends (even killed), so a worker never outlives its supervisor. A worker that
     * exits closes it too.
     */
    void send(String line) throws IOException {
        Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write(line);
        in.write('\n');
        in.flush();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next message, waiting at most the given time: {@code null} when none came in time, {@link #END}
     * once the worker's output has ended.
     */
    Optional<WorkerMessage> next(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the next message, without waiting, if it has come and is of this type; otherwise leaves it for
     * {@link #next} and says false.
     */
    boolean takeIf(Class<? extends WorkerMessage> type) {
        Optional<WorkerMessage> head = messages.peek();
        if (head != null && head.isPresent() && type.isInstance(head.get())) {
            messages.poll();
            return true;
        }
        return false;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits for the process to exit after its output ended; kills it if it lingers. */
    int exitCode(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** Resident memory of the worker in bytes (Linux), or 0 when it cannot be read. */
    long residentBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The last lines the worker wrote to standard error. */
    synchronized String lastErrors() {
        return String.join("\n", lastErrorLines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        process.waitFor();
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // The pipe closed with the process.
        }
        stdoutReader.join(5000);
        stderrReader.join(5000);
    }

    private void readMessages(InputStream stdout) {
        try (var reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    messages.add(Optional.of(WorkerMessage.fromJson(line)));
                } catch (IllegalArgumentException notProtocol) {
                    remember("(unexpected output) " + line);
                }
            }
        } catch (IOException closed) {
            // The process ended or was killed; END below tells the supervisor.
        } finally {
            messages.add(END);
        }
    }

    private void copyErrors(InputStream stderr, Writer log) {
        try (var reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8)); Writer out = log) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                remember(line);
            }
        } catch (IOException e) {
            if (!(e instanceof java.io.InterruptedIOException)) {
                remember("(worker log unavailable: " + e.getMessage() + ")");
            }
        }
    }

    private synchronized void remember(String line) {
        lastErrorLines.addLast(line);
        while (lastErrorLines.size() > KEPT_ERROR_LINES) {
            lastErrorLines.removeFirst();
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
