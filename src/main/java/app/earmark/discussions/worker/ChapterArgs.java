package app.earmark.discussions.worker;

import java.nio.file.Path;

/** The chapters job's command line: {@code --job chapters --input <file> --chapters <json> --output <file>}. */
record ChapterArgs(Path input, Path chapters, Path output) {

    static final String JOB = "chapters";
    static final String USAGE = "Usage: IngestWorker --job chapters --input <playable file> --chapters <JSON file>"
            + " --output <file to write, .mp4, .m4a or .webm>";

    /** Whether the command line asks for this job rather than an ingest. */
    static boolean requested(String... args) {
        return args.length >= 2 && "--job".equals(args[0]) && JOB.equals(args[1]);
    }

    static ChapterArgs parse(String... args) {
        if (!requested(args)) {
            throw new IllegalArgumentException("Not a chapters job");
        }
        Path input = null;
        Path chapters = null;
        Path output = null;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("No value for " + args[i]);
            }
            Path value = Path.of(args[i + 1]);
            switch (args[i]) {
                case "--input" -> input = value;
                case "--chapters" -> chapters = value;
                case "--output" -> output = value;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (input == null || chapters == null || output == null) {
            throw new IllegalArgumentException("--input, --chapters and --output are all required");
        }
        ChapterJob.Container.of(output);
        return new ChapterArgs(input, chapters, output);
    }
}
