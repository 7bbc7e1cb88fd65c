package app.earmark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The step times an ingest worker logs on standard error ("Packet copy took 812 ms", "Peaks took …"). */
final class WorkerLog {

    private static final Pattern STEP = Pattern.compile("^(Packet copy|Transcoding|Peaks|Poster) took (\\d+) ms$");

    private WorkerLog() {
    }

    /** Seconds by step, in the order logged; empty when the log is missing. */
    static Map<String, Double> steps(Path log) {
        Map<String, Double> steps = new LinkedHashMap<>();
        if (!Files.isRegularFile(log)) {
            return steps;
        }
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = STEP.matcher(line.trim());
                if (matcher.matches()) {
                    steps.put(matcher.group(1), Long.parseLong(matcher.group(2)) / 1000.0);
                }
            }
        } catch (IOException e) {
            return steps;
        }
        return steps;
    }
}
