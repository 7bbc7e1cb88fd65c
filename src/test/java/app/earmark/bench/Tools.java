package app.earmark.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference tools, from Debian's packages: the {@code ffmpeg} and {@code ffprobe} commands and {@code nginx}.
 * A benchmark without them cannot measure anything, so it fails and says what to install.
 */
final class Tools {

    static final String INSTALL = "apt-get install ffmpeg nginx-light (or nginx)";

    /** A tool found on this machine, with the version it reports. */
    record Tool(String name, Path executable, String version) {

        String path() {
            return executable.toString();
        }
    }

    private static Tool ffmpeg;
    private static Tool ffprobe;
    private static Tool nginx;

    private Tools() {
    }

    static synchronized Tool ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = find("ffmpeg", "ffmpeg", List.of("-version"), Pattern.compile("ffmpeg version (\\S+)"));
        }
        return ffmpeg;
    }

    static synchronized Tool ffprobe() {
        if (ffprobe == null) {
            ffprobe = find("ffprobe", "ffmpeg", List.of("-version"), Pattern.compile("ffprobe version (\\S+)"));
        }
        return ffprobe;
    }

    static synchronized Tool nginx() {
        if (nginx == null) {
            nginx = find("nginx", "nginx-light", List.of("-v"), Pattern.compile("nginx version: nginx/(\\S+)"));
        }
        return nginx;
    }

    /**
     * The version of the FFmpeg libraries Earmark's worker uses (JavaCPP's presets, e.g. {@code 8.1.2-1.5.14}), read
     * from the jar's manifest without loading the native libraries.
     */
    static String workerFfmpegVersion() {
        try {
            Package presets = Class.forName("org.bytedeco.ffmpeg.global.avutil", false, Tools.class.getClassLoader())
                    .getPackage();
            String version = presets.getImplementationVersion();
            return version == null ? "(version unknown)" : version;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The FFmpeg presets are not on the class path", e);
        }
    }

    private static Tool find(String name, String debianPackage, List<String> versionArgs, Pattern version) {
        Path executable = onPath(name);
        if (executable == null) {
            throw new IllegalStateException("The benchmarks compare Earmark with the '" + name + "' command (Debian"
                    + " package '" + debianPackage + "'), which is not installed. Install the reference tools with: "
                    + INSTALL);
        }
        Path log = Bench.dir("tool-versions").resolve(name + ".txt");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(versionArgs);
        OwnedProcess.run(command, log, Duration.ofSeconds(30));
        String output = OwnedProcess.tail(log, 50);
        Matcher matcher = version.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(executable + " did not report a version: " + output);
        }
        return new Tool(name, executable, matcher.group(1));
    }

    /** The executable on the PATH, or in the sbin folders where Debian puts nginx; {@code null} if none. */
    private static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
