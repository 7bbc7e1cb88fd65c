package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the sound track alone (pictures are skipped undecoded) into float samples, mixes them down to mono and
 * streams them into the waveform peak files; counts the samples for the decoded duration. A two-channel track's
 * levels per channel go to the channel-levels file as well ({@link ChannelLevelsWriter}).
 */
final class PeaksPass {

    private static final int CHUNK = 8192;

    /**
     * @param decodedMicros how much sound was decoded
     * @param damaged       where the decoded sound skips ahead: spans whose data could not be decoded
     * @param endMicros     where the decoded sound ends, from the file's start
     */
    record Result(List<IngestResult.Peaks> peaks, long decodedMicros, List<DurationRules.Span> damaged,
            long endMicros) {
    }

    /** A skip in the decoded sound's timestamps shorter than this is no damage (rounding, a resampler's delay). */
    private static final long SKIP_MICROS = 200_000;

    private PeaksPass() {
    }

    static Result run(Path input, ProbedMedia media, Path outputDir, Duration maxDuration, ProgressReporter progress)
            throws IngestFailure {
        FfmpegLog.clear();
        try (FFmpegFrameGrabber grabber = InputFile.grabber(input, media)) {
            grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            // Planar floats: what AAC, Opus and MP3 decoders give, so nothing needs converting.
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLTP);
            grabber.start();
            readSoundOnly(grabber, media.audioStream());
            MonoMix mix = new MonoMix();
            long samples = 0;
            // JavaCV's timestamps are the input's own, which need not start at 0.
            long origin = grabber.getFormatContext().start_time() == AV_NOPTS_VALUE ? 0
                    : grabber.getFormatContext().start_time();
            long expected = 0;
            List<DurationRules.Span> damaged = new ArrayList<>();
            WaveformPeaks peaks = null;
            ChannelLevelsWriter levels = null;
            try {
                Frame frame;
                while ((frame = grabber.grabSamples()) != null) {
                    if (frame.samples == null) {
                        continue;
                    }
                    if (peaks == null) {
                        // The rate of the decoded sound, which can differ from the header's (HE-AAC); later frames
                        // are resampled to it should it change.
                        grabber.setSampleRate(frame.sampleRate);
                        peaks = new WaveformPeaks(outputDir, frame.sampleRate);
                        if (ChannelLevelsWriter.wanted(frame.audioChannels)) {
                            levels = new ChannelLevelsWriter(outputDir, frame.audioChannels, frame.sampleRate);
                        }
                    }
                    long count = mix.feed(frame, peaks, levels);
                    samples += count;
                    long at = frame.timestamp - origin;
                    if (at - expected > SKIP_MICROS) {
                        damaged.add(new DurationRules.Span(expected, at));
                    }
                    expected = Math.max(expected, at + count * 1_000_000 / frame.sampleRate);
                    DurationRules.checkRunning(samples * 1_000_000 / frame.sampleRate, maxDuration);
                    progress.at(grabber.getFormatContext());
                }
                if (peaks == null) {
                    throw new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg decoded no sound from the file: "
                            + FfmpegLog.lastError("the sound track is empty") + ".");
                }
                if (levels != null) {
                    levels.finish();
                }
                return new Result(peaks.finish(), samples * 1_000_000 / grabber.getSampleRate(), damaged, expected);
            } finally {
                if (peaks != null) {
                    peaks.close();
                }
                if (levels != null) {
                    levels.close();
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg could not decode the sound: "
                    + FfmpegLog.lastError(JavacvMessages.strip(e.getMessage())) + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells the demuxer to drop every stream but the sound track before reading it, as the {@code ffmpeg} command does
     * for streams it does not map: an MP4's pictures (most of its bytes) are then skipped over, never read.
     */
    private static void readSoundOnly(FFmpegFrameGrabber grabber, int audioStream) {
        AVFormatContext context = grabber.getFormatContext();
        for (int i = 0; i < context.nb_streams(); i++) {
            if (i != audioStream) {
                context.streams(i).discard(AVDISCARD_ALL);
            }
        }
    }

    /**
     * Mixes frames down to mono by averaging their channels, in chunks copied out of the native buffers. (FFmpeg's
     * own downmix adds stereo channels at 0.7 each, which would push loud passages past full scale.)
     */
    private static final class MonoMix {

        private final float[] mono = new float[CHUNK];
        private float[] samples = new float[CHUNK * 2];

        /**
         * Feeds the frame's samples to the peaks (and each channel's to the levels, if kept); returns how many (per
         * channel) there were.
         */
        long feed(Frame frame, WaveformPeaks peaks, ChannelLevelsWriter levels) throws IOException {
            int channels = Math.max(1, frame.audioChannels);
            boolean planar = frame.samples.length > 1;
            if (samples.length < CHUNK * channels) {
                samples = new float[CHUNK * channels];
            }
            long frames = planar ? frame.samples[0].remaining() : frame.samples[0].remaining() / channels;
            for (long done = 0; done < frames; ) {
                int count = (int) Math.min(CHUNK, frames - done);
                if (planar) {
                    // Channel c's chunk at c * CHUNK.
                    for (int c = 0; c < channels; c++) {
                        ((FloatBuffer) frame.samples[c]).get(samples, c * CHUNK, count);
                    }
                } else {
                    ((FloatBuffer) frame.samples[0]).get(samples, 0, count * channels);
                }
                for (int i = 0; i < count; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += samples[planar ? c * CHUNK + i : i * channels + c];
                    }
                    mono[i] = sum / channels;
                }
                peaks.accept(mono, count);
                if (levels != null && channels == 2) {
                    levels.accept(samples, count, planar, CHUNK);
                }
                done += count;
            }
            return frames;
        }
    }
}
