package app.earmark.recordings.worker;

import java.nio.file.Path;

/**
 * The chapters job's command line: {@code --job chapters --input <file> --chapters <json> --output <file>}; or
 * {@code --job chapters --standby}, and then the rest of the command line comes later, as one line on standard input
 * holding a JSON array of the arguments.
 */
record ChapterArgs(Path input, Path chapters, Path output) {

    static final String JOB = "chapters";
    static final String USAGE = "Usage: IngestWorker --job chapters --input <playable file> --chapters <JSON file>"
            + " --output <file to write, .mp4, .m4a or .webm>\n   or: IngestWorker --job chapters --standby (then"
            + " [\"--input\", …] as one JSON line on standard input)";

    /** Whether the command line asks for this job rather than an ingest. */
    static boolean requested(String... args) {
        return args.length >= 2 && "--job".equals(args[0]) && JOB.equals(args[1]);
    }

    /** Whether the worker is to start, load FFmpeg and then wait for its job on standard input. */
    static boolean standby(String... args) {
        return requested(args) && args.length == 3 && Standby.FLAG.equals(args[2]);
    }

    /** The job a standby worker receives: the arguments after {@code --job chapters}. */
    static ChapterArgs fromJob(String[] rest) {
        String[] args = new String[rest.length + 2];
        args[0] = "--job";
        args[1] = JOB;
        System.arraycopy(rest, 0, args, 2, rest.length);
        return parse(args);
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
