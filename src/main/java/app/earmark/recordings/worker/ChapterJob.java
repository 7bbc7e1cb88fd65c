package app.earmark.recordings.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * The worker's chapters job: a copy of a playable rendition with chapters embedded, packets copied as they are (nothing
 * decoded or encoded). MP4 and M4A get QuickTime and Nero chapters with the index at the front; WebM gets Matroska
 * chapters. The copy is written under a temporary name beside the output and renamed into place when complete.
 *
 * <p>For MP4 the index is written into room reserved for it after the file header (the input's index plus what the
 * chapters add, with a margin), so the media data is written once; {@code +faststart} would write the index at the end
 * and then move all the media data behind it. Should the room be too small after all, the copy is made again with
 * {@code +faststart}.
 */
public final class ChapterJob {

    /** A rendition is at most a few hours long; this only keeps a damaged file from running on forever. */
    private static final Duration LONGEST = Duration.ofHours(24);
    private static final String NO_SPACE = "The server ran out of disk space while making the copy with chapters."
            + " Ask your administrator to free space, then try again.";
    /** What one chapter adds to the index at most: its sample in the chapter track's tables and its Nero entry. */
    private static final long INDEX_BYTES_PER_CHAPTER = 64;

    /** The containers a chaptered copy can be written in, by the output's extension. */
    enum Container {
        MP4(".mp4", "mp4"), M4A(".m4a", "mp4"), WEBM(".webm", "webm");

        final String extension;
        final String muxer;

        Container(String extension, String muxer) {
            this.extension = extension;
            this.muxer = muxer;
        }

        static Container of(Path output) {
            String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Container container : values()) {
                if (name.endsWith(container.extension)) {
                    return container;
                }
            }
            throw new IllegalArgumentException("The output must end in .mp4, .m4a or .webm: " + output);
        }
    }

    private ChapterJob() {
    }

    static void main(String[] args) {
        ProcessHandle.current().info().startInstant().ifPresent(start -> System.err.printf(
                "JVM start took %d ms%n", Duration.between(start, Instant.now()).toMillis()));
        Consumer<WorkerMessage> messages = IngestWorker.protocol();
        ChapterArgs arguments;
        try {
            if (ChapterArgs.standby(args)) {
                String[] job = Standby.awaitJob(ChapterJob::prepareClasses, messages);
                if (job == null) {
                    System.exit(IngestWorker.EXIT_DONE);
                    return;
                }
                arguments = ChapterArgs.fromJob(job);
                Path output = arguments.output();
                Standby.endWithSupervisor(() -> {
                    deleteQuietly(partial(output));
                    deleteQuietly(output);
                });
            } else {
                arguments = ChapterArgs.parse(args);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ChapterArgs.USAGE);
            System.exit(IngestWorker.EXIT_USAGE);
            return;
        }
        WorkerMessage.Outcome outcome = run(arguments.input(), arguments.chapters(), arguments.output(), messages);
        System.exit(outcome instanceof WorkerMessage.Copied ? IngestWorker.EXIT_DONE : IngestWorker.EXIT_FAILED);
    }

    /** Loads and initialises the classes a job uses, while the standby waits anyway. */
    private static void prepareClasses() {
        for (Class<?> type : List.of(ChapterArgs.class, ChapterFile.class, ChapterWriter.class, PacketRemuxer.class,
                InputFile.class, MediaProbe.class, IsoBoxes.class, ProgressReporter.class, WorkerMessage.Copied.class,
                org.bytedeco.ffmpeg.avcodec.AVPacket.class, org.bytedeco.ffmpeg.avformat.AVChapter.class,
                org.bytedeco.ffmpeg.avformat.AVStream.class, org.bytedeco.ffmpeg.avformat.AVIOContext.class)) {
            try {
                Class.forName(type.getName(), true, ChapterJob.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        ChapterArgs.fromJob(new String[] {"--input", "a", "--chapters", "b", "--output", "c.mp4"});
    }

    /**
     * Writes the chaptered copy in this process; the outcome goes to {@code messages} and is returned. A refused input
     * is a {@link WorkerMessage.Failed} outcome; anything unexpected (a full disk, a bug) is thrown.
     *
     * @param output the file to write; it must not exist yet
     */
    public static WorkerMessage.Outcome run(Path input, Path chaptersFile, Path output,
            Consumer<WorkerMessage> messages) {
        Standby.loadFfmpeg();
        Container container = Container.of(output);
        Path partial = partial(output);
        WorkerMessage.Outcome outcome;
        try {
            List<ChapterMark> chapters = readChapters(chaptersFile);
            long started = System.nanoTime();
            long index = container.muxer.equals("mp4") ? reservedIndexBytes(input, chapters) : 0;
            outcome = copy(input, chapters, container, partial, index);
            move(partial, output);
            System.err.printf("Chaptered copy took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        } catch (IngestFailure e) {
            outcome = new WorkerMessage.Failed(e.code(), e.code() == FailureCode.NO_SPACE ? NO_SPACE : e.getMessage());
        } catch (UncheckedIOException e) {
            IngestFailure storage = StorageFailures.fromException(e).orElseThrow(() -> e);
            System.err.println("Storage failure: " + e.getMessage());
            outcome = new WorkerMessage.Failed(storage.code(), storage.code() == FailureCode.NO_SPACE ? NO_SPACE
                    : storage.getMessage());
        } catch (PacketRemuxer.Refused e) {
            outcome = new WorkerMessage.Failed(FailureCode.DECODE_ERROR, "The copy with chapters could not be"
                    + " written: " + e.getMessage());
        } finally {
            delete(partial);
        }
        messages.accept(outcome);
        return outcome;
    }

    /** @param index the room to reserve for the MP4 index; 0 for {@code +faststart} */
    static WorkerMessage.Copied copy(Path input, List<ChapterMark> chapters, Container container, Path file,
            long index) throws IngestFailure, PacketRemuxer.Refused {
        return PacketRemuxer.withIndexRoom(index, file, room -> copyOnce(input, chapters, container, file, room));
    }

    private static WorkerMessage.Copied copyOnce(Path input, List<ChapterMark> chapters, Container container, Path file,
            long reservedIndexBytes) throws IngestFailure, PacketRemuxer.Refused {
        AVFormatContext in = InputFile.open(input);
        try {
            ProbedMedia media = MediaProbe.describe(in);
            checkInside(chapters, media);
            var target = new PacketRemuxer.Target(file, container.muxer, media.videoStream(), media.audioStream(),
                    chapters, reservedIndexBytes);
            long size = Files.size(input);
            PacketRemuxer.Copy copy = PacketRemuxer.remux(in, target, LONGEST, new ProgressReporter(m -> {
            }, size));
            String indexAtFront = !container.muxer.equals("mp4") ? null : reservedIndexBytes > 0 ? "reserved" : "moved";
            return new WorkerMessage.Copied(chapters.size(), copy.packets(), indexAtFront);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            InputFile.close(in);
        }
    }

    /**
     * Room for the copy's index: the input's own index (the same packets, so nearly the same tables) plus what the
     * chapter track and the Nero chapters add, with a margin; 0 (use {@code +faststart}) when the input has no index
     * box to go by.
     */
    static long reservedIndexBytes(Path input, List<ChapterMark> chapters) {
        long room = PacketRemuxer.roomForIndexOf(input);
        if (room <= 0) {
            return 0;
        }
        long titles = chapters.stream().mapToLong(c -> c.title().getBytes(StandardCharsets.UTF_8).length).sum();
        return room + chapters.size() * INDEX_BYTES_PER_CHAPTER + titles;
    }

    private static List<ChapterMark> readChapters(Path file) throws IngestFailure {
        List<ChapterMark> chapters;
        try {
            chapters = ChapterFile.read(file);
        } catch (IOException e) {
            throw new IngestFailure(FailureCode.DECODE_ERROR, "The chapter list could not be read: " + e.getMessage());
        }
        if (chapters.isEmpty()) {
            throw new IngestFailure(FailureCode.DECODE_ERROR, "The chapter list is empty.");
        }
        long previousStart = -1;
        for (int i = 0; i < chapters.size(); i++) {
            ChapterMark chapter = chapters.get(i);
            if (chapter.title() == null || chapter.startMs() <= previousStart || chapter.endMs() <= chapter.startMs()) {
                throw new IngestFailure(FailureCode.DECODE_ERROR, "Chapter " + (i + 1) + " of the list is out of"
                        + " order, empty or untitled: " + chapter);
            }
            previousStart = chapter.startMs();
        }
        return chapters;
    }

    /** Every chapter starts before the copy ends (a damaged rendition may be shorter than the recording was). */
    private static void checkInside(List<ChapterMark> chapters, ProbedMedia media) throws IngestFailure {
        long declared = media.declaredMicros();
        ChapterMark lastChapter = chapters.get(chapters.size() - 1);
        if (declared > 0 && lastChapter.startMs() * 1000 >= declared) {
            throw new IngestFailure(FailureCode.TRUNCATED, "The playable copy ends at "
                    + Durations.format(declared) + ", before chapter " + chapters.size() + " starts.");
        }
    }

    private static void move(Path partial, Path output) {
        try {
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the finished copy to " + output, e);
        }
    }

    /** Where the copy is written until it is complete. */
    private static Path partial(Path output) {
        return output.resolveSibling(output.getFileName() + ".partial");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("Could not remove " + file + ": " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
