package app.earmark.bench;

import app.earmark.bench.BenchMedia.Kind;
import app.earmark.bench.IngestBenchmark.Case;
import app.earmark.bench.IngestBenchmark.EarmarkRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The "Ingest" section of the benchmark report, in Markdown. */
final class IngestReport {

    private IngestReport() {
    }

    static String write(List<Case> cases, WorkerMemoryRun.Result longRun, Path longInput, double generationSeconds,
            double totalSeconds) {
        StringBuilder text = new StringBuilder();
        text.append("Earmark's whole ingest of synthetic 60-minute recordings against the `ffmpeg` command line doing"
                + " the same work. **Target:** at most 1.3× the command line's time for each recording, with no"
                + " transcoding of playable inputs; the worker's heap bounded (at most 256 MB) for a 3-hour file.\n\n");
        text.append(BenchmarkReport.table(List.of("recording", "input", "Earmark, median (min)",
                "ffmpeg command, median (min)", "Earmark / command (medians)", "≤ 1.3×",
                "Earmark / command, run by run: median (range)", "Earmark's rendition"),
                cases.stream().map(IngestReport::summaryRow).toList()));
        text.append("\nWhere the time goes (medians of the runs, seconds). Earmark's steps are the worker's own log"
                + " lines; a stream copy and the peaks run side by side (the peaks on a second thread of the worker),"
                + " so their columns overlap; \"JVM, probe\" is the rest of the worker process's lifetime from when it"
                + " was given its"
                + " job (probing and exit, and, where no worker was started ahead, the JVM's start and loading FFmpeg's"
                + " libraries); \"supervisor\" is the rest of the whole (noticing the queued recording, handing the"
                + " job to a worker, database updates, the atomic publish, and up to 50 ms of the benchmark's polling"
                + " of the database).\n\n");
        text.append(BenchmarkReport.table(List.of("recording", "Earmark whole", "worker process", "JVM, probe",
                "rendition", "peaks", "poster", "supervisor", "command: ffprobe", "rendition", "peaks", "poster"),
                cases.stream().map(IngestReport::breakdownRow).toList()));

        text.append("\n### 3-hour recording: the worker's memory\n\n");
        text.append(BenchmarkReport.table(List.of("input", "outcome", "wall time", "peak heap in use", "heap limit",
                "peak resident memory (VmHWM)", "GCs", "heap ≤ 256 MB"), List.of(longRow(longRun, longInput))));
        text.append("\nThe worker was started with the supervisor's own command line (`-Xmx256m -XX:+UseSerialGC"
                + " -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=128m`) plus `-Xlog:gc:file=…`. Peak heap in use"
                + " is the largest heap-before-collection in that GC log (heap use peaks just before a collection);"
                + " peak resident memory includes FFmpeg's native buffers and is sampled from `/proc/<pid>/status`"
                + " every 100 ms.")
                .append(longRun.steps().isEmpty() ? "" : " Steps: " + steps(longRun)).append("\n");

        text.append("\n### How it was measured\n\n");
        text.append(String.format(Locale.ROOT, "- **Inputs** (made by the benchmark with the `ffmpeg` command and"
                + " cached under `target/bench-media/`: a %d-second segment is encoded once, %d copies are joined with"
                + " the concat demuxer and `-c copy`, %d for the %d-minute file). The picture is `testsrc2`; the sound"
                + " a speech-like tone in syllable-length bursts with pauses and changing loudness:%n",
                BenchMedia.SEGMENT_SECONDS, IngestBenchmark.MINUTES * 60 / BenchMedia.SEGMENT_SECONDS,
                IngestBenchmark.LONG_MINUTES * 60 / BenchMedia.SEGMENT_SECONDS, IngestBenchmark.LONG_MINUTES));
        for (Kind kind : Kind.values()) {
            text.append("  - ").append(kind.name()).append(": ").append(kind.description).append(".\n");
        }
        text.append("- **Earmark** (whole ingest): in a Spring context of the application (in-memory H2, its own media"
                + " store under `target/`), the original is put into the media store once; each run saves a new QUEUED"
                + " recording of it, as a finished upload does, and is timed until the database says READY. That"
                + " includes the real `IngestSupervisor` handing the job to a worker JVM (`-Xmx256m`), probe, packet"
                + " copy (or transcode), peaks at 4 zoom levels, poster, the atomic publish into the media store, and"
                + " the database updates. Time is polled every 50 ms. As in production, the worker was started ahead"
                + " (JVM up, FFmpeg loaded, waiting for its job: Earmark starts one when an upload or a live recording"
                + " begins and after each ingest, `earmark.recordings.ingest-worker-standby`); it was ready before the"
                + " clock started, and the one started after each run was let finish its start before the next"
                + " measurement. Each recording still gets a worker process of its own. The rows marked \"no worker"
                + " started ahead\" show an ingest that starts its worker itself (the first after a quiet spell"
                + " longer than the standby time, when no upload announced it).\n");
        text.append("- **Command line** (the same work, one command after the other as Earmark's worker does it,"
                + " reading the very same stored original; `IN` is the original, `OUT` an emptied folder):\n");
        for (Kind kind : Kind.values()) {
            text.append("  - ").append(kind.name()).append(":\n");
            text.append("    ```\n");
            CliIngest.commands(kind).forEach(command -> text.append("    ").append(command).append('\n'));
            text.append("    ```\n");
        }
        text.append("  - `RATE` is the bit rate Earmark's transcoder picks, so both encode alike: 96 kb/s mono or"
                + " 128 kb/s stereo, at most 4 bits per sample and channel (88.2 kb/s for this 22.05 kHz mono"
                + " input).\n");
        text.append("- **Runs:** ").append(cases.get(0).earmark().size()).append(" of each per recording,"
                + " interleaved (Earmark then command, command then Earmark, Earmark then command, …); medians and"
                + " minimums. The target is judged on the ratio of the medians. The machine is shared with other"
                + " builds, so single runs can be slowed a lot and the load drifts over minutes; the run-by-run ratios"
                + " compare the two runs of each pair, which ran back to back under about the same load.\n");
        text.append("- **Fixed costs:** the ").append(IngestBenchmark.CLIP_SECONDS).append("-second M4A (the first"
                + " seconds of the segment, stream-copied) shows what an ingest costs whatever the recording's"
                + " length: on Earmark's side, with no worker started ahead, mostly starting a JVM and loading FFmpeg's"
                + " native libraries.\n");
        text.append("- **Not identical software:** Earmark's worker uses the FFmpeg libraries of bytedeco's JavaCPP"
                + " presets ").append(Tools.workerFfmpegVersion()).append(" (LGPL build) through JavaCV; the command"
                + " line is Debian's FFmpeg ").append(Tools.ffmpeg().version())
                .append(". Earmark's poster decodes forward to 1 s; the command seeks (`-ss 1` before `-i`).\n");
        text.append(String.format(Locale.ROOT, "- **Run time:** %s for this benchmark, of which %s making or finding"
                + " the inputs (the cache makes later runs faster).%n", Bench.seconds(totalSeconds),
                Bench.seconds(generationSeconds)));
        return text.toString();
    }

    private static List<String> summaryRow(Case measured) {
        Stats earmark = measured.earmarkStats();
        Stats cli = measured.cliStats();
        Stats paired = measured.pairedRatios();
        var recording = measured.earmark().get(0).recording();
        Boolean remuxed = measured.remuxed();
        String rendition = recording.renditionMime() + ", " + (remuxed == null ? "remuxed in some runs only"
                : remuxed ? "remuxed (streams copied)" : "transcoded") + ", "
                + Bench.megabytes(recording.renditionSize())
                + String.format(Locale.ROOT, ", %s decoded", duration(recording.durationMillis()));
        String verdict = measured.input().targeted() ? Bench.verdict(measured.met()) : "–";
        return List.of(measured.input().label(), Bench.megabytes(measured.inputBytes()),
                Bench.seconds(earmark.median()) + " (" + Bench.seconds(earmark.min()) + ")",
                Bench.seconds(cli.median()) + " (" + Bench.seconds(cli.min()) + ")",
                Bench.ratio(measured.ratio()), verdict, Bench.ratio(paired.median()) + " (" + Bench.ratio(paired.min())
                        + "–" + Bench.ratio(paired.max()) + ")", rendition);
    }

    private static String duration(Long millis) {
        if (millis == null) {
            return "?";
        }
        return millis >= 60_000 ? String.format(Locale.ROOT, "%.1f min", millis / 60000.0)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * The worker's time outside its steps. A stream copy and the peaks run side by side (the peaks on a second thread),
     * so they take the longer of the two; a transcode and the peaks run one after the other.
     */
    private static double outsideSteps(EarmarkRun run) {
        Map<String, Double> steps = run.steps();
        double peaks = steps.getOrDefault("Peaks", 0.0);
        double copy = steps.getOrDefault("Packet copy", 0.0);
        double passes = steps.containsKey("Packet copy") ? Math.max(copy, peaks)
                : steps.getOrDefault("Transcoding", 0.0) + peaks;
        return run.workerSeconds() - passes - steps.getOrDefault("Poster", 0.0);
    }

    private static List<String> breakdownRow(Case measured) {
        double whole = measured.earmarkMedian(EarmarkRun::seconds);
        double worker = measured.earmarkMedian(EarmarkRun::workerSeconds);
        double rendition = measured.earmarkMedian(run -> run.steps().getOrDefault("Packet copy", 0.0)
                + run.steps().getOrDefault("Transcoding", 0.0));
        double peaks = measured.earmarkMedian(run -> run.steps().getOrDefault("Peaks", 0.0));
        double poster = measured.earmarkMedian(run -> run.steps().getOrDefault("Poster", 0.0));
        double jvm = measured.earmarkMedian(IngestReport::outsideSteps);
        double supervisor = measured.earmarkMedian(run -> run.seconds() - run.workerSeconds());
        List<String> row = new ArrayList<>(List.of(measured.input().label(), fmt(whole), fmt(worker), fmt(jvm),
                fmt(rendition), fmt(peaks), measured.kind().video ? fmt(poster) : "–", fmt(supervisor)));
        row.add(fmt(measured.cliMedian(CliIngest.Result::probe)));
        row.add(fmt(measured.cliMedian(CliIngest.Result::rendition)));
        row.add(fmt(measured.cliMedian(CliIngest.Result::peaks)));
        row.add(measured.kind().video ? fmt(measured.cliMedian(CliIngest.Result::poster)) : "–");
        return row;
    }

    private static List<String> longRow(WorkerMemoryRun.Result run, Path input) {
        String outcome = run.done() ? "done" : "FAILED (exit " + run.exitCode() + "): " + run.outcome();
        boolean met = run.done() && run.peakHeapUsedBytes() <= 256L * 1024 * 1024
                && run.heapLimitBytes() <= 256L * 1024 * 1024;
        return List.of(Kind.WEBM.name() + ", " + IngestBenchmark.LONG_MINUTES + " min, " + Bench.megabytes(size(input)),
                outcome, Bench.seconds(run.seconds()),
                Bench.mebibytes(run.peakHeapUsedBytes()) + " (committed at most "
                        + Bench.mebibytes(run.peakHeapCommittedBytes()) + ")",
                Bench.mebibytes(run.heapLimitBytes()), Bench.mebibytes(run.peakRssBytes()),
                Integer.toString(run.collections()), Bench.verdict(met));
    }

    private static String steps(WorkerMemoryRun.Result run) {
        List<String> parts = new ArrayList<>();
        run.steps().forEach((step, seconds) -> parts.add(step.toLowerCase(Locale.ROOT) + " "
                + Bench.seconds(seconds)));
        return String.join(", ", parts) + ".";
    }

    private static String fmt(double seconds) {
        return Double.isNaN(seconds) ? "?" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
