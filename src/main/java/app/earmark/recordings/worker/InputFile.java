package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Opens uploads with FFmpeg: local files only, and only the container formats recordings come in. Playlists (HLS,
 * concat) and image sequences, which can make FFmpeg read other files, are not among them.
 */
final class InputFile {

    static final String DEMUXERS = "mov,matroska,webm,mp3,aac,wav,w64,avi,asf,ogg,flac,amr,amrnb,amrwb,flv,caf,"
            + "aiff,mpegts,mpeg,ac3,eac3";

    private InputFile() {
    }

    static Map<String, String> options() {
        return Map.of("format_whitelist", DEMUXERS, "protocol_whitelist", "file");
    }

    /** Opens the file and reads its stream information; close the context with {@link #close}. */
    static AVFormatContext open(Path file) throws IngestFailure {
        FfmpegLog.clear();
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary dictionary = new AVDictionary(null);
        options().forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
        int ret;
        try {
            ret = avformat_open_input(context, url(file), null, dictionary);
        } finally {
            av_dict_free(dictionary);
        }
        if (ret < 0) {
            throw openFailure(file, ret);
        }
        ret = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (ret < 0) {
            close(context);
            throw new IngestFailure(FailureCode.DECODE_ERROR,
                    "FFmpeg could not read the streams of the file: " + FfmpegLog.lastError(errorText(ret)) + ".");
        }
        return context;
    }

    static void close(AVFormatContext context) {
        if (context != null && !context.isNull()) {
            avformat_close_input(context);
        }
    }

    /** A grabber on the file with the same restrictions, reading the probed streams. */
    static FFmpegFrameGrabber grabber(Path file, ProbedMedia media) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url(file));
        options().forEach(grabber::setOption);
        if (media.audioStream() >= 0) {
            grabber.setAudioStream(media.audioStream());
        }
        if (media.videoStream() >= 0) {
            grabber.setVideoStream(media.videoStream());
        }
        return grabber;
    }

    static String errorText(int errorCode) {
        byte[] buffer = new byte[256];
        av_strerror(errorCode, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    /** An absolute path: it starts with "/", so FFmpeg never takes a part of it for a protocol name. */
    private static String url(Path file) {
        return file.toAbsolutePath().toString();
    }

    private static IngestFailure openFailure(Path file, int ret) {
        String reason = FfmpegLog.lastError(errorText(ret));
        if (FfmpegLog.logged("moov atom not found") && FileSniffer.isoBoxes(file)) {
            return new IngestFailure(FailureCode.INDEX_MISSING, "The file is an MP4/MOV recording without its index"
                    + " (FFmpeg: \"moov atom not found\"), so it cannot be played. This happens when a recording,"
                    + " an export or a copy stops before it finishes: export or copy the recording again.");
        }
        if (FfmpegLog.logged("not on whitelist")) {
            String format = probedFormat(file);
            return new IngestFailure(FailureCode.NOT_MEDIA, "The file is not an audio or video recording"
                    + (format == null ? "" : ": FFmpeg reads it as \"" + format + "\"")
                    + ". Upload the recording itself (MP4, M4A, WebM, MP3, WAV and most other formats are accepted).");
        }
        if (ret == AVERROR_INVALIDDATA) {
            return new IngestFailure(FailureCode.NOT_MEDIA, "The file is not an audio or video recording that FFmpeg"
                    + " recognises (FFmpeg: " + errorText(ret) + ").");
        }
        return new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg could not open the file: " + reason + ".");
    }

    /** FFmpeg's guess at the format from the first bytes, allowing every demuxer, or {@code null}. */
    private static String probedFormat(Path file) {
        byte[] head = FileSniffer.head(file);
        try (BytePointer buffer = new BytePointer(head.length + AVPROBE_PADDING_SIZE);
                BytePointer name = new BytePointer(url(file), StandardCharsets.UTF_8);
                AVProbeData probe = new AVProbeData()) {
            buffer.zero();
            buffer.put(head);
            probe.filename(name).buf(buffer).buf_size(head.length);
            AVInputFormat format = av_probe_input_format(probe, 1);
            return format == null || format.isNull() ? null : format.name().getString();
        }
    }
}
