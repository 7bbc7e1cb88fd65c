package app.earmark.recordings.worker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whether a file ends before the size its container declares, read from the container's own length fields: the
 * top-level boxes of MP4/MOV, the Segment of Matroska/WebM, the RIFF chunk of WAV/AVI. That tells a file cut off (an
 * interrupted upload or copy) from one that is complete but has damaged data inside.
 */
final class ContainerSize {

    private static final int EBML_ID = 0x1A45DFA3;
    private static final int SEGMENT_ID = 0x18538067;

    private ContainerSize() {
    }

    /** Whether the file ends early.  */
    enum Verdict {
        /** The container declares more bytes than the file has. */
        CUT_OFF,
        /** Every length the container declares fits in the file. */
        COMPLETE,
        /** The format declares no length to go by (MP3, ADTS, Ogg, a streamed WebM). */
        UNKNOWN
    }

    static Verdict of(Path file) {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "r")) {
            long length = access.length();
            if (length < 12) {
                return Verdict.UNKNOWN;
            }
            byte[] head = new byte[12];
            access.readFully(head);
            String riff = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
            if (riff.equals("RIFF")) {
                long size = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16 | (head[7] & 0xFFL) << 24;
                return 8 + size > length ? Verdict.CUT_OFF : Verdict.COMPLETE;
            }
            if (((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF) == EBML_ID) {
                return matroska(access, length);
            }
            if (FileSniffer.isoBoxes(file)) {
                return isoBoxes(access, length);
            }
            return Verdict.UNKNOWN;
        } catch (IOException e) {
            return Verdict.UNKNOWN;
        }
    }

    private static Verdict isoBoxes(RandomAccessFile access, long length) throws IOException {
        long offset = 0;
        while (offset + 8 <= length) {
            access.seek(offset);
            long size = access.readInt() & 0xFFFFFFFFL;
            access.readInt();
            if (size == 1) {
                if (offset + 16 > length) {
                    return Verdict.CUT_OFF;
                }
                size = access.readLong();
            } else if (size == 0) {
                return Verdict.COMPLETE;
            }
            if (size < 8) {
                return Verdict.UNKNOWN;
            }
            if (offset + size > length) {
                return Verdict.CUT_OFF;
            }
            offset += size;
        }
        return offset == length ? Verdict.COMPLETE : Verdict.CUT_OFF;
    }

    private static Verdict matroska(RandomAccessFile access, long length) throws IOException {
        access.seek(4);
        long headerSize = vint(access, true);
        access.seek(access.getFilePointer() + headerSize);
        if (readId(access) != SEGMENT_ID) {
            return Verdict.UNKNOWN;
        }
        long size = vint(access, true);
        if (size < 0) {
            // Unknown size: written as it was recorded (a browser's MediaRecorder).
            return Verdict.UNKNOWN;
        }
        return access.getFilePointer() + size > length ? Verdict.CUT_OFF : Verdict.COMPLETE;
    }

    private static int readId(RandomAccessFile access) throws IOException {
        int first = access.read();
        int bytes = Integer.numberOfLeadingZeros(first << 24 | 0x00FFFFFF) + 1;
        int id = first;
        for (int i = 1; i < bytes && i < 4; i++) {
            id = id << 8 | access.read();
        }
        return id;
    }

    /** An EBML variable-length size; -1 for "unknown" (all value bits set). */
    private static long vint(RandomAccessFile access, boolean size) throws IOException {
        int first = access.read();
        if (first <= 0) {
            return -1;
        }
        int bytes = Integer.numberOfLeadingZeros(first) - 23;
        long value = first & (0xFF >> bytes);
        boolean allOnes = value == (0xFF >> bytes);
        for (int i = 1; i < bytes; i++) {
            int next = access.read();
            allOnes &= next == 0xFF;
            value = value << 8 | next;
        }
        return size && allOnes ? -1 : value;
    }
}
