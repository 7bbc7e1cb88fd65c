package app.earmark.recordings.media;

import app.earmark.base.Hashing;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a folder media store ({@link LocalMediaStore}'s layout) into an S3 bucket and checks every object: the local
 * file's SHA-256 first (originals and copies are named by it), then the object read back from the bucket. What has
 * been checked is written to a journal in the S3 store's cache folder, so a migration that was interrupted goes on where
 * it stopped; an object found in the bucket but not in the journal is read back and checked (and uploaded again if it
 * differs). The local store is only read.
 */
final class LocalToS3Migration {

    private static final Logger log = LoggerFactory.getLogger(LocalToS3Migration.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COPY_NAME = Pattern.compile("([0-9a-f]{64})(\\.[a-z0-9]{1,8})?");

    /** What a run did. */
    record Report(int verified, int alreadyVerified, long bytes) {
    }

    /** Thrown when a run stops early (for the test of resuming). */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped");
        }
    }

    private final Path local;
    private final S3MediaStore target;
    private final Path journal;
    private final int stopAfter;
    private final Set<String> done = new HashSet<>();
    private Path evidence;
    private int verified;
    private int alreadyVerified;
    private long bytes;

    LocalToS3Migration(Path localStore, S3MediaStore target, Path journal) {
        this(localStore, target, journal, Integer.MAX_VALUE);
    }

    /** @param stopAfter how many objects to verify before stopping as if interrupted */
    LocalToS3Migration(Path localStore, S3MediaStore target, Path journal, int stopAfter) {
        this.local = localStore.toAbsolutePath().normalize();
        this.target = target;
        this.journal = journal;
        this.stopAfter = stopAfter;
    }

    /**
     * Also copies the evidence attachments kept on this machine ({@code earmark.data-dir/evidence/ab/cd/abcd…}) to
     * {@code evidence/abcd…}, checked the same way.
     */
    LocalToS3Migration evidence(Path folder) {
        this.evidence = folder == null ? null : folder.toAbsolutePath().normalize();
        return this;
    }

    Report run() throws IOException {
        if (!Files.isDirectory(local.resolve("originals"))) {
            throw new IOException("There is no folder media store at " + local + " (no originals/ in it)");
        }
        if (Files.isRegularFile(journal)) {
            done.addAll(Files.readAllLines(journal));
        }
        Files.createDirectories(journal.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (Path file : sharded(local.resolve("originals"))) {
                String sha = file.getFileName().toString();
                if (SHA256.matcher(sha).matches()) {
                    object(out, file, S3MediaStore.originalKey(sha), sha);
                }
            }
            for (Path folder : sharded(local.resolve("derived"))) {
                String sha = folder.getFileName().toString();
                if (SHA256.matcher(sha).matches() && Files.isDirectory(folder)) {
                    derivedSet(out, folder, sha);
                }
            }
            for (Path source : sharded(local.resolve("copies"))) {
                String sha = source.getFileName().toString();
                if (!SHA256.matcher(sha).matches() || !Files.isDirectory(source)) {
                    continue;
                }
                try (Stream<Path> keys = Files.list(source)) {
                    for (Path key : keys.filter(Files::isDirectory).sorted().toList()) {
                        try (Stream<Path> files = Files.list(key)) {
                            for (Path file : files.sorted().toList()) {
                                var name = COPY_NAME.matcher(file.getFileName().toString());
                                if (name.matches()) {
                                    object(out, file, S3MediaStore.copiesPrefix(sha) + key.getFileName() + "/"
                                            + file.getFileName(), name.group(1));
                                }
                            }
                        }
                    }
                }
            }
            if (evidence != null) {
                for (Path file : sharded(evidence)) {
                    String sha = file.getFileName().toString();
                    if (SHA256.matcher(sha).matches() && Files.isRegularFile(file)) {
                        object(out, file, SharedFiles.evidenceKey(sha), sha);
                    }
                }
            }
        }
        return new Report(verified, alreadyVerified, bytes);
    }

    /** One content-addressed object: checked locally, uploaded unless the bucket has it, read back and checked. */
    private void object(BufferedWriter out, Path file, String key, String sha) throws IOException {
        if (done.contains(key)) {
            alreadyVerified++;
            return;
        }
        String localHash = sha256Of(file);
        if (!localHash.equals(sha)) {
            throw new IOException("The local file " + file + " has the SHA-256 " + localHash + ", not the one it is"
                    + " named by: it is damaged; restore it from a backup before migrating");
        }
        long size = Files.size(file);
        if (!target.exists(key) || !sha.equals(remoteSha256(key, size))) {
            target.upload(file, key);
        }
        String remote = remoteSha256(key, size);
        if (!sha.equals(remote)) {
            throw new IOException("The object " + key + " reads back from the bucket with the SHA-256 " + remote
                    + ", not " + sha + ": the migration stopped; run it again");
        }
        journal(out, key, size);
    }

    /** A set of derived files: published whole (manifest last), then each file read back and checked. */
    private void derivedSet(BufferedWriter out, Path folder, String sha) throws IOException {
        String marker = S3MediaStore.derivedPrefix(sha);
        if (done.contains(marker)) {
            alreadyVerified++;
            return;
        }
        Map<String, String> keys = target.publishDerived(sha, folder);
        long size = 0;
        for (var entry : keys.entrySet()) {
            Path file = folder.resolve(entry.getKey());
            String expected = sha256Of(file);
            String remote = remoteSha256(entry.getValue(), Files.size(file));
            if (!expected.equals(remote)) {
                throw new IOException("The derived file " + entry.getValue() + " reads back from the bucket with the"
                        + " SHA-256 " + remote + ", not " + expected + " (" + file + "): the migration stopped; run it"
                        + " again");
            }
            size += Files.size(file);
        }
        journal(out, marker, size);
    }

    private void journal(BufferedWriter out, String key, long size) throws IOException {
        out.write(key);
        out.newLine();
        out.flush();
        done.add(key);
        verified++;
        bytes += size;
        if (verified % 100 == 0) {
            log.info("Migration to S3: {} objects verified ({} MB)", verified, bytes / (1024 * 1024));
        }
        if (verified >= stopAfter) {
            throw new Stopped();
        }
    }

    private String remoteSha256(String key, long size) throws IOException {
        MessageDigest digest = Hashing.sha256();
        if (size > 0) {
            try (InputStream in = target.openRange(key, 0, size - 1)) {
                update(digest, in);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = Hashing.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            update(digest, in);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
        }
    }

    /** The entries two folder levels down (ab/cd/…), sorted, or none. */
    private static List<Path> sharded(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base, 3)) {
            return walk.filter(p -> base.relativize(p).getNameCount() == 3).sorted().toList();
        }
    }
}
