package app.earmark.recordings.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ingest worker: a plain Java program, run by the web application as a separate process (with a small heap),
 * that probes an uploaded recording, writes a browser-playable rendition, waveform peaks and a poster frame, and
 * reports on stdout in {@link WorkerMessage} lines. FFmpeg parses the untrusted file only here.
 *
 * <p>With {@code --job chapters} first on the command line it makes a chaptered copy instead ({@link ChapterJob}).
 * With {@code --standby} alone it loads FFmpeg first and then takes its command line from standard input
 * ({@link Standby}); it then ends, removing what it wrote, as soon as standard input closes (its supervisor is gone).
 *
 * <p>Exit codes: 0 after a {@code done} (or {@code copied}) line, 2 after a {@code failed} line, 64 for a bad command
 * line, 3 when its supervisor was gone; any other exit, or one without a final line, is a crash.
 */
public final class IngestWorker {

    static final int EXIT_DONE = 0;
    static final int EXIT_FAILED = 2;
    static final int EXIT_USAGE = 64;

    /** Shares of the progress: the rendition pass (with the peaks alongside a copy), then peaks, then the poster. */
    private static final double TRANSCODE_SHARE = 0.8;
    private static final double PEAKS_END = 0.97;

    private IngestWorker() {
    }

    public static void main(String[] args) {
        if (ChapterArgs.requested(args)) {
            ChapterJob.main(args);
            return;
        }
        if (MixJob.requested(args)) {
            MixJob.main(args);
            return;
        }
        Consumer<WorkerMessage> messages = protocol();
        WorkerArgs arguments;
        try {
            if (args.length == 1 && Standby.FLAG.equals(args[0])) {
                String[] job = Standby.awaitJob(() -> { }, messages);
                if (job == null) {
                    System.exit(EXIT_DONE);
                    return;
                }
                arguments = WorkerArgs.parse(job);
                Path outputDir = arguments.outputDir();
                Standby.endWithSupervisor(() -> deleteContents(outputDir));
            } else {
                arguments = WorkerArgs.parse(args);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(WorkerArgs.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        WorkerMessage.Outcome outcome = run(arguments.input(), arguments.outputDir(), arguments.maxDuration(),
                messages);
        System.exit(outcome instanceof WorkerMessage.Done ? EXIT_DONE : EXIT_FAILED);
    }

    /**
     * Where messages go: one JSON line each on standard output, which from now on carries protocol lines only
     * (whatever else prints to {@code System.out}, a library's logging say, goes to standard error).
     */
    static Consumer<WorkerMessage> protocol() {
        System.setProperty("java.awt.headless", "true");
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        return message -> {
            protocol.println(message.toJson());
            protocol.flush();
        };
    }

    /**
     * Ingests one recording in this process. Every message, the final outcome included, goes to {@code messages};
     * the outcome is also returned. A refused recording is a {@link WorkerMessage.Failed} outcome; anything
     * unexpected (a full disk, a bug) is thrown.
     *
     * @param outputDir an existing empty directory for the rendition, peaks and poster
     */
    public static WorkerMessage.Outcome run(Path input, Path outputDir, Duration maxDuration,
            Consumer<WorkerMessage> messages) {
        requireEmptyDirectory(outputDir);
        FfmpegLog.install();
        WorkerMessage.Outcome outcome;
        try {
            outcome = new WorkerMessage.Done(ingest(input, outputDir, maxDuration, messages));
        } catch (IngestFailure e) {
            outcome = new WorkerMessage.Failed(e.code(), e.getMessage());
        } catch (UncheckedIOException e) {
            // Java's own writing (peaks, poster) or reading failed: the server's storage, not the file.
            IngestFailure storage = StorageFailures.fromException(e).orElseThrow(() -> e);
            System.err.println("Storage failure: " + e.getMessage());
            outcome = new WorkerMessage.Failed(storage.code(), storage.getMessage());
        }
        if (outcome instanceof WorkerMessage.Failed) {
            // Nothing half-written stays behind (on a full disk, it would hold the space the retry needs).
            deleteContents(outputDir);
        }
        messages.accept(outcome);
        return outcome;
    }

    private static IngestResult ingest(Path input, Path outputDir, Duration maxDuration,
            Consumer<WorkerMessage> messages) throws IngestFailure {
        messages.accept(new WorkerMessage.PhaseStarted(WorkerMessage.Phase.PROBING));
        long size = size(input);
        if (size == 0) {
            throw new IngestFailure(FailureCode.EMPTY_FILE, "The file is empty (0 bytes): nothing was recorded or"
                    + " the upload saved nothing. Check the recording on your device and upload it again.");
        }
        ProbedMedia media = MediaProbe.probe(input);
        messages.accept(new WorkerMessage.Probed(media.probe()));
        Admission.check(media, maxDuration);

        messages.accept(new WorkerMessage.PhaseStarted(WorkerMessage.Phase.PROCESSING));
        ProgressReporter progress = new ProgressReporter(messages, size);
        RenditionPlan plan = RenditionPlan.choose(media);
        long started = System.nanoTime();
        long reached;
        PeaksPass.Result peaks;
        if (plan.remux()) {
            // The peaks are read by a second thread while the streams are copied: both passes read the same file and
            // need nothing from each other, so on two cores they take about the time of the longer one.
            PeaksAlongside alongside = PeaksAlongside.start(input, media, outputDir, maxDuration, size);
            try {
                try {
                    progress.pass(0, PEAKS_END);
                    reached = PacketRemuxer.remux(input, media, plan, outputDir.resolve(plan.fileName()), maxDuration,
                            progress);
                } catch (PacketRemuxer.Refused e) {
                    System.err.println("Packet copy refused, transcoding instead: " + e.getMessage());
                    delete(outputDir.resolve(plan.fileName()));
                    plan = plan.transcoded();
                    progress.pass(0, TRANSCODE_SHARE);
                    reached = Transcoder.transcode(input, media, outputDir.resolve(plan.fileName()), maxDuration,
                            progress);
                }
                logStep(plan.remux() ? "Packet copy" : "Transcoding", started);
                DurationRules.checkComplete(media, reached, input, List.of(), 0);
            } catch (IngestFailure | RuntimeException e) {
                alongside.abandon();
                throw e;
            }
            peaks = alongside.await();
        } else {
            progress.pass(0, TRANSCODE_SHARE);
            reached = Transcoder.transcode(input, media, outputDir.resolve(plan.fileName()), maxDuration, progress);
            started = logStep("Transcoding", started);
            DurationRules.checkComplete(media, reached, input, List.of(), 0);
            progress.pass(TRANSCODE_SHARE, PEAKS_END);
            peaks = PeaksPass.run(input, media, outputDir, maxDuration, progress);
            logStep("Peaks", started);
        }
        DurationRules.checkComplete(media, peaks.decodedMicros(), input, peaks.damaged(), peaks.endMicros());
        DurationRules.checkLimit(peaks.decodedMicros(), maxDuration);

        started = System.nanoTime();
        String poster = media.hasVideo() ? PosterFrame.write(input, media, outputDir) : null;
        logStep("Poster", started);
        long duration = RenditionDuration.micros(outputDir.resolve(plan.fileName()));
        return new IngestResult(media.probe(), plan.rendition(), peaks.peaks(), poster,
                peaks.decodedMicros() / 1000, duration / 1000);
    }

    /** Logs a step's time to stderr; returns the time it ended. */
    static long logStep(String step, long started) {
        long now = System.nanoTime();
        System.err.printf("%s took %d ms%n", step, (now - started) / 1_000_000);
        return now;
    }

    private static void requireEmptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> present = entries.limit(1).toList();
            if (!present.isEmpty()) {
                throw new IllegalArgumentException("The output directory is not empty: " + directory);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The output directory is not a readable directory: " + directory, e);
        }
    }

    private static long size(Path input) {
        try {
            return Files.size(input);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the input " + input, e);
        }
    }

    /** Removes whatever is in the directory (not the directory itself), as far as it can. */
    static void deleteContents(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).filter(path -> !path.equals(directory)).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("Could not remove " + path + ": " + e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not clear " + directory + ": " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
