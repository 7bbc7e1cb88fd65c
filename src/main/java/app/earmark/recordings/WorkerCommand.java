package app.earmark.recordings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts an ingest worker: the same code as the web application, another entry
 * point, in its own JVM with a small heap. From the packaged jar the worker starts through Spring Boot's
 * {@code PropertiesLauncher}; from a class path (tests, {@code spring-boot:run}) directly.
 */
record WorkerCommand(String javaExecutable, String classPath, boolean bootJar, long heapBytes) {

    static final String MAIN_CLASS = "app.earmark.recordings.worker.IngestWorker";
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    static WorkerCommand forThisJvm(long heapBytes) {
        String javaBinary = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        boolean bootJar = classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
                && isBootJar(Path.of(classPath));
        return new WorkerCommand(javaBinary, classPath, bootJar, heapBytes);
    }

    /**
     * @param log the worker's log file; a JVM crash report (e.g. from a crash inside FFmpeg) goes beside it
     */
    List<String> arguments(Path input, Path outputDir, long maxDurationSeconds, Path log) {
        var command = jvm(log, List.of());
        command.addAll(ingestArguments(input, outputDir, maxDurationSeconds));
        return command;
    }

    /**
     * A chapters worker: it starts, loads FFmpeg and waits for its job ({@link #chapterJob}) on standard input. The
     * job runs for seconds and spends them in FFmpeg, so the JVM compiles with its quick compiler only (C1), which
     * shortens the start.
     */
    List<String> chapterStandbyArguments(Path log) {
        var command = jvm(log, List.of("-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("--job", "chapters", "--standby"));
        return command;
    }

    /**
     * A mix worker ({@link app.earmark.recordings.worker.MixJob}), started for its one job (not ahead: a room ends
     * seldom). Like the chapters job it spends its time in FFmpeg, so the quick compiler suffices.
     */
    List<String> mixArguments(Path spec, Path output, Path log) {
        var command = jvm(log, List.of("-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("--job", "mix", "--spec", spec.toString(), "--output", output.toString()));
        return command;
    }

    /** The job line for a standby chapters worker: the rest of its command line, as a JSON array. */
    static String chapterJob(Path input, Path chapters, Path output) {
        return jobLine(List.of("--input", input.toString(), "--chapters", chapters.toString(), "--output",
                output.toString()));
    }

    /**
     * An ingest worker that starts, loads FFmpeg and waits for its job ({@link #ingestJob}) on standard input. Its
     * JIT is left as it is: ingest spends seconds in Java code too (mixing and peaks).
     */
    List<String> ingestStandbyArguments(Path log) {
        var command = jvm(log, List.of());
        command.add("--standby");
        return command;
    }

    /** The job line for a standby ingest worker: the command line {@link #arguments} would give, as a JSON array. */
    static String ingestJob(Path input, Path outputDir, long maxDurationSeconds) {
        return jobLine(ingestArguments(input, outputDir, maxDurationSeconds));
    }

    private static List<String> ingestArguments(Path input, Path outputDir, long maxDurationSeconds) {
        return List.of("--input", input.toString(), "--output-dir", outputDir.toString(), "--max-duration-seconds",
                Long.toString(maxDurationSeconds));
    }

    private static String jobLine(List<String> arguments) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(arguments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A list of strings is always JSON", e);
        }
    }

    private List<String> jvm(Path log, List<String> options) {
        var command = new ArrayList<>(List.of(javaExecutable, "-Xmx" + heapBytes / (1024 * 1024) + "m",
                "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m", "-XX:MaxDirectMemorySize=128m",
                "-XX:ErrorFile=" + log.resolveSibling(log.getFileName() + ".crash-%p.log"),
                "-Djava.awt.headless=true"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath));
        if (bootJar) {
            command.add("-Dloader.main=" + MAIN_CLASS);
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(MAIN_CLASS);
        }
        return command;
    }

    private static boolean isBootJar(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/classes/") != null || file.getEntry("BOOT-INF/lib/") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
