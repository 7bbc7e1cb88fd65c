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
                + " **Targets:** p95 time to first byte of Range requests at most 2× nginx's; sequential throughput at"
                + " least 0.7× nginx's.\n\n");
        text.append(BenchmarkReport.table(List.of("measure", "Earmark", "nginx", "Earmark / nginx", "target"), List.of(
                List.of("Range requests: time to first byte, p50", Bench.millis(earmarkFirst.median()),
                        Bench.millis(nginxFirst.median()), Bench.ratio(earmarkFirst.median() / nginxFirst.median()),
                        ""),
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

        text.append("\n### How it was measured\n\n");
        text.append("- **The file:** " + StreamingBenchmark.SIZE + " pseudo-random bytes, made a READY recording's"
                + " rendition (`video/mp4`) by a hard link into Earmark's media store; nginx's root holds a hard link"
                + " to that same file, so both read one inode from the page cache.\n");
        text.append("- **Earmark:** the application in its Spring Boot test context (embedded Tomcat, random port,"
                + " in-memory H2), signed in as the learner by posting the login form (with its CSRF token) like a"
                + " browser; every request carries the `JSESSIONID` cookie and goes through the session, Spring"
                + " Security, and Earmark's check that the learner may see the discussion, as in production. The"
                + " `/api/v1/` path (HTTP Basic) was not timed: it checks a bcrypt hash on every request by design,"
                + " which would dominate.\n");
        text.append("- **nginx " + Tools.nginx().version() + ":** `daemon off`, `worker_processes 1`, `sendfile on`,"
                + " `tcp_nopush on`, `access_log off`, listening on 127.0.0.1 (config written to"
                + " `target/bench-nginx/nginx.conf`).\n");
        text.append(String.format(Locale.ROOT, "- **Range requests:** %d warm-up requests to each (as on a server that"
                + " has been running: the JVM has compiled Earmark's request path by then), then %d measured, at"
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
                + " after the measured ones: Spring Security answers them with a redirect before any of Earmark's"
                + " code runs, so they show the share of Tomcat and the security filter chain in Earmark's time.%n",
                StreamingBenchmark.REFUSALS));
        text.append("- **Run time:** " + Bench.seconds(measured.totalSeconds()) + " for this benchmark (after the"
                + " application context started).\n");
        return text.toString();
    }

    private static String megabytesPerSecond(double value) {
        return String.format(Locale.ROOT, "%.0f MB/s", value);
    }
}
