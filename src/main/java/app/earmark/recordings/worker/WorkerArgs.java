package app.earmark.recordings.worker;

import java.nio.file.Path;
import java.time.Duration;

/** The command line: {@code --input <file> --output-dir <empty dir> --max-duration-seconds <n>}. */
record WorkerArgs(Path input, Path outputDir, Duration maxDuration) {

    static final String USAGE = "Usage: IngestWorker --input <file> --output-dir <existing empty directory>"
            + " --max-duration-seconds <n>";

    static WorkerArgs parse(String... args) {
        Path input = null;
        Path outputDir = null;
        Duration maxDuration = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("No value for " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--input" -> input = Path.of(value);
                case "--output-dir" -> outputDir = Path.of(value);
                case "--max-duration-seconds" -> maxDuration = Duration.ofSeconds(seconds(value));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (input == null || outputDir == null || maxDuration == null) {
            throw new IllegalArgumentException("--input, --output-dir and --max-duration-seconds are all required");
        }
        return new WorkerArgs(input, outputDir, maxDuration);
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--max-duration-seconds must be a positive whole number, not " + value);
    }
}
