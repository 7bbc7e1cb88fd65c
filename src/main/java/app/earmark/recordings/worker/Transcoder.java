package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Re-encodes what browsers cannot play: video to H.264 (OpenH264, constrained baseline) with AAC sound in MP4,
 * sound alone to AAC in M4A; both with the index at the front. Keeps the frame size (made even), the channels (at
 * most two) and the sample rate when AAC has it.
 */
final class Transcoder {

    private static final int[] AAC_SAMPLE_RATES = {7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100,
        48000, 64000, 88200, 96000};

    private Transcoder() {
    }

    /** Writes the rendition and returns the timestamp the sound reached. */
    static long transcode(Path input, ProbedMedia media, Path output, Duration maxDuration,
            ProgressReporter progress) throws IngestFailure {
        FfmpegLog.clear();
        boolean video = media.hasVideo();
        boolean planarYuv = video && planarYuvSafe(media.probe().video());
        try (FFmpegFrameGrabber grabber = InputFile.grabber(input, media)) {
            if (planarYuv) {
                // Pictures stay in the encoder's YUV 4:2:0 instead of JavaCV's round trip through BGR (a third faster).
                grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            }
            grabber.start();
            try (FFmpegFrameRecorder recorder = recorder(grabber, output, video)) {
                recorder.start();
                // JavaCV's timestamps are the input's own, which need not start at 0 (MPEG-TS, say).
                long origin = grabber.getFormatContext().start_time() == AV_NOPTS_VALUE ? 0
                        : grabber.getFormatContext().start_time();
                long reached = 0;
                Frame frame;
                while ((frame = grabber.grabFrame(true, video, true, false)) != null) {
                    long timestamp = frame.timestamp - origin;
                    if (frame.image != null) {
                        // Variable frame rates: place each picture at its own time on the output's frame grid.
                        if (timestamp > recorder.getTimestamp()) {
                            recorder.setTimestamp(timestamp);
                        }
                        if (planarYuv) {
                            recorder.record(frame, AV_PIX_FMT_YUV420P);
                        } else {
                            recorder.record(frame);
                        }
                    } else if (frame.samples != null) {
                        recorder.record(frame);
                        reached = Math.max(reached, timestamp);
                        DurationRules.checkRunning(reached, maxDuration);
                    }
                    progress.at(grabber.getFormatContext());
                }
                recorder.stop();
                return reached;
            }
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            var storage = StorageFailures.fromJavacv(e);
            if (storage.isPresent()) {
                throw storage.get();
            }
            throw new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg could not convert the recording: "
                    + FfmpegLog.lastError(JavacvMessages.strip(e.getMessage())) + ".");
        }
    }

    private static FFmpegFrameRecorder recorder(FFmpegFrameGrabber grabber, Path output, boolean video) {
        int channels = Math.min(2, Math.max(1, grabber.getAudioChannels()));
        FFmpegFrameRecorder recorder = video
                ? new FFmpegFrameRecorder(output.toFile(), grabber.getImageWidth() & ~1,
                        grabber.getImageHeight() & ~1, channels)
                : new FFmpegFrameRecorder(output.toFile(), channels);
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "+faststart");
        recorder.setAudioCodecName("aac");
        int sampleRate = aacSampleRate(grabber.getSampleRate());
        recorder.setSampleRate(sampleRate);
        recorder.setAudioBitrate(audioBitrate(sampleRate, channels));
        if (video) {
            double frameRate = grabber.getFrameRate() > 0 && grabber.getFrameRate() <= 60
                    ? grabber.getFrameRate()
                    : 25;
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(frameRate);
            recorder.setGopSize((int) Math.round(frameRate * 2));
            recorder.setVideoBitrate(videoBitrate(grabber.getImageWidth(), grabber.getImageHeight(), frameRate));
            if (grabber.getDisplayRotation() != 0) {
                recorder.setDisplayRotation(grabber.getDisplayRotation());
            }
        }
        return recorder;
    }

    /**
     * Whether JavaCV hands YUV 4:2:0 pictures over intact: only when every plane's rows are whole, aligned and need
     * no resizing (an odd or unaligned width comes out with its colours shifted, so those go through BGR).
     */
    static boolean planarYuvSafe(Probe.VideoStream video) {
        return video.width() % 32 == 0 && video.height() % 2 == 0;
    }

    /** The input's rate when AAC has it, else the next higher one AAC has. */
    static int aacSampleRate(int inputRate) {
        for (int rate : AAC_SAMPLE_RATES) {
            if (rate >= inputRate) {
                return rate;
            }
        }
        return 48000;
    }

    /** 96 kb/s mono, 128 kb/s stereo; less at low sample rates (8 kHz phone sound gets 32 kb/s a channel). */
    static int audioBitrate(int sampleRate, int channels) {
        return Math.min(channels == 1 ? 96_000 : 128_000, 4 * sampleRate * channels);
    }

    /** About 0.08 bit per pixel, between 300 kb/s and 4 Mb/s: 1280x720 at 25 fps gets 1.8 Mb/s. */
    static int videoBitrate(int width, int height, double frameRate) {
        double bits = 0.08 * width * height * frameRate;
        return (int) Math.max(300_000, Math.min(4_000_000, bits));
    }
}
