package app.earmark.bench;

import app.earmark.bench.WorkspaceBenchmark.KeyTagging;
import app.earmark.bench.WorkspaceBenchmark.LossRun;
import app.earmark.bench.WorkspaceBenchmark.MemoryRun;
import app.earmark.bench.WorkspaceBenchmark.Openings;
import app.earmark.bench.WorkspaceBenchmark.Prepared;
import app.earmark.bench.WorkspaceProbe.Opening;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The "Workspace" section of the benchmark report, in Markdown. */
final class WorkspaceReport {

    static final String UI_CLASS = "com.vaadin.flow.component.UI";
    static final String WORKSPACE_CLASS = "app.earmark.workspace.ui.TagWorkspace";
    static final String HTTP_SESSION_CLASS = "org.apache.catalina.session.StandardSession";
    private static final int TOP_CLASSES = 12;

    private WorkspaceReport() {
    }

    static String write(List<Openings> openings, KeyTagging keys, List<MemoryRun> memory, List<LossRun> losses,
            List<String> load, double generationSeconds, double totalSeconds) {
        StringBuilder text = new StringBuilder();
        text.append("The tagging workspace (`/discussions/{id}/workspace`, the `<earmark-workspace>` component) in"
                + " Debian's headless Chromium driven by Playwright, against the application in its Spring Boot test"
                + " context, on 3-hour recordings made ready by the real ingest, each with ").append(
                WorkspaceBenchmark.TAGS).append(" tags. **Targets:** the workspace of a 3-hour recording opens and"
                + " draws its waveform and 300 tags in at most 1 s; a tag placed by key is saved and drawn within"
                + " 50 ms (p95); the server keeps at most 2 MB of heap per open workspace session; a browser killed"
                + " while recording loses at most 5 s.\n\n");

        List<List<String>> rows = new ArrayList<>();
        for (Openings o : openings) {
            Stats s = Stats.of(o.runs().stream().map(Opening::readyAtMs).toList());
            rows.add(List.of("Opening the workspace, 3-hour " + o.prepared().label() + " with "
                    + WorkspaceBenchmark.TAGS + " tags: navigation start → `workspace-ready`, **p95** (median, max)",
                    ms(s.p95()) + " (" + ms(s.median()) + ", " + ms(s.max()) + ")", "≤ 1 s",
                    Bench.verdict(s.p95() <= WorkspaceBenchmark.OPEN_TARGET_MS)));
        }
        Stats keyStats = Stats.of(keys.latencies());
        rows.add(List.of("Tag placed by key: Enter → saved by the server and drawn, **p95** (p50, max), "
                + keys.latencies().size() + " tags", ms(keyStats.p95()) + " (" + ms(keyStats.median()) + ", "
                + ms(keyStats.max()) + ")", "≤ " + ms(WorkspaceBenchmark.KEY_TARGET_MS),
                Bench.verdict(keyStats.p95() <= WorkspaceBenchmark.KEY_TARGET_MS)));
        for (MemoryRun run : memory) {
            rows.add(List.of("Server heap per open workspace session, " + run.count() + " sessions open at once",
                    mib(run.perSessionBytes()), "≤ 2 MB",
                    Bench.verdict(run.perSessionBytes() <= WorkspaceBenchmark.SESSION_TARGET_BYTES)));
        }
        double maxLoss = losses.stream().mapToDouble(LossRun::lostMs).max().orElse(Double.NaN);
        rows.add(List.of("Live recording lost when the browser is killed after "
                + WorkspaceBenchmark.RECORD_BEFORE_KILL_MS / 1000 + " s, **largest** of " + losses.size() + " runs",
                seconds(maxLoss), "≤ 5 s",
                Bench.verdict(maxLoss <= WorkspaceBenchmark.LOSS_TARGET_MS)));
        text.append(BenchmarkReport.table(List.of("measure", "figure", "target", "verdict"), rows));

        appendOpenings(text, openings);
        appendKeys(text, keys);
        appendMemory(text, memory);
        appendLosses(text, losses);
        appendMethod(text, openings, keys, memory, load, generationSeconds, totalSeconds);
        return text.toString();
    }

    private static void appendOpenings(StringBuilder text, List<Openings> openings) {
        text.append("\n### Opening the workspace\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Openings o : openings) {
            Prepared p = o.prepared();
            Stats ready = Stats.of(o.runs().stream().map(Opening::readyAtMs).toList());
            Stats component = Stats.of(o.runs().stream().map(Opening::componentMs).toList());
            rows.add(List.of(p.label(), Bench.megabytes(p.inputBytes()) + ", "
                    + String.format(Locale.ROOT, "%.1f min", p.recording().durationMillis() / 60_000.0),
                    Bench.seconds(p.ingestSeconds()), Integer.toString(o.runs().size()),
                    triple(ready), triple(component), ms(median(o.runs(), Opening::metadataAtMs))));
        }
        text.append(BenchmarkReport.table(List.of("recording", "input", "ingest to READY", "openings measured",
                "navigation start → `workspace-ready`: median / p95 / max",
                "component's own `ms` (from its `connectedCallback`): median / p95 / max",
                "player has the metadata (median)"), rows));
        text.append("\nWhere the time goes: medians of the measured openings, in ms from the navigation's start (each"
                + " column's median is taken on its own, so they need not add up). After Vaadin's bootstrap the"
                + " client-side router asks the server for the route (\"route request\"): the server runs the"
                + " navigation (access checks, the view's `beforeEnter`, which loads the discussion, the recording,"
                + " the ACs and the tags) and answers with the view's components and attributes, the 300 tags as"
                + " `tags-json` among them; \"server\" is that request's time to its first byte (loopback). Then the"
                + " script chunk with the workspace component (peaks.js, Konva) loads, the element is created and"
                + " connected, and it fetches the peaks.\n\n");
        rows = new ArrayList<>();
        for (Openings o : openings) {
            List<Opening> r = o.runs();
            rows.add(List.of(o.prepared().kind().name(), ms(median(r, Opening::responseEnd)),
                    ms(median(r, Opening::initEnd)), ms(median(r, Opening::routeSent)),
                    ms(median(r, op -> diff(op.routeResponseStart(), first(op.routeRequestStart(), op.routeSent())))),
                    ms(median(r, Opening::routeEnd)) + " (" + kilobytes(median(r, Opening::routeBytes)) + ")",
                    ms(median(r, Opening::lazyEnd)), ms(median(r, Opening::connected)),
                    ms(median(r, Opening::peaksEnd)) + " (" + kilobytes(median(r, Opening::peaksBytes)) + ")",
                    ms(median(r, op -> diff(op.readyMark(), op.loaded()))), ms(median(r, Opening::readyAtMs)),
                    ms(median(r, Opening::longTaskMs)) + " (" + String.format(Locale.ROOT, "%.0f",
                            median(r, op -> (double) op.longTaskCount())) + ")",
                    String.format(Locale.ROOT, "%.0f", Stats.median(o.statements().stream().map(Long::doubleValue)
                            .toList()))));
        }
        text.append(BenchmarkReport.table(List.of("recording", "page's HTML received",
                "Vaadin's bootstrap answered (`v-r=init`)", "route request sent", "server: route request to first byte",
                "route answer received (size)", "script chunks loaded after it", "component connected",
                "peaks received (size)", "peaks.js draws the waveform and tags (`loaded` → `ready` marks)",
                "`workspace-ready`", "main-thread long tasks before ready: total (count)",
                "SQL statements the server ran per opening"), rows));
    }

    private static void appendKeys(StringBuilder text, KeyTagging keys) {
        text.append("\n### Tagging by keyboard\n\n");
        Stats s = Stats.of(keys.latencies());
        double mean = keys.latencies().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        text.append(BenchmarkReport.table(List.of("tags placed", "tags on the recording", "p50", "p95", "p99", "max",
                "mean", "in the database as typed"),
                List.of(List.of(Integer.toString(keys.latencies().size()),
                        keys.tagsBefore() + " → " + keys.tagsAfter(),
                        ms(s.median()), ms(s.p95()), ms(s.p99()), ms(s.max()), ms(mean),
                        keys.verified() + " of " + keys.latencies().size()))));
        text.append("\nWhere the time goes, by the browser's clock: each latency split at the request that makes the"
                + " tag (`POST /workspace/pages/{page}/recordings/{id}/tags`, a plain same-origin request, not"
                + " Vaadin's round trip; its first after the Enter key press, from Resource Timing). The answer is"
                + " the saved tag alone. After each change the server pushes that change alone (the tag, or the id"
                + " of a deleted one) to every other open workspace of the recording, not back to the page that"
                + " made it. \"In the handler\" is the part of the server's time spent in the tag's request handler"
                + " (access checks, transaction, commit; its `Server-Timing`).\n\n");
        List<WorkspaceBenchmark.TagTiming> t = keys.timings();
        List<Long> statements = keys.statements();
        text.append(BenchmarkReport.table(List.of("", "Enter → request sent", "server: request to first byte of the"
                + " answer", "of which in the handler", "answer's transfer", "answer received → tag drawn", "answer's size",
                "SQL statements the server ran per tag"), List.of(
                List.of("p50", ms(stat(t, WorkspaceBenchmark.TagTiming::toRequest).median()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::server).median()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::handler).median()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::transfer).median()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::afterAnswer).median()),
                        kilobytes(stat(t, WorkspaceBenchmark.TagTiming::answerBytes).median()),
                        String.format(Locale.ROOT, "%.0f (first tag %d, last %d)", Stats.median(statements.stream()
                                .map(Long::doubleValue).toList()), statements.get(0),
                                statements.get(statements.size() - 1))),
                List.of("p95", ms(stat(t, WorkspaceBenchmark.TagTiming::toRequest).p95()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::server).p95()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::handler).p95()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::transfer).p95()),
                        ms(stat(t, WorkspaceBenchmark.TagTiming::afterAnswer).p95()),
                        kilobytes(stat(t, WorkspaceBenchmark.TagTiming::answerBytes).p95()), ""))));
    }

    private static Stats stat(List<WorkspaceBenchmark.TagTiming> timings,
            Function<WorkspaceBenchmark.TagTiming, Double> figure) {
        return Stats.of(timings.stream().map(figure).toList());
    }

    private static void appendMemory(StringBuilder text, List<MemoryRun> memory) {
        text.append("\n### Server memory per open workspace session\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (MemoryRun run : memory) {
            Stats ready = Stats.of(run.sessions().stream().map(BrowserSessions.Session::readyAtMs).toList());
            rows.add(List.of(Integer.toString(run.count()), mib(run.before().totalBytes()),
                    mib(run.open().totalBytes()), "**" + mib(run.perSessionBytes()) + "**",
                    mib(run.perSessionUsedBytes()), mib(run.afterClosePerSessionBytes()),
                    signedKib(run.noiseBytes()),
                    objects(run.before()) + " → " + objects(run.open()) + " → " + objects(run.after()),
                    run.sessions().size() + " of " + run.count() + ", drawn tags "
                            + run.sessions().stream().mapToInt(BrowserSessions.Session::drawnTagCount).min().orElse(0)
                            + "–" + run.sessions().stream().mapToInt(BrowserSessions.Session::drawnTagCount).max()
                            .orElse(0) + ", median " + ms(ready.median()) + ", max " + ms(ready.max())));
        }
        text.append(BenchmarkReport.table(List.of("sessions", "live heap before", "live heap with all open",
                "per session (live heap, class histogram)", "per session (heap in use after a full GC)",
                "per session still held after the pages left", "drift with nothing happening (7 s before)",
                "UIs / `TagWorkspace`s / HTTP sessions on the server: before → open → after",
                "workspace-ready seen"),
                rows));
        MemoryRun largest = memory.get(memory.size() - 1);
        text.append("\nWhat a session holds: the classes whose live bytes grew most with ").append(largest.count())
                .append(" sessions open, divided by ").append(largest.count()).append(".\n\n");
        rows = new ArrayList<>();
        for (HeapHistogram.Growth g : largest.open().grownSince(largest.before(), TOP_CLASSES)) {
            rows.add(List.of("`" + g.className() + "`", String.format(Locale.ROOT, "%.1f",
                    (double) g.instances() / largest.count()), kib(g.bytes() / (double) largest.count())));
        }
        text.append(BenchmarkReport.table(List.of("class", "instances per session", "bytes per session"), rows));
    }

    private static void appendLosses(StringBuilder text, List<LossRun> losses) {
        text.append("\n### A browser killed while recording\n\n");
        List<List<String>> rows = new ArrayList<>();
        int run = 1;
        for (LossRun loss : losses) {
            rows.add(List.of(Integer.toString(run++), seconds(loss.recordedMs()), seconds(loss.keptMs()),
                    "**" + seconds(loss.lostMs()) + "**", Bench.seconds(loss.closedAfterSeconds()),
                    Bench.verdict(loss.lostMs() <= WorkspaceBenchmark.LOSS_TARGET_MS)));
        }
        text.append(BenchmarkReport.table(List.of("run", "recorded before the kill (browser's clock)",
                "kept (the ingested recording's length)", "lost", "closed by the server and READY, after the kill",
                "≤ 5 s"), rows));
    }

    private static void appendMethod(StringBuilder text, List<Openings> openings, KeyTagging keys,
            List<MemoryRun> memory, List<String> load, double generationSeconds, double totalSeconds) {
        text.append("\n### How it was measured\n\n");
        text.append("- **Application:** Earmark in its Spring Boot test context (embedded Tomcat on a random port,"
                + " in-memory H2, Vaadin in production mode with push, its own media store under `target/`), in the"
                + " benchmark's JVM. **Browser:** Debian's Chromium, headless, with the browser tests' flags"
                + " (`BrowserTest`), a 1400×1000 viewport, signed in as the demo assessor through the login page.\n");
        text.append("- **Recordings:** the ingest benchmark's synthetic inputs, ").append(WorkspaceBenchmark.MINUTES)
                .append(" minutes (cached under `target/bench-media/`): ");
        List<String> kinds = new ArrayList<>();
        for (Openings o : openings) {
            kinds.add(o.prepared().kind().name() + ", " + o.prepared().kind().description);
        }
        text.append(String.join("; ", kinds)).append(". Each was stored as an original and queued as a finished"
                + " upload is, and made READY by the real `IngestSupervisor` and worker (rendition, peaks at 4 zoom"
                + " levels; the workspace loads the 1024 samples-per-pixel level).\n");
        text.append("- **Tags:** ").append(WorkspaceBenchmark.TAGS).append(" per recording, made with `Tags.create`"
                + " as the assessor: one at a random moment in each 1/300 of the recording; every ")
                .append(ordinal(WorkspaceBenchmark.SPAN_EVERY)).append(" a span of 15–90 s, every third with two ACs,"
                + " every ").append(ordinal(WorkspaceBenchmark.NOTE_EVERY)).append(" with a note; ACs drawn at random"
                + " from the unit's.\n");
        text.append("- **Opening:** one browser context, signed in; ").append(WorkspaceBenchmark.WARM_UP)
                .append(" warm-up openings, then ").append(WorkspaceBenchmark.OPENINGS).append(" measured, each a"
                + " fresh page load (`about:blank` first, then the workspace's URL; the browser's cache is warm, as"
                + " for an assessor who has used Earmark before). A script added before the page's own records, with"
                + " `performance.now()` (zero = `performance.timeOrigin`, the navigation's start), when the"
                + " component dispatches `workspace-ready`. The component sends it once peaks.js has drawn the waveform"
                + " and the tags, from the next animation frame's callbacks (before that frame is painted); its own"
                + " `ms` counts from its `connectedCallback` only, leaving out the page load and Vaadin's bootstrap,"
                + " so the target is judged on the p95 of the time from the navigation's start. Every"
                + " opening was checked: the event says the waveform was drawn and ").append(WorkspaceBenchmark.TAGS)
                .append(" tags are drawn on it, the list shows ").append(WorkspaceBenchmark.TAGS).append(" tags, and"
                + " the waveform's canvases exist. `workspace-ready` does not wait for the player: the time the"
                + " `<audio>`/`<video>` element had the recording's metadata is shown beside it. The breakdown comes"
                + " from Navigation and Resource Timing, the component's own `performance.mark`s and Long Tasks.\n");
        text.append("- **Tagging by keyboard** (on the M4A's workspace, freshly opened): ").append(
                keys.latencies().size()).append(" tags, each after seeking the paused player to a new place spread"
                + " over the recording (waiting for `seeked`): the benchmark types an AC key (`1.1`, `1.2`, … in"
                + " turn)"
                + " then presses Enter with Playwright's keyboard, as an assessor does. The figure is the component's"
                + " own measurement (`window.earmarkTagLatencies`): from the Enter keydown's time stamp to the frame"
                + " after the tag the server confirmed was handed to the list and the waveform. The server pushes"
                + " the change to every other open workspace, not back to this page (checked: it received no push)."
                + " Afterwards every tag was"
                + " looked up in the database: at the seek position less the reaction delay (±2 ms), with the typed"
                + " AC, made by the assessor.\n");
        text.append("- **Server memory:** the browsers for this part run in a separate JVM (its own Playwright and"
                + " Chromium), so that the heap measured holds only the server's objects. Each session is a fresh"
                + " browser context that signs in through the login page, opens the M4A's workspace and waits for"
                + " `workspace-ready` (").append(WorkspaceBenchmark.TAGS).append(" tags drawn); sessions are opened"
                + " one after another and all stay open. The live heap is the total of a class histogram (the"
                + " `GC.class_histogram` diagnostic command, in-process, which runs a full collection first, after"
                + " three `System.gc()`): taken before the first session opened and 3 s after the last was ready;"
                + " per session = (open − before) / sessions. The heap in use from `MemoryMXBean` right after the"
                + " same collections is shown as a check. Then each page navigates away (Chromium sends Vaadin's"
                + " unload beacon, which closes the UI), the browser closes, and a third histogram shows what the"
                + " server still holds: the signed-in HTTP session, which lives until it times out (4 h). \"Drift\""
                + " is the change between two histograms 7 s apart before any session opened. The runs with ")
                .append(memory.stream().map(r -> Integer.toString(r.count())).reduce((a, b) -> a + " and " + b)
                        .orElse("")).append(" sessions followed the opening measurements (so classes were loaded and"
                + " compiled), one after the other.\n");
        text.append("- **Killed browser:** as `LiveRecordingIT` does it: a Chromium of its own (with a marker flag"
                + " on its command line), signed in, records the fake microphone at `/discussions/{id}/record`"
                + " (2 s parts); after ").append(WorkspaceBenchmark.RECORD_BEFORE_KILL_MS / 1000).append(" s of"
                + " recording by the browser's clock (from the component's `recording-started` event) every process"
                + " of that Chromium is killed (SIGKILL). The server closes a recording with no part for "
                + WorkspaceBenchmark.ABANDON_AFTER + " here (`earmark.live.abandon-after`, 2 min in production, looked"
                + " at every second), keeps the parts it has, and ingests them. Lost = recorded before the kill −"
                + " the ingested recording's length.\n");
        text.append("- **Load:** the machine is shared; its load average (1 minute) at the start and end of each"
                + " part: ").append(String.join("; ", load)).append(". A load above the number of cores (").append(Runtime
                .getRuntime().availableProcessors()).append(") means that runnable processes (here the browser, the server and other builds) wait for the CPU, which"
                + " lengthens every time above.\n");
        text.append(String.format(Locale.ROOT, "- **Run time:** %.1f s for this benchmark, of which %.1f s making or"
                + " finding the inputs.%n", totalSeconds, generationSeconds));
    }

    // ---- figures ----

    private static <T> double median(List<T> runs, Function<T, Double> figure) {
        List<Double> values = runs.stream().map(figure).filter(Objects::nonNull).toList();
        return values.isEmpty() ? Double.NaN : Stats.median(values);
    }

    private static Double first(Double a, Double b) {
        return a != null && a > 0 ? a : b;
    }

    private static Double diff(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    private static String triple(Stats s) {
        return ms(s.median()) + " / " + ms(s.p95()) + " / " + ms(s.max());
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%.0f ms", millis);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static String signedKib(double bytes) {
        return String.format(Locale.ROOT, "%+.0f KiB", bytes / 1024.0);
    }

    private static String kilobytes(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
    }

    private static String objects(HeapHistogram h) {
        return h.instances(UI_CLASS) + " / " + h.instances(WORKSPACE_CLASS) + " / " + h.instances(HTTP_SESSION_CLASS);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 2 -> "second";
            case 3 -> "third";
            case 5 -> "fifth";
            case 10 -> "tenth";
            default -> n + "th";
        };
    }
}
