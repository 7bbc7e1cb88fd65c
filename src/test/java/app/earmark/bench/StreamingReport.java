package app.earmark.bench;

import app.earmark.bench.StreamingBenchmark.Measured;
import java.util.List;
import java.util.Locale;

/** The "Streaming" section of the benchmark report, in Markdown. */
final class StreamingReport {

    private static final double FIRST_BYTE_TARGET = 2.0;
    private static final double THROUGHPUT_TARGET = 0.7;

    private StreamingReport() {
    }

    static String write(Measured measured) {
        Stats earmarkFirst = Stats.of(measured.earmarkRanges().stream().map(TimedReads.RangeTiming::firstByteMillis)
                .toList());
        Stats nginxFirst = Stats.of(measured.nginxRanges().stream().map(TimedReads.RangeTiming::firstByteMillis)
                .toList());
        Stats earmarkTotal = Stats.of(measured.earmarkRanges().stream().map(TimedReads.RangeTiming::totalMillis)
                .toList());
        Stats nginxTotal = Stats.of(measured.nginxRanges().stream().map(TimedReads.RangeTiming::totalMillis).toList());
        Stats earmarkRate = Stats.of(measured.earmarkReads().stream()
                .map(TimedReads.SequentialTiming::megabytesPerSecond).toList());
        Stats nginxRate = Stats.of(measured.nginxReads().stream().map(TimedReads.SequentialTiming::megabytesPerSecond)
                .toList());
        Stats refused = Stats.of(measured.refusals().stream().map(TimedReads.RangeTiming::firstByteMillis).toList());
        double ceiling = Stats.median(measured.clientCeilings());
        double firstByteRatio = earmarkFirst.p95() / nginxFirst.p95();
        double throughputRatio = earmarkRate.median() / nginxRate.median();

        StringBuilder text = new StringBuilder();
        text.append("A 1 GiB rendition served by Earmark (the browser's path `/media/recordings/{id}/rendition`, signed"
                + " in, with the session cookie) and by nginx (Debian package, loopback) from the same file."
                + " **Targets:** p95 (and, since issue 13, p50) time to first byte of Range requests at most 2× nginx's;"
                + " sequential throughput at least 0.7× nginx's.\n\n");
        text.append(BenchmarkReport.table(List.of("measure", "Earmark", "nginx", "Earmark / nginx", "target"), List.of(
                List.of("Range requests: time to first byte, **p50**", Bench.millis(earmarkFirst.median()),
                        Bench.millis(nginxFirst.median()), Bench.ratio(earmarkFirst.median() / nginxFirst.median()),
                        "≤ 2× (issue 13): " + Bench.verdict(earmarkFirst.median() / nginxFirst.median()
                                <= FIRST_BYTE_TARGET)),
                List.of("Range requests: time to first byte, **p95**", Bench.millis(earmarkFirst.p95()),
                        Bench.millis(nginxFirst.p95()), Bench.ratio(firstByteRatio),
                        "≤ 2×: " + Bench.verdict(firstByteRatio <= FIRST_BYTE_TARGET)),
                List.of("Range requests: time to first byte, p99", Bench.millis(earmarkFirst.p99()),
                        Bench.millis(nginxFirst.p99()), Bench.ratio(earmarkFirst.p99() / nginxFirst.p99()), ""),
                List.of("Range requests: time to last byte, p50 / p95",
                        Bench.millis(earmarkTotal.median()) + " / " + Bench.millis(earmarkTotal.p95()),
                        Bench.millis(nginxTotal.median()) + " / " + Bench.millis(nginxTotal.p95()),
                        Bench.ratio(earmarkTotal.median() / nginxTotal.median()) + " / "
                                + Bench.ratio(earmarkTotal.p95() / nginxTotal.p95()), ""),
                List.of("Whole-file read (1 GiB): **throughput**, median (best)",
                        megabytesPerSecond(earmarkRate.median()) + " (" + megabytesPerSecond(earmarkRate.max()) + ")",
                        megabytesPerSecond(nginxRate.median()) + " (" + megabytesPerSecond(nginxRate.max()) + ")",
                        Bench.ratio(throughputRatio),
                        "≥ 0.7×: " + Bench.verdict(throughputRatio >= THROUGHPUT_TARGET)),
                List.of("For comparison: Earmark refusing a Range request without a session (302 to the login"
                        + " page), time to first byte p50 / p95", Bench.millis(refused.median()) + " / "
                        + Bench.millis(refused.p95()), "", "", ""))));
        text.append("\nLoad average (1, 5, 15 min): " + measured.loadBefore() + " before, " + measured.loadAfter()
                + " after (the machine is shared: other builds, Chromium and ffmpeg run on it).\n");

        warmUp(text, measured.warmUp());
        if (measured.layers() != null) {
            layers(text, measured.layers());
        }
        if (measured.stores() != null) {
            objectStores(text, measured.stores());
        }
        text.append("\n### How it was measured\n\n");
        text.append("- **The file:** " + StreamingBenchmark.SIZE + " pseudo-random bytes, made a READY recording's"
                + " rendition (`video/mp4`) by a hard link into Earmark's media store; nginx's root holds a hard link"
                + " to that same file, so both read one inode from the page cache.\n");
        text.append("- **Earmark:** the application in its Spring Boot test context (embedded Tomcat, random port,"
                + " in-memory H2), signed in as the learner by posting the login form (with its CSRF token) like a"
                + " browser; every request carries the `JSESSIONID` cookie and goes through the session, Spring"
                + " Security (the `/media/` chain), and Earmark's check that the learner may see the discussion, as in"
                + " production: a \"yes\" is remembered for 5 s per person, recording and file and forgotten on any"
                + " access-changing event (docs/media-store.md), so most measured requests ask the database nothing."
                + " The `/api/v1/` path (HTTP Basic) was not timed: it checks a bcrypt hash on every request by design,"
                + " which would dominate.\n");
        text.append("- **nginx " + Tools.nginx().version() + ":** `daemon off`, `worker_processes 1`, `sendfile on`,"
                + " `tcp_nopush on`, `access_log off`, listening on 127.0.0.1 (config written to"
                + " `target/bench-nginx/nginx.conf`).\n");
        text.append(String.format(Locale.ROOT, "- **Range requests:** %d warm-up requests to each (as on a server that"
                + " has been running: the JVM has compiled Earmark's request path by then. HotSpot compiles a method"
                + " with its optimising compiler (C2) only after 5,000 to 15,000 calls, and most of the request path"
                + " runs once per request, so Earmark's time to first byte was still falling after 1,000 (until issue"
                + " 13) and after 5,000 (until 2026-12-06 20:40); see the warm-up line above. A node under the load"
                + " of \"Several nodes\" below answers 20,000 requests in under a minute), then %d measured, at"
                + " random offsets with random lengths from 64 KiB to 1 MiB, the same range to both, alternating which"
                + " goes first. Client: `java.net.http.HttpClient`, HTTP/1.1, keep-alive. Time to first byte is the"
                + " time from sending the request to having the response headers. Every answer was checked: status"
                + " 206, the exact `Content-Range`, and every byte against the file.%n", StreamingBenchmark.WARM_UP,
                StreamingBenchmark.RANGES));
        text.append(String.format(Locale.ROOT, "- **Whole-file reads:** %d of each, alternating which goes first; the"
                + " client counts and SHA-256-hashes the bytes as they arrive and keeps none; each read's status,"
                + " length and hash were checked. Hashing the file straight from the page cache in the same JVM (before"
                + " each pair of reads) ran at %s (median), the ceiling for any server here. Client and server share"
                + " the machine's %d cores.%n", StreamingBenchmark.SEQUENTIAL_READS, megabytesPerSecond(ceiling),
                Runtime.getRuntime().availableProcessors()));
        text.append(String.format(Locale.ROOT, "- **Earmark refusing:** %d Range requests without a session cookie,"
                + " after the measured ones: Spring Security (the `/media/` chain) answers them with a redirect"
                + " before any of Earmark's code runs, so they show the share of Tomcat and the security filter chain"
                + " in Earmark's time.%n",
                StreamingBenchmark.REFUSALS));
        text.append("- **Run time:** " + Bench.seconds(measured.totalSeconds()) + " for this benchmark (after the"
                + " application context started).\n");
        return text.toString();
    }

    private static void objectStores(StringBuilder text, StreamingBenchmark.StoresMeasured stores) {
        Stats nginxFirst = firstBytes(stores.ranges().get(StreamingBenchmark.NGINX));
        double nginxRate = Stats.median(stores.wholes().get(StreamingBenchmark.NGINX).stream()
                .map(TimedReads.SequentialTiming::megabytesPerSecond).toList());
        text.append("\n### The S3 media store (S3Proxy on loopback)\n\n");
        text.append(String.format(Locale.ROOT, "The same file as a rendition in the S3 media store of two more"
                + " application contexts in the same JVM (S3Proxy 2.6.0, filesystem backend, on loopback, started as a"
                + " process): one streaming by proxy (`earmark.s3.streaming=proxy`), one by redirect (`redirect`, the"
                + " 307 followed to the presigned URL as a browser does, with the same Range); S3Proxy read directly"
                + " with that presigned URL; the folder store and nginx as above. %d Range requests to each after %d"
                + " warm-up ones, the same ranges to all five, the order rotating request by request; %d whole-file"
                + " reads of each, rotating likewise. Load average (1, 5, 15 min): %s before, %s after.%n%n",
                StreamingBenchmark.STORE_RANGES, StreamingBenchmark.STORE_WARM_UP,
                StreamingBenchmark.STORE_SEQUENTIAL_READS, stores.loadBefore(), stores.loadAfter()));
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String name : stores.ranges().keySet()) {
            Stats first = firstBytes(stores.ranges().get(name));
            Stats last = Stats.of(stores.ranges().get(name).stream().map(TimedReads.RangeTiming::totalMillis)
                    .toList());
            double rate = Stats.median(stores.wholes().get(name).stream()
                    .map(TimedReads.SequentialTiming::megabytesPerSecond).toList());
            rows.add(List.of(name, Bench.millis(first.median()), Bench.millis(first.p95()),
                    Bench.ratio(first.median() / nginxFirst.median()) + " / "
                            + Bench.ratio(first.p95() / nginxFirst.p95()),
                    Bench.millis(last.median()), megabytesPerSecond(rate), Bench.ratio(rate / nginxRate)));
        }
        text.append(BenchmarkReport.table(List.of("reading the file", "Range: first byte p50", "p95",
                "p50 / p95 against nginx", "Range: last byte p50", "whole file (1 GiB), median", "against nginx"),
                rows));
        text.append(String.format(Locale.ROOT, "%nSetting up the two S3 contexts (start, sign-in, uploading the"
                + " file twice in 5 MB parts) took %s.%n", Bench.seconds(stores.setUpSeconds())));
    }

    /** How the time to first byte fell while the JVM compiled the request path (the warm-up requests). */
    private static void warmUp(StringBuilder text, List<StreamingBenchmark.WarmUpBlock> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        text.append("\nWarm-up (not counted above), median time to first byte per block of requests: ");
        text.append(String.join("; ", blocks.stream().map(block -> String.format(Locale.ROOT,
                "%d–%d: Earmark %s, nginx %s", block.first(), block.last(), Bench.millis(block.earmarkMillis()),
                Bench.millis(block.nginxMillis()))).toList()));
        text.append(".\n");
    }

    /** Where the time goes: each probe adds one layer of the media path to the one before. */
    private static void layers(StringBuilder text, StreamingLayers.Measured layers) {
        text.append("\n### Where the time goes, layer by layer\n\n");
        text.append(String.format(Locale.ROOT, "Probe endpoints that exist only in the benchmark's application context"
                + " (`StreamingLayers`), each adding one layer of the media path to the one before, asked side by side"
                + " with nginx and the media endpoint itself: the same random Range to every one, the order rotating"
                + " request by request, each over its own kept-alive connection; %d rounds measured after %d warm-up"
                + " ones. The probes answering a few bytes send them as a 206 whatever the Range; the others answer"
                + " the Range (checked by its length). Load average (1, 5, 15 min): %s before, %s after.%n%n",
                layers.rounds(), layers.warmUp(), layers.loadBefore(), layers.loadAfter()));
        List<List<String>> rows = new java.util.ArrayList<>();
        Double nginx = null;
        Double previous = null;
        for (var entry : layers.firstBytes().entrySet()) {
            Stats stats = Stats.of(entry.getValue());
            if (nginx == null) {
                nginx = stats.median();
            }
            String added = previous == null || entry.getKey().startsWith("for comparison")
                    || entry.getKey().startsWith("nginx") || entry.getKey().startsWith("Tomcat") ? ""
                    : String.format(Locale.ROOT, "%+.2f ms", stats.median() - previous);
            rows.add(List.of(entry.getKey(), Bench.millis(stats.median()), Bench.millis(stats.p95()), added,
                    Bench.ratio(stats.median() / nginx)));
            if (!entry.getKey().startsWith("for comparison")) {
                previous = stats.median();
            }
        }
        text.append(BenchmarkReport.table(List.of("layer", "first byte p50", "p95", "p50 added by the layer",
                "p50 against nginx"), rows));
        text.append("\nThe probes under `/probe/` pass through no security filter chain (but through the servlet"
                + " filters every request passes: Spring Security's firewall, character encoding, the"
                + " `http.server.requests` observation); the others through the `/media/` chain with the session"
                + " cookie. The probes are found by the application's own handler mapping; the media endpoint by the"
                + " media controller's own (see below). A layer's share is the difference of two medians, each measured"
                + " on a shared machine: read differences of a few hundredths of a millisecond as noise.\n");
        text.append("\nWhat issue 13 changed on this path (each kept what a request is checked for: the session's"
                + " sign-in through the `/media/` chain, the access check with its remembered \"yes\" of 5 s, Spring's"
                + " Range handling of a streamed `Resource`):\n\n"
                + "- The media controller has a Spring MVC handler mapping of its own, asked before the application's:"
                + " a path with a variable was matched against every mapping of the application, twice per request"
                + " (Spring Security's `HandlerMappingIntrospector` cache, then dispatching); a JFR profile of the"
                + " request threads (`StreamingProbe`) found about a seventh of their samples there.\n"
                + "- A Range request under `/media/` is timed once, as `earmark.media.range`, and not also observed as"
                + " `http.server.requests` (about a tenth of the samples: an observation, an active-requests gauge and a"
                + " timer looked up by tags, per request).\n"
                + "- No `ServletRequestHandledEvent` per request (`spring.mvc.publish-request-handled-events=false`;"
                + " nothing listened).\n"
                + "- Tomcat keeps a connection for 10,000 requests (`server.tomcat.max-keep-alive-requests`, default"
                + " 100), which matters under load (\"Several nodes\"), not for one connection here.\n"
                + "- A single range of a file in the folder store is sent by Tomcat with the kernel's `sendfile`, as"
                + " nginx does (`SendfileRegions`: Spring MVC still decides the answer and its headers, Tomcat sends"
                + " the body), instead of being read and written in 8 KiB pieces through Tomcat's buffers; the headers"
                + " go as soon as the controller returns. In the run before and the run after (5,000 warm-up"
                + " requests, 200 measured, minutes apart): time to first byte p50 2.33× nginx's and then 2.12×, time"
                + " to last byte p50 1.62× and then 1.21×.\n"
                + "- The benchmark warms up with 20,000 requests (5,000 until 2026-12-06 20:40, 1,000 before issue 13)"
                + " and measures 1,000 (200 until then).\n"
                + "\nWhat was measured and left: the `/media/` security chain with the session costs a few hundredths"
                + " of a millisecond (it was already cut down before issue 13), so its filters were left as they are;"
                + " the access check's remembered answer likewise. The rest of Earmark's time over nginx is Tomcat"
                + " itself (a thread hand-off per request, where nginx answers on its event loop: the plain servlet"
                + " above), Spring's Range handling, and formatting and re-parsing `Last-Modified` in Spring's"
                + " `HttpEntityMethodProcessor`.\n");
    }

    private static Stats firstBytes(List<TimedReads.RangeTiming> timings) {
        return Stats.of(timings.stream().map(TimedReads.RangeTiming::firstByteMillis).toList());
    }

    private static String megabytesPerSecond(double value) {
        return String.format(Locale.ROOT, "%.0f MB/s", value);
    }
}
