package app.earmark.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A large file of pseudo-random bytes (content does not matter to HTTP, and nothing can compress it), cached under
 * {@code target/bench-media}, with its SHA-256 computed afresh on every run (which also brings it into the page cache).
 */
record BigFile(Path file, long size, String sha256) {

    static BigFile of(long size) {
        Path file = Bench.dir("bench-media").resolve("random-" + size + "-bytes.bin");
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                write(file, size);
            }
            return new BigFile(file, size, sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes at {@code offset}, read from the file. */
    byte[] read(long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        read(offset, bytes, length);
        return bytes;
    }

    /** Reads the bytes at {@code offset} into the start of {@code into} (a caller's buffer, used again). */
    void read(long offset, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("Unexpected end of " + file);
                }
            }
        }
    }

    private static void write(Path file, long size) throws IOException {
        System.out.println("[bench] writing " + size + " random bytes to " + file.getFileName());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        SplittableRandom random = new SplittableRandom(20_250_101L);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; ) {
                chunk.clear();
                while (chunk.remaining() >= Long.BYTES) {
                    chunk.putLong(random.nextLong());
                }
                chunk.flip();
                chunk.limit((int) Math.min(chunk.limit(), size - written));
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk);
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
