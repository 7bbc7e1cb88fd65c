package app.earmark.recordings.worker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an audiowaveform binary file (version 2, 8-bit) the way waveform-data.js does, for assertions. */
record PeaksFile(int version, int flags, int sampleRate, int samplesPerPixel, int length, int channels, byte[] data) {

    static PeaksFile read(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int version = buffer.getInt();
        int flags = buffer.getInt();
        int sampleRate = buffer.getInt();
        int samplesPerPixel = buffer.getInt();
        int length = buffer.getInt();
        int channels = buffer.getInt();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        if (data.length != 2 * length * channels) {
            throw new IOException(file + ": " + data.length + " data bytes for " + length + " pixels");
        }
        return new PeaksFile(version, flags, sampleRate, samplesPerPixel, length, channels, data);
    }

    int min(int pixel) {
        return data[2 * pixel];
    }

    int max(int pixel) {
        return data[2 * pixel + 1];
    }
}
