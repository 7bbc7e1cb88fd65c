package app.earmark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** CPU time of processes on this (Linux) machine, from {@code /proc/<pid>/stat}, in milliseconds. */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** The command line of a process (arguments joined by spaces), or "" when it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** User plus system CPU of one process ({@code utime + stime}); 0 when it is gone. */
    static long ownMillis(long pid) {
        long[] f = fields(pid);
        return f == null ? 0 : ticksToMillis(f[0] + f[1]);
    }

    /** CPU of the children this process has waited for ({@code cutime + cstime}). */
    static long reapedChildrenMillis(long pid) {
        long[] f = fields(pid);
        return f == null ? 0 : ticksToMillis(f[2] + f[3]);
    }

    /** A process and every process under it, each as it is now. */
    static long treeMillis(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ownMillis(p.pid())).sum();
    }

    /**
     * The server's CPU: this JVM (which runs Earmark; the test's own threads, mostly waiting, are in it too), the
     * children it has waited for (finished ingest and mix worker JVMs), and its live Java descendants (running
     * workers). The Playwright driver and the browsers, also under this JVM, are left out.
     */
    static long serverMillis() {
        long jvm = TimeUnit.NANOSECONDS.toMillis(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime());
        long self = ProcessHandle.current().pid();
        long workers = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(p -> ownMillis(p.pid())).sum();
        return jvm + reapedChildrenMillis(self) + workers;
    }

    /** The main process of the Chromium launched with {@code marker} among its flags. */
    static Optional<ProcessHandle> chromium(String marker) {
        return ProcessHandle.allProcesses().filter(p -> {
            String command = commandLine(p.pid());
            return command.contains(marker) && !command.contains("--type=");
        }).findFirst();
    }

    /** utime, stime, cutime, cstime (fields 14–17 of /proc/pid/stat), in clock ticks. */
    private static long[] fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after[0] is field 3 (state), so field n is after[n - 3].
            return new long[] {Long.parseLong(after[11]), Long.parseLong(after[12]), Long.parseLong(after[13]),
                Long.parseLong(after[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksToMillis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
