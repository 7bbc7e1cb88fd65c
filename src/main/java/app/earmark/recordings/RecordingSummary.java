package app.earmark.recordings;

import java.time.Instant;
import java.util.List;

/**
 * A recording as those who may see its discussion see it. Media is reached through Earmark's own URLs
 * ({@link #renditionUrl()}), never a storage path.
 */
public record RecordingSummary(long id, long discussionId, boolean live, String originalName, String nameWarning, String sha256,
        long size, String uploadedBy, Instant uploadedAt, RecordingState state, String message, double progress,
        int attempts, String container, Long durationMillis, String audioCodec, Integer audioChannels,
        Integer audioSampleRate, String videoCodec, Integer videoWidth, Integer videoHeight, String renditionMime,
        Boolean remuxed, Long renditionSize, boolean hasPoster, List<PeakLevels.Level> peaks) {

    public RecordingSummary {
        peaks = peaks == null ? List.of() : List.copyOf(peaks);
    }

    public boolean isVideo() {
        return videoCodec != null;
    }

    public String renditionUrl() {
        return state == RecordingState.READY ? "/media/recordings/" + id + "/rendition" : null;
    }

    public String posterUrl() {
        return hasPoster ? "/media/recordings/" + id + "/poster" : null;
    }

    public String peaksUrl(int samplesPerPixel) {
        return "/media/recordings/" + id + "/peaks/" + samplesPerPixel;
    }
}
