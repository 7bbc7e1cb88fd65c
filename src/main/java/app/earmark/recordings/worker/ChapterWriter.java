package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avutil.av_calloc;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Puts chapters on an output context before its header is written, as the ffmpeg command does for
 * {@code -map_chapters}: the mov muxer then writes a QuickTime chapter track and Nero chapters ({@code chpl}), the
 * Matroska muxer its Chapters element. Everything is allocated with FFmpeg's allocator and handed to the context,
 * so {@code avformat_free_context} frees it, also after a failure half-way.
 */
final class ChapterWriter {

    private static final long POINTER_BYTES = Loader.sizeof(Pointer.class);
    private static final long CHAPTER_BYTES = Loader.sizeof(AVChapter.class);

    private ChapterWriter() {
    }

    static void attach(AVFormatContext out, List<ChapterMark> chapters) {
        if (chapters.isEmpty()) {
            return;
        }
        if (out.nb_chapters() != 0) {
            throw new IllegalStateException("The output already has chapters");
        }
        PointerPointer<AVChapter> list = new PointerPointer<>(allocated(av_calloc(chapters.size(), POINTER_BYTES)));
        out.chapters(list);
        for (int i = 0; i < chapters.size(); i++) {
            ChapterMark mark = chapters.get(i);
            AVChapter chapter = new AVChapter(allocated(av_mallocz(CHAPTER_BYTES)));
            list.put(i, chapter);
            out.nb_chapters(i + 1);
            chapter.id(i + 1L);
            chapter.time_base(av_make_q(1, 1000));
            chapter.start(mark.startMs());
            chapter.end(mark.endMs());
            AVDictionary metadata = new AVDictionary(null);
            try (BytePointer key = new BytePointer("title", StandardCharsets.US_ASCII);
                    BytePointer value = new BytePointer(mark.title(), StandardCharsets.UTF_8)) {
                if (av_dict_set(metadata, key, value, 0) < 0) {
                    throw new OutOfMemoryError("FFmpeg could not store a chapter title");
                }
            }
            chapter.metadata(metadata);
        }
    }

    private static Pointer allocated(Pointer memory) {
        if (memory == null || memory.isNull()) {
            throw new OutOfMemoryError("FFmpeg could not allocate memory for chapters");
        }
        return memory;
    }
}
