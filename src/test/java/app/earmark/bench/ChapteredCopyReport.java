package app.earmark.bench;

import app.earmark.bench.ChapteredCopyBenchmark.Check;
import app.earmark.bench.ChapteredCopyBenchmark.Measured;
import java.util.List;
import java.util.Locale;

/** The "Chaptered copy" section of the benchmark report, in Markdown. */
final class ChapteredCopyReport {

    private ChapteredCopyReport() {
    }

    static String write(Measured m) {
        double target = ChapteredCopyBenchmark.TARGET;
        Stats cli = Stats.of(m.cli());
        StringBuilder text = new StringBuilder();
        text.append("A copy of a one-hour rendition with ").append(ChapteredCopyBenchmark.CHAPTERS)
                .append(" chapters embedded, streams copied (`ChapteredCopies.chapteredCopy`), against the `ffmpeg`"
                        + " command remuxing the same rendition with the same chapters. **Target:** at most ")
                .append(target).append("× the command's time. Earmark makes each copy in a worker process of its"
                        + " own; after a copy it starts the next worker ahead, which loads FFmpeg and waits (kept 10"
                        + " minutes by default). So a copy finds a worker ready when copies follow one another, and"
                        + " starts one (a JVM, then FFmpeg's libraries) when it is the first for a while: both are"
                        + " measured.\n\n");
        text.append(BenchmarkReport.table(List.of("what", "median (min–max)", "Earmark / command (medians)",
                "≤ " + target + "×", "Earmark / command, run by run: median (range)"), List.of(
                earmarkRow("Earmark, worker started ahead (copies one after another)", m, m.warm()),
                earmarkRow("Earmark, worker started for the call (first copy for a while)", m, m.cold()),
                List.of("`ffmpeg` command, `+faststart`", range(cli), "–", "–", "–"),
                List.of("for comparison: `ffmpeg` command with the index in reserved room, as Earmark writes it",
                        range(Stats.of(m.cliReserved())), "–", "–", "–"))));
        text.append(String.format(Locale.ROOT, "%nWhere Earmark's time goes (medians of the runs, seconds):%n%n"));
        text.append(BenchmarkReport.table(List.of("Earmark", "whole call", "JVM start", "loading FFmpeg",
                "remux in the worker", "the rest"), List.of(breakdown("worker started ahead", m.warm()),
                breakdown("worker started for the call", m.cold()))));
        text.append(String.format(Locale.ROOT, "%n\"The rest\" is the service around the worker: the access and"
                + " chapter checks, sending the job (or starting the process), the SHA-256 of the copy (%s measured on"
                + " its own, the largest part), the atomic move into the media store and the audit entry. The first"
                + " copy of a rendition also hashes the rendition, once (%s measured on its own; remembered in the"
                + " media store): with a worker started for the call it took %s in all.%n%n",
                Bench.seconds(m.copyHashSeconds()), Bench.seconds(m.renditionHashSeconds()),
                Bench.seconds(m.firstCopySeconds())));
        text.append("What the last run made, as Debian's `ffprobe` reads it (`-count_packets -show_chapters"
                + " -show_streams`):\n\n");
        text.append(BenchmarkReport.table(List.of("copy", "size", "chapters", "times and titles as asked",
                "every packet of both streams", "top-level boxes"), List.of(
                row("Earmark", m.earmarkOutput(), m.earmarkBoxes()),
                row("`ffmpeg` command", m.cliOutput(), m.cliBoxes()))));
        text.append("\n### How it was measured\n\n");
        var recording = m.recording();
        text.append(String.format(Locale.ROOT, "- **Rendition:** Earmark's own, made by ingesting the cached"
                + " %d-minute MP4 of the ingest benchmark (%s; H.264 1280×720 30 fps + AAC, index moved to the front):"
                + " %s, %s decoded.%n", ChapteredCopyBenchmark.MINUTES, recording.originalName(),
                Bench.megabytes(m.renditionBytes()), Bench.seconds(recording.durationMillis() / 1000.0)));
        text.append("- **Chapters:** " + ChapteredCopyBenchmark.CHAPTERS + ", one every 12 s on average, irregularly"
                + " spaced, each running to the next, titled like AC map entries (\"AC 2.3 Explain the role of the"
                + " coach, tag 17\"); the first chapter's title names the run, so every run makes a new copy.\n");
        text.append("- **Earmark:** in a Spring context of the application (in-memory H2, its own media store under"
                + " `target/`), signed in as the assessor, one call of `chapteredCopy(recordingId, chapters)`, timed"
                + " from the call to the returned descriptor: access check, chapter checks, the worker JVM"
                + " (`-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`) remuxing with the chapters into a work"
                + " folder, SHA-256 of the copy, the atomic move into the media store, the audit entry. Every call"
                + " asks for other chapters (the first title names the run), so none is served from the store; copies"
                + " of earlier runs are removed. The worker reserves room for the index at the front ("
                + Bench.megabytes(m.reservedIndexBytes()) + " here: the rendition's index, what the chapters add, and"
                + " a margin) so that the media data is written once; `+faststart` writes the index at the end and"
                + " then moves all the media data behind it.\n");
        text.append("- **Command:**\n  ```\n  " + CliChapters.command() + "\n  ```\n  with `chapters.ffmeta` the same"
                + " chapters in FFMETADATA (`TIMEBASE=1/1000`); for comparison, `" + CliChapters.reservedCommand()
                + "` with R the room Earmark's worker reserved.\n");
        text.append("- **Runs:** " + m.warm().size() + " of each, after one uncounted Earmark run (the first copy"
                + " above); interleaved (Earmark started ahead, command, Earmark started for the call, reserved"
                + " command; then command, Earmark ahead, reserved command, Earmark for the call; …). Before each"
                + " Earmark call, and after it, the benchmark waits until the worker started ahead has loaded FFmpeg,"
                + " so that no worker starts while anything else is timed. The target is judged on the ratio of the"
                + " medians; the run-by-run ratios compare each Earmark run with the command run of the same round,"
                + " which ran under about the same load.\n");
        text.append("- **Not identical software:** Earmark's worker uses the FFmpeg libraries of bytedeco's JavaCPP"
                + " presets " + Tools.workerFfmpegVersion() + "; the command is Debian's FFmpeg "
                + Tools.ffmpeg().version() + ".\n");
        text.append("- **Run time:** " + Bench.seconds(m.totalSeconds()) + " for this benchmark, ingest of the"
                + " rendition included.\n");
        return text.toString();
    }

    private static List<String> earmarkRow(String what, Measured m, List<ChapteredCopyBenchmark.EarmarkRun> runs) {
        Stats paired = m.pairedRatios(runs);
        return List.of(what, range(Measured.stats(runs)), Bench.ratio(m.ratio(runs)),
                Bench.verdict(m.ratio(runs) <= ChapteredCopyBenchmark.TARGET), Bench.ratio(paired.median()) + " ("
                        + Bench.ratio(paired.min()) + "–" + Bench.ratio(paired.max()) + ")");
    }

    private static List<String> breakdown(String what, List<ChapteredCopyBenchmark.EarmarkRun> runs) {
        double whole = Measured.stats(runs).median();
        double jvm = Measured.step(runs, "JVM start");
        double load = Measured.step(runs, "Loading FFmpeg");
        double remux = Measured.step(runs, "Chaptered copy");
        return List.of(what, seconds(whole), jvm == 0 ? "– (before)" : seconds(jvm),
                load == 0 ? "– (before)" : seconds(load), seconds(remux), seconds(whole - jvm - load - remux));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String range(Stats stats) {
        return Bench.seconds(stats.median()) + " (" + Bench.seconds(stats.min()) + "–" + Bench.seconds(stats.max())
                + ")";
    }

    private static List<String> row(String who, Check check, List<String> boxes) {
        return List.of(who, Bench.megabytes(check.bytes()), Integer.toString(check.chapters()),
                check.timesAndTitles() ? "yes" : "**no**", check.packetsAsRendition() ? "yes" : "**no**",
                String.join(", ", boxes));
    }
}
