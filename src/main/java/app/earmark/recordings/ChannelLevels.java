package app.earmark.recordings;

/**
 * The sound level of each channel of a recording's two-channel sound track, frame by frame: what ingest measured
 * while it decoded the sound (nothing of what was said, only how loud each channel was). For analyses that take one
 * party per channel, such as talk time.
 *
 * @param frameMs the length of one frame
 * @param levels  levels[channel][frame], in dB relative to full scale (mean square over the frame); digital silence is
 *                -120
 */
public record ChannelLevels(long recordingId, long discussionId, int frameMs, float[][] levels) {

    public int channels() {
        return levels.length;
    }

    public int frames() {
        return levels.length == 0 ? 0 : levels[0].length;
    }
}
