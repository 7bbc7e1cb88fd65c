package app.earmark.recordings;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Synthetic recordings for tests, generated with JavaCV (no ffmpeg command needed), and a hostile corpus made by
 * byte surgery. The sound is a 440 Hz tone that plays for {@link #TONE_SECONDS} and pauses for
 * {@link #GAP_SECONDS}, over and over, so a waveform has shape; the picture is a colour gradient with a white square
 * moving across it. Every method writes a file into {@code dir}, named after what it is (a second call with the same
 * arguments overwrites it), and returns it.
 */
public final class TestMedia {

    public static final double TONE_SECONDS = 1.5;
    public static final double GAP_SECONDS = 0.5;
    /** The tone's peak amplitude, of full scale. */
    public static final double AMPLITUDE = 0.5;
    /** The sample entry type {@link #unsupportedCodec} writes: no FFmpeg decoder knows it. */
    public static final String UNKNOWN_FOURCC = "qzx7";

    private static final int CHUNK = 1024;

    private TestMedia() {
    }

    // --- Playable in browsers as they are ---

    /** AAC in M4A, 44.1 kHz stereo, index at the front. */
    public static Path m4aAac(Path dir, int seconds) {
        Spec spec = new Spec("mp4", seconds).audio("aac", 44100, 2).options(Map.of("movflags", "+faststart"));
        return write(dir.resolve("tone-" + seconds + "s.m4a"), spec);
    }

    /** VP8 + Opus WebM as a browser's MediaRecorder writes it: streamed, so no duration and no cues. */
    public static Path webmOpusVp8(Path dir, int seconds, int width, int height) {
        Spec spec = new Spec("webm", seconds).audio("libopus", 48000, 1).video("libvpx", width, height, 30).streamed();
        return write(dir.resolve("browser-" + width + "x" + height + "-" + seconds + "s.webm"), spec);
    }

    /** Opus-only WebM as a browser records sound alone: streamed, no duration. */
    public static Path webmOpusOnly(Path dir, int seconds) {
        Spec spec = new Spec("webm", seconds).audio("libopus", 48000, 1).streamed();
        return write(dir.resolve("browser-audio-" + seconds + "s.webm"), spec);
    }

    /** H.264 + AAC in MP4 as Teams or Zoom export it: 48 kHz stereo, 25 fps, the index at the end. */
    public static Path mp4H264Aac(Path dir, int seconds, int width, int height) {
        return mp4H264Aac(dir, seconds, width, height, false);
    }

    /** H.264 + AAC in MP4, with the index at the front when {@code faststart}. */
    public static Path mp4H264Aac(Path dir, int seconds, int width, int height, boolean faststart) {
        Spec spec = new Spec("mp4", seconds).audio("aac", 48000, 2).video("libopenh264", width, height, 25);
        if (faststart) {
            spec.options(Map.of("movflags", "+faststart"));
        }
        String name = "meeting-" + width + "x" + height + "-" + seconds + "s" + (faststart ? "-faststart" : "");
        return write(dir.resolve(name + ".mp4"), spec);
    }

    /** MP3, 44.1 kHz stereo, 128 kb/s. */
    public static Path mp3(Path dir, int seconds) {
        return write(dir.resolve("tone-" + seconds + "s.mp3"),
                new Spec("mp3", seconds).audio("libmp3lame", 44100, 2));
    }

    // --- Not playable in browsers: the worker must transcode ---

    /** 16-bit PCM WAV, 44.1 kHz stereo. */
    public static Path wavPcm(Path dir, int seconds) {
        return write(dir.resolve("tone-" + seconds + "s.wav"),
                new Spec("wav", seconds).audio("pcm_s16le", 44100, 2));
    }

    /** AMR-NB in 3GP, 8 kHz mono at 12.2 kb/s, as old phones record. */
    public static Path amr3gp(Path dir, int seconds) {
        return write(dir.resolve("phone-" + seconds + "s.3gp"),
                new Spec("3gp", seconds).audio("libopencore_amrnb", 8000, 1).bitrate(12200));
    }

    /** MPEG-4 Part 2 video (320x240) with 16-bit PCM sound in AVI, as older cameras record. */
    public static Path aviMpeg4(Path dir, int seconds) {
        return aviMpeg4(dir, seconds, 320, 240);
    }

    public static Path aviMpeg4(Path dir, int seconds, int width, int height) {
        return write(dir.resolve("camera-" + width + "x" + height + "-" + seconds + "s.avi"),
                new Spec("avi", seconds).audio("pcm_s16le", 44100, 2).video("mpeg4", width, height, 25));
    }

    /** H.264 (320x240) in MP4 without any sound track. */
    public static Path videoOnlyMp4(Path dir, int seconds) {
        return write(dir.resolve("silent-film-" + seconds + "s.mp4"),
                new Spec("mp4", seconds).video("libopenh264", 320, 240, 25));
    }

    /**
     * Part {@code sequence} (from 0) of {@code file} cut by bytes into {@code count} parts, as a browser's recorder
     * hands a live recording over: the cuts fall anywhere, mid-cluster too.
     */
    public static byte[] part(byte[] file, int count, int sequence) {
        return java.util.Arrays.copyOfRange(file, (int) ((long) sequence * file.length / count),
                (int) ((long) (sequence + 1) * file.length / count));
    }

    // --- Hostile corpus ---

    /** A 0-byte file named like a recording. */
    public static Path empty(Path dir) {
        return writeBytes(dir.resolve("empty.mp4"), new byte[0]);
    }

    /** Meeting notes in a text file named {@code .mp4}. */
    public static Path textAsMp4(Path dir) {
        return writeBytes(dir.resolve("notes.mp4"), "Meeting notes\nAC 2.1 discussed at 1m 55s\n".repeat(40)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG image named {@code .mp4}. */
    public static Path pngAsMp4(Path dir) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(8, 8, 32, 24);
        graphics.dispose();
        Path file = dir.resolve("screenshot.mp4");
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The first half of an MP4 whose index is at the front, as an interrupted upload leaves it. */
    public static Path truncated(Path mp4WithMoovAtFront, Path dir) {
        Path file = dir.resolve("cut-" + mp4WithMoovAtFront.getFileName());
        try (InputStream in = Files.newInputStream(mp4WithMoovAtFront);
                OutputStream out = Files.newOutputStream(file)) {
            long half = Files.size(mp4WithMoovAtFront) / 2;
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            int read;
            while (copied < half && (read = in.read(buffer, 0, (int) Math.min(buffer.length, half - copied))) > 0) {
                out.write(buffer, 0, read);
                copied += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A copy of a file of the same length whose bytes from {@code from} to {@code to} (fractions of its length) are
     * overwritten with noise, as a failing disk or a faulty copy leaves a file: complete, but damaged inside.
     */
    public static Path damaged(Path file, Path dir, double from, double to) {
        Path copy = copy(file, dir.resolve("damaged-" + file.getFileName()));
        try (RandomAccessFile access = new RandomAccessFile(copy.toFile(), "rw")) {
            long start = (long) (access.length() * from);
            byte[] noise = new byte[(int) ((long) (access.length() * to) - start)];
            new java.util.Random(7).nextBytes(noise);
            access.seek(start);
            access.write(noise);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** A copy of an MP4 whose 'moov' box is renamed, so FFmpeg finds no index ("moov atom not found"). */
    public static Path indexMissing(Path mp4, Path dir) {
        Path file = copy(mp4, dir.resolve("no-index-" + mp4.getFileName()));
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            rename(access, findBox(access, 0, access.length(), "moov"), "moov", "mvox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A copy of an AAC M4A whose sample entry 'mp4a' is renamed to the unknown {@link #UNKNOWN_FOURCC}, and its
     * 'esds' box (from which FFmpeg would still tell AAC) to 'xsds'.
     */
    public static Path unsupportedCodec(Path m4a, Path dir) {
        Path file = copy(m4a, dir.resolve("unknown-codec-" + m4a.getFileName()));
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            long box = findBox(access, 0, access.length(), "moov");
            for (String type : new String[] {"trak", "mdia", "minf", "stbl", "stsd"}) {
                box = findBox(access, box + 8, box + boxSize(access, box), type);
            }
            // stsd: header (8), version and flags (4), entry count (4), then the first sample entry.
            long entry = box + 16;
            rename(access, entry, "mp4a", UNKNOWN_FOURCC);
            // An audio sample entry has 28 bytes of fields after its header, then its child boxes.
            rename(access, findBox(access, entry + 36, entry + boxSize(access, entry), "esds"), "esds", "xsds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    // --- Generation ---

    /** What to record; audio and video are optional. */
    private static final class Spec {

        final String format;
        final int seconds;
        String audioCodec;
        int sampleRate;
        int channels;
        int audioBitrate = 128_000;
        String videoCodec;
        int width;
        int height;
        int frameRate;
        Map<String, String> options = Map.of();
        boolean streamed;

        Spec(String format, int seconds) {
            this.format = format;
            this.seconds = seconds;
        }

        Spec audio(String codec, int rate, int channelCount) {
            audioCodec = codec;
            sampleRate = rate;
            channels = channelCount;
            return this;
        }

        Spec video(String codec, int w, int h, int fps) {
            videoCodec = codec;
            width = w;
            height = h;
            frameRate = fps;
            return this;
        }

        Spec options(Map<String, String> muxerOptions) {
            options = muxerOptions;
            return this;
        }

        Spec bitrate(int bitsPerSecond) {
            audioBitrate = bitsPerSecond;
            return this;
        }

        Spec streamed() {
            streamed = true;
            return this;
        }
    }

    private static Path write(Path file, Spec spec) {
        if (av_log_get_level() > AV_LOG_WARNING) {
            av_log_set_level(AV_LOG_WARNING);
        }
        Path recorded = spec.streamed ? file.resolveSibling("recorded-" + file.getFileName()) : file;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(recorded.toFile(), spec.width, spec.height,
                spec.channels)) {
            recorder.setFormat(spec.format);
            spec.options.forEach(recorder::setOption);
            if (spec.audioCodec != null) {
                recorder.setAudioCodecName(spec.audioCodec);
                recorder.setSampleRate(spec.sampleRate);
                recorder.setAudioBitrate(spec.audioBitrate);
            }
            if (spec.videoCodec != null) {
                recorder.setVideoCodecName(spec.videoCodec);
                recorder.setFrameRate(spec.frameRate);
                recorder.setGopSize(spec.frameRate * 2);
                recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
                recorder.setVideoBitrate(Math.max(200_000, spec.width * spec.height * 2));
                if ("libvpx".equals(spec.videoCodec)) {
                    recorder.setVideoOption("deadline", "realtime");
                    recorder.setVideoOption("cpu-used", "8");
                }
            }
            recorder.start();
            record(recorder, spec);
            recorder.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not generate " + file, e);
        }
        if (spec.streamed) {
            streamLikeABrowser(recorded, file);
        }
        return file;
    }

    /**
     * Copies a WebM the way a browser's MediaRecorder writes one: as a live stream, so without duration and cues,
     * and with blocks that carry no duration. (JavaCV's recorder also writes its packet durations unconverted, in
     * the encoder's time base; dropping them repairs that.)
     */
    private static void streamLikeABrowser(Path recorded, Path file) {
        AVFormatContext in = new AVFormatContext(null);
        AVFormatContext out = new AVFormatContext(null);
        AVIOContext pb = new AVIOContext(null);
        AVPacket packet = av_packet_alloc();
        AVDictionary options = new AVDictionary(null);
        try {
            check(avformat_open_input(in, recorded.toString(), null, null));
            check(avformat_find_stream_info(in, (PointerPointer<?>) null));
            check(avformat_alloc_output_context2(out, null, "webm", file.toString()));
            for (int i = 0; i < in.nb_streams(); i++) {
                AVStream stream = avformat_new_stream(out, null);
                check(avcodec_parameters_copy(stream.codecpar(), in.streams(i).codecpar()));
                stream.codecpar().codec_tag(0);
            }
            check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE));
            out.pb(pb);
            av_dict_set(options, "live", "1", 0);
            check(avformat_write_header(out, options));
            while (av_read_frame(in, packet) >= 0) {
                av_packet_rescale_ts(packet, in.streams(packet.stream_index()).time_base(),
                        out.streams(packet.stream_index()).time_base());
                packet.duration(0);
                check(av_interleaved_write_frame(out, packet));
            }
            check(av_write_trailer(out));
        } finally {
            av_dict_free(options);
            av_packet_free(packet);
            if (!pb.isNull()) {
                avio_closep(pb);
            }
            avformat_free_context(out);
            avformat_close_input(in);
        }
        try {
            Files.delete(recorded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(int ret) {
        if (ret < 0) {
            throw new IllegalStateException("FFmpeg error " + ret);
        }
    }

    /** Records the tone and the frames interleaved, sound up to each frame's time first. */
    private static void record(FFmpegFrameRecorder recorder, Spec spec) throws FrameRecorder.Exception {
        long totalSamples = spec.audioCodec == null ? 0 : (long) spec.seconds * spec.sampleRate;
        long frames = spec.videoCodec == null ? 0 : (long) spec.seconds * spec.frameRate;
        Picture picture = spec.videoCodec == null ? null : new Picture(spec.width, spec.height);
        short[] chunk = new short[CHUNK * Math.max(1, spec.channels)];
        long sample = 0;
        for (long f = 0; f <= frames; f++) {
            long soundUntil = frames == 0
                    ? totalSamples
                    : Math.min(totalSamples, f * spec.sampleRate / spec.frameRate);
            while (sample < soundUntil) {
                int count = (int) Math.min(CHUNK, soundUntil - sample);
                tone(chunk, sample, count, spec.sampleRate, spec.channels);
                recorder.recordSamples(spec.sampleRate, spec.channels,
                        ShortBuffer.wrap(chunk, 0, count * spec.channels));
                sample += count;
            }
            if (f < frames) {
                recorder.record(picture.next());
            }
        }
    }

    private static void tone(short[] chunk, long firstSample, int count, int sampleRate, int channels) {
        double period = TONE_SECONDS + GAP_SECONDS;
        for (int i = 0; i < count; i++) {
            double t = (double) (firstSample + i) / sampleRate;
            boolean sounding = t % period < TONE_SECONDS;
            short value = sounding
                    ? (short) Math.round(AMPLITUDE * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * t))
                    : 0;
            for (int c = 0; c < channels; c++) {
                chunk[i * channels + c] = value;
            }
        }
    }

    /** A BGR gradient with a white square moving right; each frame changes only the square's trail. */
    private static final class Picture {

        private final Frame frame;
        private final ByteBuffer pixels;
        private final byte[] background;
        private final int width;
        private final int height;
        private final int size;
        private int x = -1;

        Picture(int width, int height) {
            this.width = width;
            this.height = height;
            this.size = Math.max(8, height / 6);
            this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            this.pixels = (ByteBuffer) frame.image[0];
            this.background = new byte[frame.imageStride * height];
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int offset = row * frame.imageStride + col * 3;
                    background[offset] = (byte) (255 * col / width);
                    background[offset + 1] = (byte) (255 * row / height);
                    background[offset + 2] = (byte) 96;
                }
            }
            pixels.put(0, background);
        }

        Frame next() {
            int top = (height - size) / 2;
            if (x >= 0) {
                fill(x, top, null);
            }
            x = (x + 4) % Math.max(1, width - size);
            fill(x, top, (byte) 255);
            return frame;
        }

        private void fill(int left, int top, Byte value) {
            for (int row = top; row < top + size; row++) {
                int offset = row * frame.imageStride + left * 3;
                if (value == null) {
                    pixels.put(offset, background, offset, size * 3);
                } else {
                    for (int i = 0; i < size * 3; i++) {
                        pixels.put(offset + i, value);
                    }
                }
            }
        }
    }

    // --- Files ---

    private static Path writeBytes(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) {
        try {
            return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offset of the first box of the type between {@code from} and {@code to}. */
    private static long findBox(RandomAccessFile access, long from, long to, String type) throws IOException {
        long offset = from;
        byte[] name = new byte[4];
        while (offset + 8 <= to) {
            long size = boxSize(access, offset);
            access.seek(offset + 4);
            access.readFully(name);
            if (type.equals(new String(name, StandardCharsets.ISO_8859_1))) {
                return offset;
            }
            if (size < 8) {
                break;
            }
            offset += size;
        }
        throw new IllegalArgumentException("No '" + type + "' box found");
    }

    private static void rename(RandomAccessFile access, long box, String from, String to) throws IOException {
        byte[] type = new byte[4];
        access.seek(box + 4);
        access.readFully(type);
        if (!from.equals(new String(type, StandardCharsets.ISO_8859_1))) {
            throw new IllegalArgumentException("Expected a '" + from + "' box at " + box);
        }
        access.seek(box + 4);
        access.write(to.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long boxSize(RandomAccessFile access, long offset) throws IOException {
        access.seek(offset);
        long size = access.readInt() & 0xFFFFFFFFL;
        if (size == 1) {
            access.seek(offset + 8);
            return access.readLong();
        }
        return size == 0 ? access.length() - offset : size;
    }
}
