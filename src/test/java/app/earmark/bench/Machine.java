package app.earmark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine the figures were measured on, as the report's header describes it. */
record Machine(int cores, String cpuModel, long ramBytes, String jdk, String os, String ffmpeg, String nginx) {

    static Machine thisOne() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readRamBytes(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Tools.ffmpeg().version(), Tools.nginx().version());
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, %s, %s; ffmpeg %s and nginx %s (Debian"
                + " packages)", cores, cpuModel, ramBytes / (1024.0 * 1024 * 1024), jdk, os, ffmpeg, nginx);
    }

    private static String readCpuModel() {
        return procLines("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("CPU model unknown");
    }

    private static long readRamBytes() {
        return procLines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
    }

    private static List<String> procLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
