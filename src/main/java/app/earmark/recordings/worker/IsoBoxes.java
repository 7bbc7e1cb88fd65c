package app.earmark.recordings.worker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The top-level boxes of an MP4 file, read from their headers only. */
final class IsoBoxes {

    private IsoBoxes() {
    }

    /** The size in bytes of the first top-level box of the type, or -1 when there is none or the file is no MP4. */
    static long sizeOf(Path file, String type) {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "r")) {
            long length = access.length();
            long offset = 0;
            byte[] name = new byte[4];
            while (offset + 8 <= length) {
                access.seek(offset);
                long size = access.readInt() & 0xFFFFFFFFL;
                access.readFully(name);
                if (size == 1) {
                    size = access.readLong();
                } else if (size == 0) {
                    size = length - offset;
                }
                if (size < 8) {
                    return -1;
                }
                if (type.equals(new String(name, StandardCharsets.ISO_8859_1))) {
                    return size;
                }
                offset += size;
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
