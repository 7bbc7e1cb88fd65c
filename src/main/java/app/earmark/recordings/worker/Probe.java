package app.earmark.recordings.worker;

/**
 * What FFmpeg found in an uploaded file, before any processing.
 *
 * @param format FFmpeg's container format name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}
 * @param durationMillis the duration the file declares, or {@code null} when it declares none (browser WebM)
 * @param audio the sound track, or {@code null}
 * @param video the picture track (cover art does not count), or {@code null}
 */
public record Probe(String format, Long durationMillis, AudioStream audio, VideoStream video) {

    /** @param bitRate bits per second, or {@code null} when unknown */
    public record AudioStream(String codec, int channels, int sampleRate, Long bitRate) {
    }

    /** @param frameRate frames per second, or {@code null} when unknown */
    public record VideoStream(String codec, int width, int height, Double frameRate) {
    }
}
