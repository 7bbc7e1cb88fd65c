package app.earmark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.base.AuditableEvent;
import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Signed checkpoints catch what the hash chain alone cannot: a database writer who edits an entry and
 * recomputes every later hash. Each test acts as that attacker with plain JDBC and puts everything back.
 */
@EarmarkSpringTest
class AuditCheckpointsTest {

    record Happened(String subject) implements AuditableEvent {
        public String actor() {
            return "tester";
        }

        public String action() {
            return "test-happened";
        }

        public String details() {
            return "Happened to " + subject;
        }
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditProperties properties;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditSigningKey key;
    @Autowired
    AuditRepository entries;
    @Autowired
    AuditChainHeads heads;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    EarmarkProperties earmark;

    @Test
    void aRewriteWithEveryLaterHashRecomputedIsDetectedByTheSignedCheckpoint() {
        events.publishEvent(new Happened("before the checkpoint"));
        long target = trail.lastSeq();
        events.publishEvent(new Happened("signed"));
        Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        events.publishEvent(new Happened("after the checkpoint"));
        assertThat(auditLog.verify().intact()).isTrue();

        var saved = jdbc.queryForList("select seq, previous_hash, hash, details from audit_entry where seq >= ? order by seq",
                target);
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        try {
            rewriteAsAnAttacker(target, "Happened to nothing worth noting");

            var check = auditLog.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.summary()).contains("Checkpoint " + checkpoint.n())
                    .contains("entry " + checkpoint.seq() + " no longer has the hash that was signed");
            assertThat(check.brokenAt()).isLessThanOrEqualTo(target);
            // The attack is real: the hash chain on its own still holds.
            assertThat(check.problems()).noneMatch(p -> p.startsWith("Entry "));
            assertThat(checkpoints.checkpoint()).as("a rewritten trail is never signed").isEmpty();
        } finally {
            for (var row : saved) {
                jdbc.update("update audit_entry set previous_hash = ?, hash = ?, details = ? where seq = ?",
                        row.get("previous_hash"), row.get("hash"), row.get("details"), row.get("seq"));
            }
            jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", head.get("last_seq"),
                    head.get("last_hash"));
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void theSameRewriteWithoutCheckpointsPassesTheHashChainCheck() {
        // What the trail could show before checkpoints: recomputed hashes pass the chain check.
        events.publishEvent(new Happened("unsigned"));
        long target = trail.lastSeq();
        var saved = jdbc.queryForMap("select previous_hash, hash, details from audit_entry where seq = ?", target);
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        try {
            rewriteAsAnAttacker(target, "Happened to nothing");
            var check = auditLog.verify();
            assertThat(check.intact()).as("entries after the last checkpoint are only hash-chained").isTrue();
            assertThat(check.summary()).contains("only hash-chained");
        } finally {
            jdbc.update("update audit_entry set previous_hash = ?, hash = ?, details = ? where seq = ?",
                    saved.get("previous_hash"), saved.get("hash"), saved.get("details"), target);
            jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", head.get("last_seq"),
                    head.get("last_hash"));
        }
    }

    @Test
    void aForgedCheckpointLineIsReported() throws Exception {
        events.publishEvent(new Happened("forged over"));
        Checkpoint real = checkpoints.checkpoint().orElseThrow();
        Path file = properties.checkpointFile();
        byte[] original = Files.readAllBytes(file);
        try {
            String forged = "{\"file\":\"" + real.file() + "\",\"n\":" + (real.n() + 1) + ",\"seq\":" + real.seq()
                    + ",\"hash\":\"" + "ab".repeat(32) + "\",\"at\":\"" + real.at() + "\",\"key\":\"" + real.key()
                    + "\",\"sig\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}\n";
            Files.writeString(file, forged, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            var check = auditLog.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.summary()).contains("(checkpoint " + (real.n() + 1) + ") has a signature that does not verify");
        } finally {
            Files.write(file, original);
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void aCutOffCheckpointFileIsReported() throws Exception {
        events.publishEvent(new Happened("first of two"));
        Checkpoint kept = checkpoints.checkpoint().orElseThrow();
        Path file = properties.checkpointFile();
        byte[] upToKept = Files.readAllBytes(file);
        events.publishEvent(new Happened("second of two"));
        Checkpoint cut = checkpoints.checkpoint().orElseThrow();
        byte[] whole = Files.readAllBytes(file);
        try {
            Files.write(file, upToKept);
            var check = auditLog.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.summary()).contains("Checkpoint " + cut.n() + " is missing from the end of the checkpoint file");
            assertThat(kept.n()).isEqualTo(cut.n() - 1);
        } finally {
            Files.write(file, whole);
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void removingSignedEntriesIsReportedEvenWithTheChainHeadMovedBack() {
        events.publishEvent(new Happened("to be removed"));
        long target = trail.lastSeq();
        Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        var row = jdbc.queryForMap("select * from audit_entry where seq = ?", target);
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        try {
            jdbc.update("delete from audit_entry where seq = ?", target);
            jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", target - 1,
                    jdbc.queryForObject("select hash from audit_entry where seq = ?", String.class, target - 1));
            var check = auditLog.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.summary()).contains("Checkpoint " + checkpoint.n() + " signed entry " + target
                    + ", but the trail ends at entry " + (target - 1));
        } finally {
            jdbc.update("insert into audit_entry (seq, occurred_at, actor, action, subject, details, previous_hash, hash)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)", row.get("seq"), row.get("occurred_at"), row.get("actor"),
                    row.get("action"), row.get("subject"), row.get("details"), row.get("previous_hash"), row.get("hash"));
            jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", head.get("last_seq"),
                    head.get("last_hash"));
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void theKeyIsOwnerOnlyAndACheckpointVerifiesWithThePublicKeyAlone() throws Exception {
        events.publishEvent(new Happened("verified outside"));
        Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(properties.keyFile()))).isEqualTo("rw-------");
        var publicKey = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(
                        properties.publicKeyFile()).replaceAll("-----[A-Z ]+-----", ""))));
        var signature = java.security.Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(("earmark-audit-checkpoint v1 file=" + checkpoint.file() + " n=" + checkpoint.n() + " seq="
                + checkpoint.seq() + " hash=" + checkpoint.hash() + " at=" + checkpoint.at() + " key=" + checkpoint.key())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(Base64.getDecoder().decode(checkpoint.sig()))).isTrue();
    }

    @Test
    void enoughNewEntriesOrAShutdownSignTheTrailWithoutBeingAsked(@TempDir Path directory) throws Exception {
        var ownFile = new AuditProperties(properties.keyFile(), directory.resolve("checkpoints.jsonl"), Duration.ofHours(1), 3);
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        var own = new AuditCheckpoints(ownFile, key, entries, heads, jdbc, scheduler, Clock.systemUTC(), transactionManager,
                earmark);
        String fileId = null;
        try {
            own.start();
            Checkpoint first = own.checkpoint().orElseThrow();
            fileId = first.file();
            // The entries counted are those this test tells it of, by their numbers: the shared context's own work
            // may add entries to the trail meanwhile (an ingest finishing, say), which the next checkpoint signs too.
            events.publishEvent(new Happened("one"));
            events.publishEvent(new Happened("two"));
            own.appended(first.seq() + 2);
            Thread.sleep(300);
            assertThat(Files.readAllLines(ownFile.checkpointFile())).as("two new entries are not enough").hasSize(1);

            events.publishEvent(new Happened("three"));
            long third = trail.lastSeq();
            own.appended(first.seq() + 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(ownFile.checkpointFile()).size() == 2);
            assertThat(signedSeq(Files.readAllLines(ownFile.checkpointFile()).get(1))).as("the head signed")
                    .isGreaterThanOrEqualTo(third);

            events.publishEvent(new Happened("before shutdown"));
            long beforeShutdown = trail.lastSeq();
            own.stop();
            List<String> lines = Files.readAllLines(ownFile.checkpointFile());
            assertThat(lines).hasSize(3);
            assertThat(signedSeq(lines.get(2))).as("the head signed at shutdown").isGreaterThanOrEqualTo(beforeShutdown);
        } finally {
            own.stop();
            scheduler.shutdown();
            jdbc.update("delete from audit_checkpoint where file_id = ?", fileId);
        }
    }

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+),");

    /** The number of the last entry a checkpoint line signs. */
    private static long signedSeq(String line) {
        Matcher seq = SEQ.matcher(line);
        assertThat(seq.find()).as("a seq in " + line).isTrue();
        return Long.parseLong(seq.group(1));
    }

    /**
     * What someone with write access to the database can do: change an entry's content and recompute its
     * hash, every later entry's previous hash and hash, and the chain head, exactly as {@link AuditEntry} does.
     */
    private void rewriteAsAnAttacker(long seq, String newDetails) {
        jdbc.update("update audit_entry set details = ? where seq = ?", newDetails, seq);
        String previous = jdbc.queryForObject("select previous_hash from audit_entry where seq = ?", String.class, seq);
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList(
                "select seq, occurred_at, actor, action, subject, details from audit_entry where seq >= ? order by seq", seq));
        for (var row : rows) {
            String occurredAt = instant(row.get("occurred_at")).toString();
            String hash = Hashing.sha256Hex(String.join("\u001f", row.get("seq").toString(), occurredAt,
                    (String) row.get("actor"), (String) row.get("action"), (String) row.get("subject"),
                    (String) row.get("details"), previous));
            jdbc.update("update audit_entry set previous_hash = ?, hash = ? where seq = ?", previous, hash, row.get("seq"));
            previous = hash;
        }
        long last = ((Number) rows.get(rows.size() - 1).get("seq")).longValue();
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", last, previous);
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return java.time.Instant.parse(value.toString());
    }
}
