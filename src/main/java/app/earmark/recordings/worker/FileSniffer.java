package app.earmark.recordings.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the common files that are not recordings from their first bytes, before FFmpeg sees them: FFmpeg would
 * open a PNG as a one-frame video, and reads a text file named {@code .mp4} as an MP4 without an index.
 */
final class FileSniffer {

    private static final int HEAD_BYTES = 4096;

    private FileSniffer() {
    }

    /** What the file looks like ("a PNG image") when it is certainly not audio or video. */
    static Optional<String> notMedia(Path file) {
        return notMedia(head(file));
    }

    /** Whether the file is built of ISO base media boxes (MP4, MOV, M4A, 3GP). */
    static boolean isoBoxes(Path file) {
        byte[] head = head(file);
        return head.length >= 8 && Arrays.asList("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot")
                .contains(new String(head, 4, 4, StandardCharsets.ISO_8859_1));
    }

    static Optional<String> notMedia(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G')) {
            return Optional.of("a PNG image");
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("a JPEG image");
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            return Optional.of("a GIF image");
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("a WebP image");
        }
        if (startsWith(head, 0, 'I', 'I', '*', 0) || startsWith(head, 0, 'M', 'M', 0, '*')) {
            return Optional.of("a TIFF image");
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p') && head.length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (Arrays.asList("heic", "heix", "mif1", "msf1", "avif", "avis").contains(brand)) {
                return Optional.of("a HEIF/AVIF image");
            }
        }
        if (startsWith(head, 0, '%', 'P', 'D', 'F')) {
            return Optional.of("a PDF document");
        }
        if (startsWith(head, 0, 'P', 'K', 3, 4)) {
            return Optional.of("a ZIP archive or an Office document");
        }
        if (startsWith(head, 0, 0x7F, 'E', 'L', 'F')) {
            return Optional.of("a program");
        }
        if (isText(head)) {
            String start = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase();
            return Optional.of(start.startsWith("<!doctype html") || start.startsWith("<html")
                    ? "a web page (HTML)"
                    : "a text file");
        }
        return Optional.empty();
    }

    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return false;
            }
        }
        // Not the end of input when the head is full: a character cut at its end is no error.
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), head.length < HEAD_BYTES);
        return !result.isError();
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
