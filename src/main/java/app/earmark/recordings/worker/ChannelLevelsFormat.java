package app.earmark.recordings.worker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The channel-levels file: a 24-byte little-endian header (the bytes {@code EMCL}, version 1, channels, sample rate,
 * frame length in ms, then the number of frames as a long) and one signed 16-bit level per channel per frame, in
 * hundredths of a dB relative to full scale (mean square of the frame's samples; digital silence is
 * {@value #SILENCE}).
 */
public final class ChannelLevelsFormat {

    public static final String FILE_NAME = "channel-levels.bin";
    public static final int FRAME_MS = 10;
    public static final int HEADER_BYTES = 24;
    public static final short SILENCE = -12000;
    static final int MAGIC = 0x4c434d45; // "EMCL" little-endian
    static final int VERSION = 1;

    private ChannelLevelsFormat() {
    }

    static byte[] header(int channels, int sampleRate, long frames) {
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(VERSION)
                .putShort((short) channels).putShort((short) FRAME_MS).putInt(sampleRate).putLong(frames).array();
    }

    /** A frame's mean square as hundredths of a dB, no lower than {@link #SILENCE}. */
    static short encode(double meanSquare) {
        if (meanSquare <= 0) {
            return SILENCE;
        }
        double db = 10 * Math.log10(meanSquare);
        return (short) Math.max(SILENCE, Math.min(0, Math.round(db * 100)));
    }

    /**
     * Reads a levels file's contents.
     *
     * @return levels[channel][frame] in dB
     * @throws IllegalArgumentException when the bytes are not a complete levels file
     */
    public static float[][] read(ByteBuffer bytes) {
        ByteBuffer in = bytes.order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < HEADER_BYTES || in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IllegalArgumentException("Not a channel-levels file (version " + VERSION + ")");
        }
        int channels = in.getShort();
        int frameMs = in.getShort();
        in.getInt();
        long frames = in.getLong();
        if (channels < 1 || frameMs != FRAME_MS || frames < 0 || frames * channels * 2 > in.remaining()) {
            throw new IllegalArgumentException("A channel-levels file whose header does not match its length");
        }
        float[][] levels = new float[channels][(int) frames];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                levels[c][f] = in.getShort() / 100f;
            }
        }
        return levels;
    }
}
