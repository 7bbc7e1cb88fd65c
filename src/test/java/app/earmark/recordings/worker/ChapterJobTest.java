package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.ProbedFile;
import app.earmark.recordings.TestMedia;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chapters job in this process: each kind of rendition gets its chapters, as another FFmpeg (Debian's ffprobe)
 * reads them, with every packet of its streams copied and nothing re-encoded.
 */
class ChapterJobTest {

    private static final int SECONDS = 12;
    static final List<ChapterMark> CHAPTERS = List.of(
            new ChapterMark(0, 1_500, "Introduction"),
            new ChapterMark(1_500, 4_250, "AC 1.1 Explain the purpose of coaching"),
            new ChapterMark(4_250, 7_000, "AC 2.1 and 2.2"),
            new ChapterMark(7_000, 9_999, "AC 3.1 — Évaluer l'impact, 評価"),
            new ChapterMark(9_999, 11_500, "AC 3.2"));

    @TempDir
    static Path media;

    @TempDir
    Path dir;

    record Kind(String name, Function<Path, Path> generate, String output, List<String> codecs) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("H.264 and AAC MP4", d -> TestMedia.mp4H264Aac(d, SECONDS, 320, 240), "copy.mp4",
                        List.of("h264", "aac")),
                new Kind("AAC M4A", d -> TestMedia.m4aAac(d, SECONDS), "copy.m4a", List.of("aac")),
                new Kind("VP8 and Opus WebM", d -> TestMedia.webmOpusVp8(d, SECONDS, 320, 240), "copy.webm",
                        List.of("vp8", "opus")),
                new Kind("MP3, copied into M4A", d -> TestMedia.mp3(d, SECONDS), "copy.m4a", List.of("mp3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void embedsEveryChapterAndCopiesEveryPacket(Kind kind) throws Exception {
        Path rendition = rendition(kind);
        Path output = dir.resolve(kind.output());

        WorkerMessage.Outcome outcome = ChapterJob.run(rendition, chapterFile(CHAPTERS), output, message -> {
        });

        assertThat(outcome).isInstanceOf(WorkerMessage.Copied.class);
        var copied = (WorkerMessage.Copied) outcome;
        assertThat(copied.chapters()).isEqualTo(CHAPTERS.size());
        ProbedFile before = ProbedFile.of(rendition);
        ProbedFile after = ProbedFile.of(output);
        assertThat(after.chapters()).containsExactlyElementsOf(CHAPTERS.stream()
                .map(c -> new ProbedFile.Chapter(c.startMs(), c.endMs(), c.title())).toList());
        assertThat(after.media()).extracting(ProbedFile.Stream::codec).containsExactlyInAnyOrderElementsOf(kind.codecs());
        assertThat(after.media()).containsExactlyInAnyOrderElementsOf(before.media());
        assertThat(copied.packets()).isEqualTo(before.media().stream().mapToLong(ProbedFile.Stream::packets).sum());
        assertThat(dir.resolve(kind.output() + ".partial")).doesNotExist();
        if (kind.output().endsWith(".webm")) {
            assertThat(copied.indexAtFront()).isNull();
        } else {
            assertThat(copied.indexAtFront()).isEqualTo(kind.codecs().contains("mp3") ? "moved" : "reserved");
            assertThat(Mp4Boxes.topLevel(output)).as("the index before the media data").startsWith("ftyp", "moov");
        }
    }

    @Test
    void whenTheRoomKeptForTheIndexIsTooSmallTheIndexIsMovedToTheFrontInstead() throws Exception {
        Path rendition = rendition(kinds().findFirst().orElseThrow());
        Path output = dir.resolve("copy.mp4");

        var copied = ChapterJob.copy(rendition, CHAPTERS, ChapterJob.Container.MP4, output, 200);

        assertThat(copied.indexAtFront()).isEqualTo("moved");
        assertThat(Mp4Boxes.topLevel(output)).startsWith("ftyp", "moov");
        assertThat(ProbedFile.of(output).chapters()).hasSize(CHAPTERS.size());
        assertThat(ProbedFile.of(output).media()).containsExactlyInAnyOrderElementsOf(ProbedFile.of(rendition).media());
    }

    @Test
    void roomForTheIndexIsTheRenditionsIndexAndWhatTheChaptersAdd() throws Exception {
        Path rendition = rendition(kinds().findFirst().orElseThrow());
        long moov = ProbedBoxes.moovSize(rendition);

        long reserved = ChapterJob.reservedIndexBytes(rendition, CHAPTERS);

        assertThat(reserved).isGreaterThan(moov + CHAPTERS.size() * 40L).isLessThan(moov + 64 * 1024);
        assertThat(ChapterJob.reservedIndexBytes(TestMedia.webmOpusOnly(dir, 2), CHAPTERS)).isZero();
    }

    @Test
    void refusesAChapterListOutOfOrderOrPastTheEnd() throws Exception {
        Path rendition = rendition(kinds().findFirst().orElseThrow());

        var outOfOrder = ChapterJob.run(rendition, chapterFile(List.of(new ChapterMark(5_000, 6_000, "B"),
                new ChapterMark(1_000, 2_000, "A"))), dir.resolve("a.mp4"), message -> {
                });
        var pastTheEnd = ChapterJob.run(rendition, chapterFile(List.of(new ChapterMark(60_000, 61_000, "Late"))),
                dir.resolve("b.mp4"), message -> {
                });

        assertThat(outOfOrder).isInstanceOf(WorkerMessage.Failed.class);
        assertThat(((WorkerMessage.Failed) outOfOrder).message()).contains("Chapter 2 of the list is out of order");
        assertThat(pastTheEnd).isInstanceOf(WorkerMessage.Failed.class);
        assertThat(((WorkerMessage.Failed) pastTheEnd).message()).startsWith("The playable copy ends at 0:1")
                .endsWith("before chapter 1 starts.");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
        assertThat(dir.resolve("b.mp4")).doesNotExist();
    }

    @Test
    void aStandbyWorkerLoadsFfmpegThenTakesItsJobFromStandardInput() throws Exception {
        Path rendition = rendition(kinds().findFirst().orElseThrow());
        Path output = dir.resolve("copy.mp4");
        Process worker = standby();
        try (var lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
                var in = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(WorkerMessage.fromJson(lines.readLine())).isEqualTo(new WorkerMessage.Ready(worker.pid()));
            in.write(WorkerJson.MAPPER.writeValueAsString(List.of("--input", rendition.toString(), "--chapters",
                    chapterFile(CHAPTERS).toString(), "--output", output.toString())) + "\n");
            in.flush();
            assertThat(WorkerMessage.fromJson(lines.readLine())).isInstanceOf(WorkerMessage.Copied.class);
            assertThat(lines.readLine()).isNull();
        }
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(IngestWorker.EXIT_DONE);
        assertThat(ProbedFile.of(output).chapters()).hasSize(CHAPTERS.size());
    }

    @Test
    void aStandbyWorkerWhoseInputClosesEndsQuietly() throws Exception {
        Process worker = standby();
        try (var lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(WorkerMessage.fromJson(lines.readLine())).isInstanceOf(WorkerMessage.Ready.class);
            worker.getOutputStream().close();
            assertThat(lines.readLine()).isNull();
        }
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(IngestWorker.EXIT_DONE);
    }

    private Process standby() throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), IngestWorker.class.getName(), "--job", "chapters",
                "--standby").redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private Path rendition(Kind kind) throws Exception {
        Path out = Files.createDirectories(dir.resolve("ingest-" + kind.output()));
        IngestResult result = Ingest.run(kind.generate().apply(media), out).result();
        assertThat(result.rendition().remuxed()).isTrue();
        return out.resolve(result.rendition().fileName());
    }

    private Path chapterFile(List<ChapterMark> chapters) throws Exception {
        Path file = Files.createTempFile(dir, "chapters", ".json");
        ChapterFile.write(file, chapters);
        return file;
    }

    /** The index box's size, read independently of the code under test. */
    private static final class ProbedBoxes {

        static long moovSize(Path mp4) throws Exception {
            try (var access = new java.io.RandomAccessFile(mp4.toFile(), "r")) {
                long offset = 0;
                while (offset + 8 <= access.length()) {
                    access.seek(offset);
                    long size = access.readInt() & 0xFFFFFFFFL;
                    byte[] type = new byte[4];
                    access.readFully(type);
                    if (new String(type, java.nio.charset.StandardCharsets.ISO_8859_1).equals("moov")) {
                        return size;
                    }
                    offset += size;
                }
            }
            throw new AssertionError("No moov in " + mp4);
        }
    }
}
