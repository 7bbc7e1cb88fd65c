package app.earmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** Shared bits of the benchmarks: their folders under {@code target/} and how figures are written. */
final class Bench {

    private Bench() {
    }

    /** A folder under {@code target/} (created if missing); absolute, since external tools get it too. */
    static Path dir(String name) {
        try {
            return Files.createDirectories(Path.of("target", name)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty folder: whatever a previous run left in it is removed. */
    static Path emptyDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), e.g. "1.20, 0.90, 0.75". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The machine's CPU time so far ({@code /proc/stat}, all cores, in clock ticks): busy (everything but idle and
     * waiting for I/O) and in all. Two readings give the share of the cores that were busy between them.
     */
    record CpuTicks(long busy, long total) {

        static CpuTicks now() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    total += Long.parseLong(fields[i]);
                }
                return new CpuTicks(total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]), total);
            } catch (IOException | RuntimeException e) {
                return new CpuTicks(0, 0);
            }
        }

        /** The share of all cores busy since {@code before}, e.g. "93 %"; "unknown" without {@code /proc/stat}. */
        String busySince(CpuTicks before) {
            long total = this.total - before.total;
            return total <= 0 ? "unknown"
                    : String.format(java.util.Locale.ROOT, "%.0f %%", 100.0 * (busy - before.busy) / total);
        }
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String megabytes(long bytes) {
        if (bytes < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    /** "met" or "missed", for a figure against its target. */
    static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
