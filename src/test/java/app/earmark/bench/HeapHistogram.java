package app.earmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The live objects of this JVM's heap, class by class, as {@code jcmd <pid> GC.class_histogram} prints them (through
 * the same diagnostic command, in-process): the command runs a full collection first, so only reachable objects are
 * counted. Two histograms subtracted tell what was retained in between, and by which classes.
 *
 * <p>The histogram itself is written to a file and only its totals (and the counts of a few classes asked for) are
 * kept in memory, so that a histogram taken earlier does not add itself to the heap the next one measures.
 */
record HeapHistogram(Path file, long totalBytes, long totalInstances, Map<String, Long> tracked) {

    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Instances and bytes of one class. */
    record Entry(long instances, long bytes) {
    }

    /** What one class gained between two histograms. */
    record Growth(String className, long instances, long bytes) {
    }

    /**
     * A histogram of the heap now, written to {@code file}; {@code System.gc()} runs first, then the command's own
     * full collection.
     */
    static HeapHistogram take(Path file, Collection<String> trackedClasses) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(200);
        }
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("Could not take a class histogram of the heap", e);
        }
        Map<String, Entry> classes = parse(text);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> tracked = new HashMap<>();
        for (String name : trackedClasses) {
            Entry entry = classes.get(name);
            tracked.put(name, entry == null ? 0 : entry.instances());
        }
        return new HeapHistogram(file, classes.values().stream().mapToLong(Entry::bytes).sum(),
                classes.values().stream().mapToLong(Entry::instances).sum(), Map.copyOf(tracked));
    }

    /** Live instances of a tracked class. */
    long instances(String className) {
        Long count = tracked.get(className);
        if (count == null) {
            throw new IllegalArgumentException("Not tracked: " + className);
        }
        return count;
    }

    /** The classes that grew most since {@code before}, by bytes (read back from the two files). */
    List<Growth> grownSince(HeapHistogram before, int limit) {
        Map<String, Entry> now = read(file);
        Map<String, Entry> then = read(before.file());
        List<Growth> growth = new ArrayList<>();
        for (Map.Entry<String, Entry> e : now.entrySet()) {
            Entry old = then.getOrDefault(e.getKey(), new Entry(0, 0));
            long bytes = e.getValue().bytes() - old.bytes();
            if (bytes > 0) {
                growth.add(new Growth(e.getKey(), e.getValue().instances() - old.instances(), bytes));
            }
        }
        growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
        return growth.subList(0, Math.min(limit, growth.size()));
    }

    private static Map<String, Entry> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Entry> parse(String text) {
        Map<String, Entry> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                classes.merge(matcher.group(3), new Entry(Long.parseLong(matcher.group(1)),
                        Long.parseLong(matcher.group(2))),
                        (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("Unexpected class histogram:\n" + text);
        }
        return classes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
