package app.earmark.recordings.worker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The top-level box types of an MP4 file, in order, read from their headers only. */
final class Mp4Boxes {

    private Mp4Boxes() {
    }

    static List<String> topLevel(Path file) throws IOException {
        List<String> types = new ArrayList<>();
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "r")) {
            long offset = 0;
            byte[] type = new byte[4];
            while (offset + 8 <= access.length()) {
                access.seek(offset);
                long size = access.readInt() & 0xFFFFFFFFL;
                access.readFully(type);
                types.add(new String(type, StandardCharsets.ISO_8859_1));
                if (size == 1) {
                    size = access.readLong();
                } else if (size == 0) {
                    size = access.length() - offset;
                }
                if (size < 8) {
                    break;
                }
                offset += size;
            }
        }
        return types;
    }
}
