package app.earmark.audit;

import app.earmark.base.EarmarkProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs the head of the audit trail now and then and appends the signed checkpoint to a file outside the
 * database, so that a rewrite of signed entries is detected even by someone who can recompute every
 * hash in the database. Checkpoints are made every {@code checkpoint-interval}, as soon as
 * {@code checkpoint-every} entries were appended, and at shutdown. The file is only ever appended to
 * (and synced); the database keeps a copy of each line so that a cut-off file is noticed.
 */
@Service
class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final AuditProperties properties;
    private final AuditSigningKey key;
    private final AuditRepository entries;
    private final AuditChainHeads heads;
    private final JdbcTemplate jdbc;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final Path file;
    private final Path dataDir;

    private final Object lock = new Object();
    /** The newest checkpoint written, read from the file on first use; guarded by {@link #lock}. */
    private Checkpoint newest;
    private boolean newestRead;
    /** The entry the newest checkpoint signed, for {@link #appended} to read without waiting; -1 until known. */
    private volatile long signedSeq = -1;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile ScheduledFuture<?> periodic;

    AuditCheckpoints(AuditProperties properties, AuditSigningKey key, AuditRepository entries, AuditChainHeads heads,
            JdbcTemplate jdbc, TaskScheduler scheduler, Clock clock, PlatformTransactionManager transactions,
            EarmarkProperties earmark) {
        this.properties = properties;
        this.dataDir = earmark.dataDir();
        this.key = key;
        this.entries = entries;
        this.heads = heads;
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.file = properties.checkpointFile().toAbsolutePath().normalize();
    }

    /** Signs the newest entry if it is not signed yet; nothing when the trail does not follow from the last checkpoint. */
    Optional<Checkpoint> checkpoint() {
        synchronized (lock) {
            Checkpoint previous = newest();
            AuditChainHead head = readOnly.execute(status -> heads.head());
            if (head.lastSeq() == 0
                    || previous != null && previous.seq() == head.lastSeq() && previous.hash().equals(head.lastHash())) {
                return Optional.empty();
            }
            String problem = readOnly.execute(status -> disagreement(previous, head.lastSeq(), head.lastHash()));
            if (problem != null) {
                log.error("The audit trail was not signed: {} Check the chain in the audit view.", problem);
                return Optional.empty();
            }
            String fileId = previous == null ? newFileId() : previous.file();
            var unsigned = new Checkpoint(fileId, previous == null ? 1 : previous.n() + 1, head.lastSeq(), head.lastHash(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), key.keyId(), null);
            var signed = new Checkpoint(fileId, unsigned.n(), unsigned.seq(), unsigned.hash(), unsigned.at(), unsigned.key(),
                    Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes())));
            String line = toJson(signed);
            append(line);
            newest = signed;
            signedSeq = signed.seq();
            try {
                jdbc.update("insert into audit_checkpoint (file_id, n, line) values (?, ?, ?)", fileId, signed.n(), line);
            } catch (RuntimeException e) {
                log.warn("Audit checkpoint {} is in {} but its copy could not be kept in the database", signed.n(), file, e);
            }
            return Optional.of(signed);
        }
    }

    private static String newFileId() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    /**
     * Called after an entry was committed: signs in the background once enough entries have been added.
     * Never waits for a checkpoint being written.
     */
    void appended(long seq) {
        int every = properties.checkpointEvery();
        if (every > 0 && seq - Math.max(0, signedSeq) >= every && queued.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                queued.set(false);
                checkpointQuietly();
            }, clock.instant());
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.error("Could not write an audit checkpoint to {}", file, e);
        }
    }

    /**
     * Why the trail from the previous checkpoint to the head cannot be signed, or null. It must keep the
     * hash the previous checkpoint signed and be correctly chained from there on.
     */
    private String disagreement(Checkpoint previous, long headSeq, String headHash) {
        long from = previous == null ? 0 : previous.seq();
        String expected = previous == null ? AuditChainHead.GENESIS : previous.hash();
        if (previous != null) {
            var signedEntry = entries.findById(from);
            if (signedEntry.isEmpty()) {
                return "entry " + from + ", signed by checkpoint " + previous.n() + ", is missing (if the database was "
                        + "replaced on purpose, move " + file + " away).";
            }
            if (!signedEntry.get().hash().equals(previous.hash())) {
                return "entry " + from + " no longer has the hash checkpoint " + previous.n() + " signed.";
            }
        }
        long expectedSeq = from + 1;
        try (var after = entries.streamAfter(from, headSeq)) {
            for (AuditEntry entry : (Iterable<AuditEntry>) after::iterator) {
                if (entry.seq() != expectedSeq || !entry.previousHash().equals(expected)
                        || !entry.hash().equals(entry.computeHash())) {
                    return "entry " + entry.seq() + " does not follow from the last checkpoint.";
                }
                expected = entry.hash();
                expectedSeq++;
            }
        }
        return expectedSeq - 1 == headSeq && expected.equals(headHash) ? null
                : "the chain head does not match entry " + (expectedSeq - 1) + ".";
    }

    private void append(String line) {
        try {
            AuditSigningKey.createOwnerOnlyDirectories(file.getParent());
            String prefix = endsInsideALine() ? "\n" : "";
            var bytes = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
            try (var channel = Files.exists(file)
                    ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND), AuditSigningKey.ownerOnly("rw-------"))) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit checkpoint file " + file, e);
        }
    }

    /** Whether the file's last line was cut off (a crash while writing): the next line must start afresh. */
    private boolean endsInsideALine() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (var reader = new RandomAccessFile(file.toFile(), "r")) {
            reader.seek(reader.length() - 1);
            return reader.read() != '\n';
        }
    }

    /** Guarded by {@link #lock}. */
    private Checkpoint newest() {
        if (!newestRead) {
            newest = load().checkpoints().stream().max(Comparator.comparingLong(Checkpoint::n)).orElse(null);
            newestRead = true;
            signedSeq = newest == null ? 0 : newest.seq();
        }
        return newest;
    }

    /**
     * Reads and checks the checkpoint file: each line must parse, carry a good signature from this key, and
     * follow the one before it; checkpoints the database recorded as written must still be in the file.
     */
    CheckpointFile load() {
        List<String> lines;
        synchronized (lock) {
            try {
                lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                return new CheckpointFile(List.of(), List.of("The checkpoint file " + file + " cannot be read ("
                        + e.getMessage() + ")."), List.of());
            }
        }
        List<Checkpoint> good = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long expectedN = 1;
        String fileId = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Checkpoint checkpoint = parse(text);
            String where = "Line " + (i + 1) + " of the checkpoint file";
            if (checkpoint == null) {
                problems.add(where + " is not a checkpoint" + (i == lines.size() - 1 ? " (it may have been cut off by a crash)." : "."));
                continue;
            }
            if (!key.keyId().equals(checkpoint.key())) {
                problems.add(where + " (checkpoint " + checkpoint.n() + ") names the key " + checkpoint.key()
                        + ", not this server's key " + key.keyId() + ".");
                continue;
            }
            if (!signatureHolds(checkpoint)) {
                problems.add(where + " (checkpoint " + checkpoint.n() + ") has a signature that does not verify with the"
                        + " audit public key: it was forged or altered.");
                continue;
            }
            if (fileId != null && !fileId.equals(checkpoint.file())) {
                problems.add(where + " (checkpoint " + checkpoint.n() + ") belongs to another checkpoint file ("
                        + checkpoint.file() + ", not " + fileId + ").");
                continue;
            }
            fileId = checkpoint.file();
            if (checkpoint.n() > expectedN) {
                problems.add("Checkpoint" + range(expectedN, checkpoint.n() - 1) + " missing from the checkpoint file "
                        + "(before line " + (i + 1) + "): lines were removed.");
            } else if (checkpoint.n() < expectedN) {
                problems.add(where + " repeats or reorders checkpoint " + checkpoint.n() + ".");
            }
            expectedN = Math.max(expectedN, checkpoint.n() + 1);
            good.add(checkpoint);
        }
        List<String> notes = new ArrayList<>();
        problems.addAll(copiesMissingFromFile(fileId, expectedN - 1, notes));
        return new CheckpointFile(List.copyOf(good), List.copyOf(problems), List.copyOf(notes));
    }

    /** The database's copies of checkpoints written after the file's last one: the file's tail was cut off. */
    private List<String> copiesMissingFromFile(String fileId, long lastInFile, List<String> notes) {
        List<String> problems = new ArrayList<>();
        long firstMissing = 0;
        long lastMissing = 0;
        Map<String, Long> otherFiles = new HashMap<>();
        for (var row : jdbc.queryForList("select file_id, n, line from audit_checkpoint order by file_id, n")) {
            Checkpoint copy = parse((String) row.get("line"));
            if (copy == null || !signatureHolds(copy) || !copy.file().equals(row.get("file_id"))) {
                problems.add("The database's copy of checkpoint " + row.get("n") + " does not verify: it was altered.");
            } else if (!copy.file().equals(fileId)) {
                otherFiles.merge(copy.file(), 1L, Long::sum);
            } else if (copy.n() > lastInFile) {
                firstMissing = firstMissing == 0 ? copy.n() : firstMissing;
                lastMissing = copy.n();
            }
        }
        if (firstMissing > 0) {
            problems.add("Checkpoint" + range(firstMissing, lastMissing) + " missing from the end of the checkpoint file,"
                    + " though the database records " + (firstMissing == lastMissing ? "it" : "them") + " as written: the"
                    + " file was cut off or replaced.");
        }
        otherFiles.forEach((other, count) -> notes.add("The database also records " + count + " checkpoints of another"
                + " checkpoint file (" + other + ") that is not " + file + ": keep that file if it was moved away on purpose;"
                + " otherwise it was deleted or replaced."));
        return problems;
    }

    private static String range(long from, long to) {
        return from == to ? " " + from + " is" : "s " + from + "–" + to + " are";
    }

    private boolean signatureHolds(Checkpoint checkpoint) {
        try {
            return key.verify(checkpoint.signedBytes(), Base64.getDecoder().decode(checkpoint.sig()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Checkpoint parse(String line) {
        try {
            var checkpoint = JSON.readValue(line, Checkpoint.class);
            return checkpoint.n() > 0 && checkpoint.seq() > 0 && checkpoint.hash() != null && checkpoint.at() != null
                    && checkpoint.key() != null && checkpoint.sig() != null ? checkpoint : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String toJson(Checkpoint checkpoint) {
        try {
            return JSON.writeValueAsString(checkpoint);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file as it is now, for download. */
    byte[] fileContent() {
        synchronized (lock) {
            try {
                return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the audit checkpoint file " + file, e);
            }
        }
    }

    String publicKeyPem() {
        return key.publicKeyPem();
    }

    /**
     * The checkpoints whose signature holds, in file order; what is wrong with the file; and notes that do
     * not show tampering by themselves (checkpoints of other files, as when a server's file was moved away).
     */
    record CheckpointFile(List<Checkpoint> checkpoints, List<String> problems, List<String> notes) {
    }

    @Override
    public void start() {
        Path database = dataDir.toAbsolutePath().normalize();
        for (Path own : List.of(file, properties.keyFile().toAbsolutePath().normalize())) {
            if (own.startsWith(database)) {
                log.warn("{} is inside the database's directory {}: whoever can write the database there can also"
                        + " rewrite it. Move it elsewhere (earmark.audit.*, see docs/audit.md).", own, database);
            }
        }
        Duration interval = properties.checkpointInterval();
        periodic = scheduler.scheduleWithFixedDelay(this::checkpointQuietly, clock.instant().plus(interval), interval);
    }

    /** Stops the periodic checkpoints and signs whatever was appended since the last one. */
    @Override
    public void stop() {
        var running = periodic;
        periodic = null;
        if (running != null) {
            running.cancel(false);
            checkpointQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return periodic != null;
    }

    /** Stops after the web server, so no request appends an entry after the last checkpoint. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
