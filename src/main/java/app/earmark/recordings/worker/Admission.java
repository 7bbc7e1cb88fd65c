package app.earmark.recordings.worker;

import java.time.Duration;

/** Refuses, before any processing, a probed file that cannot become a usable recording. */
final class Admission {

    private Admission() {
    }

    static void check(ProbedMedia media, Duration maxDuration) throws IngestFailure {
        Probe probe = media.probe();
        if (!media.hasAudio() && !media.hasVideo()) {
            throw new IngestFailure(FailureCode.NOT_MEDIA, "The file is not an audio or video recording: FFmpeg reads"
                    + " it as \"" + probe.format() + "\" but finds no sound or picture in it.");
        }
        if (media.hasAudio() && !media.audioDecodable()) {
            throw unsupported("sound", probe.audio().codec(), media.audioCodecTag());
        }
        if (!media.hasAudio()) {
            Probe.VideoStream video = probe.video();
            throw new IngestFailure(FailureCode.NO_AUDIO, "The recording has no sound track (only " + video.codec()
                    + " video, " + video.width() + "x" + video.height() + "), and a professional discussion needs its"
                    + " sound. Check that the microphone was on and record or export it again with audio.");
        }
        if (media.hasVideo() && !media.videoDecodable()) {
            throw unsupported("picture", probe.video().codec(), media.videoCodecTag());
        }
        DurationRules.checkLimit(media.declaredMicros(), maxDuration);
    }

    private static IngestFailure unsupported(String track, String codec, String tag) {
        String name = "none".equals(codec) ? "an unknown codec" : "the codec \"" + codec + "\"";
        return new IngestFailure(FailureCode.UNSUPPORTED_CODEC, "The " + track + " track uses " + name
                + (tag == null ? "" : " (codec tag '" + tag + "')") + ", which this server cannot decode. Export the"
                + " recording as MP4 (H.264 and AAC), M4A, MP3 or WebM and upload it again.");
    }
}
