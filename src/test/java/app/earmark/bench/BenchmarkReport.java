package app.earmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark report, {@code docs/benchmarks.md} (system property {@value #PROPERTY}, set by the {@code benchmark}
 * Maven profile): a header describing the machine, then one {@code ## } section per benchmark. A benchmark replaces
 * its own section and keeps the others, so benchmarks can be added, and run, one at a time.
 */
final class BenchmarkReport {

    static final String PROPERTY = "earmark.benchmark.report";
    private static final String SECTION = "## ";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Path file;

    BenchmarkReport(Path file) {
        this.file = file;
    }

    /** The report the Maven profile names; refuses to guess one. */
    static BenchmarkReport configured() {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("No report file: run the benchmarks with ./mvnw verify -Pbenchmark"
                    + " (or set -D" + PROPERTY + "=<file>).");
        }
        return new BenchmarkReport(Path.of(path));
    }

    Path file() {
        return file;
    }

    /**
     * Writes the section {@code ## title} with the given Markdown body, replacing an earlier one of that title and
     * keeping every other section; the header is written afresh for this machine.
     */
    synchronized void replaceSection(String title, String body, Machine machine) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(WHEN);
        Map<String, String> sections = sections();
        sections.put(title, SECTION + title + "\n\n_Measured " + now + " on " + machine.describe()
                + "._\n\n" + body.strip()
                + "\n");
        StringBuilder text = new StringBuilder(header(machine, now, title));
        sections.values().forEach(section -> text.append('\n').append(section.strip()).append('\n'));
        write(text.toString());
    }

    /**
     * Writes the part {@code ### subtitle} of the section {@code ## title}, keeping the section's other parts (in
     * their order; a new part goes last) and every other section: for a section several benchmarks write a part of.
     * The part says when it was measured.
     */
    synchronized void replaceSubsection(String title, String subtitle, String body, Machine machine) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(WHEN);
        Map<String, String> parts = new LinkedHashMap<>();
        String old = sections().get(title);
        if (old != null) {
            String part = null;
            List<String> current = new ArrayList<>();
            for (String line : old.split("\n", -1)) {
                if (line.startsWith("### ")) {
                    if (part != null) {
                        parts.put(part, String.join("\n", current).strip());
                    }
                    part = line.substring(4).trim();
                    current = new ArrayList<>();
                }
                if (part != null) {
                    current.add(line);
                }
            }
            if (part != null) {
                parts.put(part, String.join("\n", current).strip());
            }
        }
        parts.put(subtitle, "### " + subtitle + "\n\n_Measured " + now + "._\n\n" + body.strip());
        replaceSection(title, String.join("\n\n", parts.values()), machine);
    }

    private static String header(Machine machine, String now, String title) {
        return "# Benchmarks\n\n"
                + "Written by `./mvnw verify -Pbenchmark` (the `*Benchmark` classes in"
                + " `src/test/java/app/earmark/bench`); each benchmark replaces its own section, so do not edit this"
                + " file by hand.\n\n"
                + "- **Machine:** " + machine.describe() + ".\n"
                + "- **Last written:** " + now + " (section \"" + title + "\").\n"
                + "- **How to read the figures:** in each section, Earmark and the reference tool were measured side by"
                + " side in one run, alternating, on a shared and noisy virtual machine (other builds run on it at the"
                + " same time, and can slow a single run by tens of percent). Compare the ratios rather than the"
                + " absolute times, and read medians together with minimums.\n";
    }

    /** The sections now in the file, by title, in their order; the header is not kept. */
    private Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return sections;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String title = null;
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(SECTION)) {
                if (title != null) {
                    sections.put(title, String.join("\n", current));
                }
                title = line.substring(SECTION.length()).trim();
                current = new ArrayList<>();
            }
            if (title != null) {
                current.add(line);
            }
        }
        if (title != null) {
            sections.put(title, String.join("\n", current));
        }
        return sections;
    }

    private void write(String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".benchmarks", ".md");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** A Markdown table. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        text.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return text.toString();
    }
}
