package app.earmark.recordings.worker;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The level of each channel of a two-channel sound track, frame by frame ({@link ChannelLevelsFormat#FRAME_MS} ms), in
 * hundredths of a dB below full scale, streamed to {@link ChannelLevelsFormat#FILE_NAME} while the peaks pass decodes the
 * sound (so the file is never held in memory). What the talk-time analytics read: a stereo meeting export carries one
 * party per channel. The format is {@link ChannelLevelsFormat}'s.
 */
final class ChannelLevelsWriter implements Closeable {

    private final Path file;
    private final OutputStream out;
    private final int channels;
    private final int sampleRate;
    private final double[] energy;
    private final byte[] frameBytes;
    private long frames;
    /** Samples taken into the frame being summed, and samples before it. */
    private long inFrame;
    private long framesStartSample;
    private long frameEndSample;

    ChannelLevelsWriter(Path directory, int channels, int sampleRate) throws IOException {
        this.file = directory.resolve(ChannelLevelsFormat.FILE_NAME);
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.energy = new double[channels];
        this.frameBytes = new byte[2 * channels];
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(ChannelLevelsFormat.header(channels, sampleRate, 0));
        frameEndSample = frameEnd(0);
    }

    /** Whether a track with this many channels gets a levels file: exactly two (one party per channel). */
    static boolean wanted(int channels) {
        return channels == 2;
    }

    private long frameEnd(long frame) {
        return (frame + 1) * sampleRate * ChannelLevelsFormat.FRAME_MS / 1000;
    }

    /**
     * Adds one chunk of samples in -1..1.
     *
     * @param planar channel c's sample i at {@code c * stride + i}; otherwise interleaved at {@code i * channels + c}
     */
    void accept(float[] samples, int count, boolean planar, int stride) throws IOException {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                float s = samples[planar ? c * stride + i : i * channels + c];
                energy[c] += (double) s * s;
            }
            inFrame++;
            if (framesStartSample + inFrame >= frameEndSample) {
                writeFrame();
            }
        }
    }

    private void writeFrame() throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < channels; c++) {
            buffer.putShort(ChannelLevelsFormat.encode(energy[c] / Math.max(1, inFrame)));
            energy[c] = 0;
        }
        out.write(frameBytes);
        framesStartSample += inFrame;
        inFrame = 0;
        frames++;
        frameEndSample = frameEnd(frames);
    }

    /** Writes the last partial frame and the count of frames; the file is complete after this. */
    void finish() throws IOException {
        if (inFrame > 0) {
            writeFrame();
        }
        out.close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(ChannelLevelsFormat.header(channels, sampleRate, frames)), 0);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
