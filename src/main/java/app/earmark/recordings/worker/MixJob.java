package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * The worker's mix job: one stereo file from several one-party tracks placed on a common timeline (the remote room's
 * combined recording). Each track is decoded with FFmpeg, resampled to 48 kHz mono 16-bit, and written into its
 * channel (0 = left, 1 = right) from its offset on; the rest of the timeline is silence. The output (AAC in M4A) is
 * written in blocks of 100 ms, so memory does not grow with the length, under a temporary name beside the output and
 * renamed into place when complete. Every grabber and the recorder are closed whatever happens.
 *
 * <p>When a track has video, the output is an MP4 with H.264 video as well: the two parties' pictures side by side
 * (channel 0 left, channel 1 right, {@link SideBySide}), on the same timeline, recorded between the sound's blocks;
 * the sound is made exactly as without video.
 *
 * <p>Command line: {@code --job mix --spec <json> --output <file>}; the spec is
 * {@code {"durationMs": n, "tracks": [{"input": "/path", "channel": 0, "offsetMs": n, "video": false,
 * "durationMs": n}, …], "labels": ["left label", "right label"]}} ({@code video}, the track's {@code durationMs} and
 * {@code labels} are for the picture only). Tracks of one channel should not overlap; where they do, the later one
 * takes over from its start (a rejoin replaces the dropped track).
 */
public final class MixJob {

    static final String JOB = "mix";
    static final int RATE = 48_000;
    private static final int BLOCK = RATE / 10;
    static final String USAGE = "Usage: IngestWorker --job mix --spec <JSON file> --output <file.m4a or .mp4>";

    /**
     * One track on the timeline.
     *
     * @param video      whether it has a picture to show
     * @param durationMs its length (where its picture ends), or 0 when not known (its last frame then ends it)
     */
    public record Track(String input, int channel, long offsetMs, boolean video, long durationMs) {

        /** A track of sound only. */
        public Track(String input, int channel, long offsetMs) {
            this(input, channel, offsetMs, false, 0);
        }
    }

    /**
     * What to mix: the timeline's length and the tracks on it.
     *
     * @param labels what the left and the right half of the picture say where that party has none (e.g. "Sam
     *               Assessor (assessor)"); may be empty
     */
    public record Spec(long durationMs, List<Track> tracks, List<String> labels) {

        public Spec(long durationMs, List<Track> tracks) {
            this(durationMs, tracks, List.of());
        }

        public Spec {
            tracks = List.copyOf(tracks);
            labels = labels == null ? List.of() : List.copyOf(labels);
            if (labels.size() > 2) {
                throw new IllegalArgumentException("A mix has two labels at most (left, right): " + labels);
            }
            if (durationMs <= 0 || durationMs > 24L * 3600 * 1000) {
                throw new IllegalArgumentException("The mix must last between 1 ms and 24 hours: " + durationMs);
            }
            for (Track track : tracks) {
                if (track.channel() < 0 || track.channel() > 1) {
                    throw new IllegalArgumentException("A track's channel is 0 (left) or 1 (right): "
                            + track.channel());
                }
            }
        }
    }

    private MixJob() {
    }

    static boolean requested(String... args) {
        return args.length >= 2 && "--job".equals(args[0]) && JOB.equals(args[1]);
    }

    static void main(String[] args) {
        Consumer<WorkerMessage> messages = IngestWorker.protocol();
        Path specFile = null;
        Path output = null;
        Spec spec;
        try {
            for (int i = 2; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("No value for " + args[i]);
                }
                switch (args[i]) {
                    case "--spec" -> specFile = Path.of(args[i + 1]);
                    case "--output" -> output = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
                }
            }
            if (specFile == null || output == null) {
                throw new IllegalArgumentException("--spec and --output are both required");
            }
            spec = new ObjectMapper().readValue(specFile.toFile(), Spec.class);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(IngestWorker.EXIT_USAGE);
            return;
        }
        FfmpegLog.install();
        try {
            long samples = mix(spec, output);
            messages.accept(new WorkerMessage.Mixed(samples * 1000 / RATE));
            System.exit(IngestWorker.EXIT_DONE);
        } catch (IngestFailure e) {
            messages.accept(new WorkerMessage.Failed(e.code(), e.getMessage()));
            System.exit(IngestWorker.EXIT_FAILED);
        }
    }

    /**
     * Mixes the spec's tracks into {@code output}: AAC, 48 kHz stereo, in M4A; in MP4 with the pictures side by side
     * ({@link SideBySide}, H.264) when a track has video.
     *
     * @return the samples written per channel
     */
    static long mix(Spec spec, Path output) throws IngestFailure {
        boolean video = SideBySide.wanted(spec.tracks());
        Path partial = output.resolveSibling(output.getFileName() + (video ? ".partial.mp4" : ".partial.m4a"));
        long total = spec.durationMs() * RATE / 1000;
        List<Feed> feeds = List.of(new Feed(spec.tracks(), 0), new Feed(spec.tracks(), 1));
        SideBySide pictures = video ? new SideBySide(spec.tracks(), spec.labels()) : null;
        try (FFmpegFrameRecorder recorder = video
                ? new FFmpegFrameRecorder(partial.toFile(), SideBySide.WIDTH, SideBySide.HEIGHT, 2)
                : new FFmpegFrameRecorder(partial.toFile(), 2)) {
            recorder.setFormat("mp4");
            recorder.setOption("movflags", "+faststart");
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(RATE);
            recorder.setAudioChannels(2);
            recorder.setAudioBitrate(128_000);
            if (video) {
                SideBySide.configure(recorder);
            }
            recorder.start();
            short[] block = new short[BLOCK * 2];
            for (long at = 0; at < total; at += BLOCK) {
                int n = (int) Math.min(BLOCK, total - at);
                java.util.Arrays.fill(block, (short) 0);
                for (Feed feed : feeds) {
                    feed.fill(at, block, n);
                }
                recorder.recordSamples(RATE, 2, ShortBuffer.wrap(block, 0, n * 2));
                if (pictures != null) {
                    // The pictures of this block's time, so that sound and picture go into the file interleaved.
                    pictures.recordUntil((at + n) * 1_000_000 / RATE, recorder);
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception | FrameGrabber.Exception e) {
            deleteQuietly(partial);
            var storage = StorageFailures.fromJavacv(e);
            if (storage.isPresent()) {
                throw storage.get();
            }
            throw new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg could not mix the tracks: "
                    + FfmpegLog.lastError(JavacvMessages.strip(e.getMessage())) + ".");
        } finally {
            for (Feed feed : feeds) {
                feed.close();
            }
            if (pictures != null) {
                pictures.close();
            }
        }
        try {
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new java.io.UncheckedIOException(e);
        }
        return total;
    }

    /** One channel's tracks, decoded one after the other as the timeline reaches them. */
    private static final class Feed {
        private final List<Track> tracks;
        private final int channel;
        private int next;
        private FFmpegFrameGrabber current;
        /** Where the current track's next decoded sample goes on the timeline. */
        private long position;
        private ShortBuffer pending;

        Feed(List<Track> all, int channel) {
            this.channel = channel;
            this.tracks = new ArrayList<>(all.stream().filter(t -> t.channel() == channel)
                    .sorted(Comparator.comparingLong(Track::offsetMs)).toList());
        }

        private static long startOf(Track track) {
            return Math.max(0, track.offsetMs()) * RATE / 1000;
        }

        /** Adds this channel's samples for {@code [at, at + n)} into the interleaved block. */
        void fill(long at, short[] block, int n) throws FrameGrabber.Exception {
            int i = 0;
            while (i < n) {
                long t = at + i;
                if (next < tracks.size() && startOf(tracks.get(next)) <= t) {
                    open(tracks.get(next++));
                }
                long nextStart = next < tracks.size() ? startOf(tracks.get(next)) : Long.MAX_VALUE;
                if (current == null) {
                    i += (int) Math.min(n - i, nextStart - t);
                    continue;
                }
                if (pending == null || !pending.hasRemaining()) {
                    pending = decode();
                    if (pending == null) {
                        closeCurrent();
                        continue;
                    }
                }
                if (position < t) {
                    // A track placed before the timeline's start: its first samples fall outside it.
                    int skip = (int) Math.min(pending.remaining(), t - position);
                    pending.position(pending.position() + skip);
                    position += skip;
                    continue;
                }
                int k = (int) Math.min(Math.min(n - i, pending.remaining()), nextStart - t);
                for (int j = 0; j < k; j++) {
                    block[(i + j) * 2 + channel] = pending.get();
                }
                i += k;
                position += k;
            }
        }

        private void open(Track track) throws FrameGrabber.Exception {
            closeCurrent();
            FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(Path.of(track.input()).toAbsolutePath().toString());
            InputFile.options().forEach(grabber::setOption);
            grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(RATE);
            grabber.setAudioChannels(1);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                grabber.close();
                throw e;
            }
            current = grabber;
            pending = null;
            position = track.offsetMs() * RATE / 1000;
        }

        /** The next decoded samples of the current track (mono, 48 kHz), or null at its end. */
        private ShortBuffer decode() throws FrameGrabber.Exception {
            Frame frame;
            while ((frame = current.grabSamples()) != null) {
                if (frame.samples != null && frame.samples.length > 0
                        && frame.samples[0] instanceof ShortBuffer samples && samples.hasRemaining()) {
                    return samples;
                }
            }
            return null;
        }

        private void closeCurrent() throws FrameGrabber.Exception {
            if (current != null) {
                FFmpegFrameGrabber closing = current;
                current = null;
                pending = null;
                closing.close();
            }
        }

        void close() {
            try {
                closeCurrent();
            } catch (FrameGrabber.Exception e) {
                System.err.println("Could not close a track: " + e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("Could not remove " + file + ": " + e.getMessage());
        }
    }
}
