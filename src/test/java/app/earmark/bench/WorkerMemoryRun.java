package app.earmark.bench;

import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.worker.WorkerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest worker run directly on a long recording, with the command line the supervisor uses (heap limit, serial
 * GC, metaspace and direct-memory caps) plus a GC log: how long it takes, its peak resident memory (VmHWM, sampled
 * from /proc every 100 ms) and the most heap it had in use (the largest heap-before-GC in its GC log).
 */
final class WorkerMemoryRun {

    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** What one run did. */
    record Result(int exitCode, WorkerMessage.Outcome outcome, double seconds, long peakRssBytes,
            long peakHeapUsedBytes, long peakHeapCommittedBytes, int collections, long heapLimitBytes,
            Map<String, Double> steps) {

        boolean done() {
            return exitCode == 0 && outcome instanceof WorkerMessage.Done;
        }
    }

    private WorkerMemoryRun() {
    }

    static Result run(BenchmarkFixtures fixtures, Path input) {
        Path dir = Bench.dir("bench-worker-long");
        Path output = Bench.emptyDir(dir.resolve("out"));
        Path log = dir.resolve("worker.log");
        Path protocol = dir.resolve("worker-stdout.jsonl");
        Path gcLog = dir.resolve("worker-gc.log");
        deleteAll(log, protocol, gcLog);
        List<String> command = new ArrayList<>(fixtures.workerCommand(input, output, log));
        command.add(1, "-Xlog:gc:file=" + gcLog);
        long peakRss = 0;
        long started = System.nanoTime();
        int exit;
        try (OwnedProcess worker = OwnedProcess.startSeparate(command, protocol, log)) {
            long deadline = started + LIMIT.toNanos();
            Path status = Path.of("/proc", Long.toString(worker.handle().pid()), "status");
            while (worker.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The worker ran longer than " + LIMIT + " on " + input);
                }
                peakRss = Math.max(peakRss, highWaterMark(status));
                sleep(100);
            }
            exit = worker.await(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] heap = heap(gcLog);
        return new Result(exit, outcome(protocol), seconds, peakRss, heap[0], heap[1], (int) heap[2],
                fixtures.workerHeapBytes(), WorkerLog.steps(log));
    }

    /** VmHWM of the process in bytes, or 0 once it has gone. */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            return 0;
        }
        return 0;
    }

    /** The largest heap in use before a collection, the largest committed heap, and how many collections. */
    private static long[] heap(Path gcLog) {
        long used = 0;
        long committed = 0;
        long collections = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher matcher = GC.matcher(line);
                if (matcher.find()) {
                    collections++;
                    used = Math.max(used, bytes(matcher.group(1), matcher.group(2)));
                    committed = Math.max(committed, bytes(matcher.group(5), matcher.group(6)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The worker wrote no GC log", e);
        }
        return new long[] {used, committed, collections};
    }

    private static long bytes(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "K" -> n * 1024;
            case "M" -> n * 1024 * 1024;
            default -> n * 1024 * 1024 * 1024;
        };
    }

    private static WorkerMessage.Outcome outcome(Path protocol) {
        try {
            WorkerMessage.Outcome outcome = null;
            for (String line : Files.readAllLines(protocol)) {
                if (!line.isBlank() && WorkerMessage.fromJson(line) instanceof WorkerMessage.Outcome last) {
                    outcome = last;
                }
            }
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll(Path... files) {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
