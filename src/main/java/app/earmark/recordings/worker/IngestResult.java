package app.earmark.recordings.worker;

import java.util.List;

/**
 * Everything the worker wrote into its output directory, with file names relative to it.
 *
 * @param poster {@code poster.jpg} for a video, {@code null} for audio
 * @param decodedDurationMillis the duration of the sound actually decoded (whole frames: it can run a little past
 *        the end)
 * @param durationMillis how long the rendition runs, where its streams' last packets end ({@link RenditionDuration})
 */
public record IngestResult(Probe probe, Rendition rendition, List<Peaks> peaks, String poster,
        long decodedDurationMillis, long durationMillis) {

    public IngestResult {
        peaks = List.copyOf(peaks);
    }

    /**
     * The browser-playable copy of the recording.
     *
     * @param remuxed {@code true} when no stream was re-encoded (packets copied into a new container)
     * @param container the muxer used: {@code mp4}, {@code webm} or {@code mp3}
     */
    public record Rendition(String fileName, String mimeType, boolean remuxed, String container, String videoCodec,
            String audioCodec) {
    }

    /**
     * One zoom level of waveform peaks, in the audiowaveform binary format (version 2, 8-bit, one channel) that
     * waveform-data.js and peaks.js read.
     *
     * @param length the number of min/max pairs
     */
    public record Peaks(String fileName, int samplesPerPixel, int sampleRate, long length) {
    }
}
