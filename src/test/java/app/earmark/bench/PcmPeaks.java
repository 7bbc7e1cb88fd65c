package app.earmark.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command-line baseline's waveform step: a minimal reducer of 16-bit little-endian mono PCM (from ffmpeg on a
 * pipe) into min/max peaks at Earmark's four zoom levels, written as audiowaveform version-2 8-bit files like
 * Earmark's. Each level is fed the pixels of the level below, so every sample is looked at once.
 */
final class PcmPeaks {

    static final int[] SAMPLES_PER_PIXEL = {256, 1024, 4096, 16384};

    private PcmPeaks() {
    }

    /** Reads the stream to its end and writes {@code peaks-<n>.dat} files into {@code dir}; returns the samples. */
    static long reduce(InputStream pcm, Path dir, int sampleRate) throws IOException {
        Level[] levels = new Level[SAMPLES_PER_PIXEL.length];
        try {
            for (int i = 0; i < levels.length; i++) {
                levels[i] = new Level(dir.resolve("peaks-" + SAMPLES_PER_PIXEL[i] + ".dat"), sampleRate,
                        SAMPLES_PER_PIXEL[i]);
            }
            byte[] buffer = new byte[1 << 16];
            long samples = 0;
            int carried = 0;
            int read;
            while ((read = pcm.read(buffer, carried, buffer.length - carried)) >= 0) {
                int available = carried + read;
                int whole = available & ~1;
                for (int i = 0; i < whole; i += 2) {
                    int value = (short) ((buffer[i] & 0xFF) | (buffer[i + 1] << 8)) >> 8;
                    if (levels[0].add(value, value, 1)) {
                        carry(levels);
                    }
                }
                samples += whole / 2;
                carried = available - whole;
                if (carried == 1) {
                    buffer[0] = buffer[whole];
                }
            }
            for (int i = 0; i < levels.length; i++) {
                if (levels[i].flush() && i + 1 < levels.length) {
                    levels[i + 1].add(levels[i].lastMin, levels[i].lastMax, levels[i].lastCount);
                }
            }
            return samples;
        } finally {
            for (Level level : levels) {
                if (level != null) {
                    level.close();
                }
            }
        }
    }

    private static void carry(Level[] levels) throws IOException {
        for (int j = 0; j + 1 < levels.length; j++) {
            Level done = levels[j];
            if (!levels[j + 1].add(done.lastMin, done.lastMax, done.lastCount)) {
                return;
            }
        }
    }

    /** One zoom level: the pixel in progress and the file it is written to. */
    private static final class Level implements AutoCloseable {

        private final Path file;
        private final int samplesPerPixel;
        private final OutputStream out;
        private int min = Integer.MAX_VALUE;
        private int max = Integer.MIN_VALUE;
        private int count;
        private int lastMin;
        private int lastMax;
        private int lastCount;
        private int length;

        Level(Path file, int sampleRate, int samplesPerPixel) throws IOException {
            this.file = file;
            this.samplesPerPixel = samplesPerPixel;
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            out.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(2).putInt(1).putInt(sampleRate)
                    .putInt(samplesPerPixel).putInt(0).putInt(1).array());
        }

        boolean add(int sampleMin, int sampleMax, int samples) throws IOException {
            min = Math.min(min, sampleMin);
            max = Math.max(max, sampleMax);
            count += samples;
            return count >= samplesPerPixel && flush();
        }

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

        @Override
        public void close() throws IOException {
            out.close();
            try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
                access.seek(16);
                access.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
            }
        }
    }
}
