package app.earmark.recordings.worker;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Min/max peaks of a mono signal at several zoom levels, computed in one pass and streamed to files in the
 * audiowaveform binary format, version 2: a 24-byte little-endian header (version 2, flags 1 for 8-bit values,
 * sample rate, samples per pixel, length in pixels, channels 1) and then one signed byte pair (min, max) per pixel.
 * Each level is fed the pixels of the level below, so every sample is looked at once.
 */
final class WaveformPeaks implements Closeable {

    /** Zoom levels, each a multiple of the one before. */
    static final int[] SAMPLES_PER_PIXEL = {256, 1024, 4096, 16384};

    private static final int HEADER_BYTES = 24;
    private static final int LENGTH_OFFSET = 16;

    private final Level[] levels;
    private final int sampleRate;

    WaveformPeaks(Path directory, int sampleRate) throws IOException {
        this.sampleRate = sampleRate;
        this.levels = new Level[SAMPLES_PER_PIXEL.length];
        try {
            for (int i = 0; i < levels.length; i++) {
                levels[i] = new Level(directory.resolve(fileName(SAMPLES_PER_PIXEL[i])), sampleRate,
                        SAMPLES_PER_PIXEL[i]);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    static String fileName(int samplesPerPixel) {
        return "peaks-" + samplesPerPixel + ".dat";
    }

    /** Adds samples in -1..1. */
    void accept(float[] samples, int count) throws IOException {
        Level first = levels[0];
        for (int i = 0; i < count; i++) {
            int value = (int) Math.floor(samples[i] * 128);
            value = Math.max(-128, Math.min(127, value));
            if (first.add(value, value, 1)) {
                carry(0);
            }
        }
    }

    /** Writes the last, partial pixels and the lengths; the files are complete after this. */
    List<IngestResult.Peaks> finish() throws IOException {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].flush()) {
                carry(i);
            }
        }
        List<IngestResult.Peaks> files = new ArrayList<>();
        for (Level level : levels) {
            level.complete();
            files.add(new IngestResult.Peaks(level.file.getFileName().toString(), level.samplesPerPixel, sampleRate,
                    level.length));
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        for (Level level : levels) {
            if (level != null) {
                level.close();
            }
        }
    }

    /** Passes the pixel level {@code i} just wrote on to the next level, and on up as pixels complete. */
    private void carry(int i) throws IOException {
        for (int j = i; j + 1 < levels.length; j++) {
            Level done = levels[j];
            if (!levels[j + 1].add(done.lastMin, done.lastMax, done.lastCount)) {
                return;
            }
        }
    }

    private static final class Level implements Closeable {

        private final Path file;
        private final int samplesPerPixel;
        private final FileChannel channel;
        private final OutputStream out;
        private int min = Integer.MAX_VALUE;
        private int max = Integer.MIN_VALUE;
        private int count;
        private int lastMin;
        private int lastMax;
        private int lastCount;
        private long length;

        Level(Path file, int sampleRate, int samplesPerPixel) throws IOException {
            this.file = file;
            this.samplesPerPixel = samplesPerPixel;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
            out.write(header(sampleRate, samplesPerPixel, 0).array());
        }

        /** Adds samples' extremes; returns whether that completed (and wrote) a pixel. */
        boolean add(int sampleMin, int sampleMax, int samples) throws IOException {
            min = Math.min(min, sampleMin);
            max = Math.max(max, sampleMax);
            count += samples;
            return count >= samplesPerPixel && flush();
        }

        /** Writes the pixel in progress, if any; returns whether it wrote one. */
        boolean flush() throws IOException {
            if (count == 0) {
                return false;
            }
            out.write(min);
            out.write(max);
            length++;
            lastMin = min;
            lastMax = max;
            lastCount = count;
            min = Integer.MAX_VALUE;
            max = Integer.MIN_VALUE;
            count = 0;
            return true;
        }

        void complete() throws IOException {
            out.flush();
            ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) length);
            channel.write(value, LENGTH_OFFSET);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static ByteBuffer header(int sampleRate, int samplesPerPixel, int length) {
            return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(2)
                    .putInt(1)
                    .putInt(sampleRate)
                    .putInt(samplesPerPixel)
                    .putInt(length)
                    .putInt(1);
        }
    }
}
