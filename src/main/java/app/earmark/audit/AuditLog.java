package app.earmark.audit;

import app.earmark.base.AuditableEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Locale;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends every {@link AuditableEvent} to the hash-chained audit trail, and reads it back.
 *
 * <p>An ordinary event is appended inside the transaction that published it, so the change and its
 * entry commit together or not at all. An event that must survive a rollback (a refusal, a failed
 * sign-in) is appended in a transaction of its own, after the publishing transaction has ended.
 */
@Service
public class AuditLog {

    private final AuditRepository entries;
    private final AuditChainHeads heads;
    private final EntityManager entityManager;
    private final Clock clock;
    private final TransactionTemplate joinOrStart;
    private final TransactionTemplate ownTransaction;
    private final AuditCheckpoints checkpoints;

    AuditLog(AuditRepository entries, AuditChainHeads heads, EntityManager entityManager, Clock clock,
            PlatformTransactionManager transactions, AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.entries = entries;
        this.heads = heads;
        this.entityManager = entityManager;
        this.clock = clock;
        this.joinOrStart = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(AuditableEvent event) {
        record(event);
    }

    void record(AuditableEvent event) {
        if (!event.independentOfTransaction()) {
            joinOrStart.executeWithoutResult(status -> append(event));
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    ownTransaction.executeWithoutResult(s -> append(event));
                }
            });
        } else {
            ownTransaction.executeWithoutResult(status -> append(event));
        }
    }

    private void append(AuditableEvent event) {
        // Locked once per transaction: a transaction that appends many entries (a draw's sampled assessments) finds the
        // head it already holds in its persistence context, without a query (which would flush every entry so far).
        // A head this transaction read earlier without the lock is read again under it, so it is never stale.
        AuditChainHead head = entityManager.find(AuditChainHead.class, AuditChainHead.ID);
        if (!heldByThisTransaction(head)) {
            entityManager.refresh(head, LockModeType.PESSIMISTIC_WRITE);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var entry = new AuditEntry(head.lastSeq() + 1, now, clip(event.actor(), 100), clip(event.action(), 60),
                clip(event.subject(), 300), clip(event.details(), 8000), head.lastHash());
        entityManager.persist(entry);
        head.advance(entry);
        long seq = entry.seq();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkpoints.appended(seq);
                }
            });
        }
    }

    /**
     * Whether this transaction holds the head's row lock: it locked the row, or it wrote the row (Hibernate then marks
     * the entity {@link LockMode#WRITE}, which outranks the pessimistic lock it replaces, and the database holds the
     * row for the writer). Reading the head again in either case would throw away an advance not yet flushed, and the
     * next entry would take the number of one already in this transaction.
     */
    private boolean heldByThisTransaction(AuditChainHead head) {
        LockMode mode = entityManager.unwrap(Session.class).getCurrentLockMode(head);
        return mode == LockMode.PESSIMISTIC_WRITE || mode == LockMode.WRITE;
    }

    private static String clip(String value, int max) {
        String text = value == null ? "" : value;
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Newest first, optionally only entries whose actor, action, subject or details contain the text. */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(String text, int offset, int limit) {
        return entries.search(likePattern(text), PageRequest.of(offset / limit, limit));
    }

    @Transactional(readOnly = true)
    public long count(String text) {
        return entries.countMatching(likePattern(text));
    }

    private static String likePattern(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return trimmed.isEmpty() ? "" : "%" + trimmed.replace("%", "").replace("_", "") + "%";
    }

    /**
     * Walks the whole chain and checks it against the signed checkpoints: every entry must match its hash
     * and follow its predecessor, and every checkpoint's signature must hold and its entry must still have
     * exactly the signed hash. Entries after the last checkpoint are only hash-chained (the result says so).
     */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        var file = checkpoints.load();
        List<String> problems = new ArrayList<>(file.problems());
        NavigableMap<Long, List<Checkpoint>> bySeq = new TreeMap<>();
        file.checkpoints().forEach(c -> bySeq.computeIfAbsent(c.seq(), s -> new ArrayList<>()).add(c));

        Long brokenAt = null;
        String chainProblem = null;
        long expectedSeq = 1;
        long lastSeq = 0;
        String previous = AuditChainHead.GENESIS;
        Checkpoint lastAgreeing = null;
        Checkpoint firstDisagreeing = null;
        int verified = 0;
        try (var all = entries.streamInOrder()) {
            for (AuditEntry entry : (Iterable<AuditEntry>) all::iterator) {
                if (chainProblem == null) {
                    if (entry.seq() != expectedSeq) {
                        chainProblem = "entry " + expectedSeq + " is missing";
                    } else if (!entry.previousHash().equals(previous)) {
                        chainProblem = "does not follow the entry before it";
                    } else if (!entry.hash().equals(entry.computeHash())) {
                        chainProblem = "its content was changed after it was written";
                    }
                    if (chainProblem != null) {
                        brokenAt = entry.seq();
                    }
                }
                for (Checkpoint checkpoint : bySeq.getOrDefault(entry.seq(), List.of())) {
                    if (firstDisagreeing != null) {
                        continue;
                    }
                    if (checkpoint.hash().equals(entry.hash())) {
                        lastAgreeing = checkpoint;
                        verified++;
                    } else {
                        firstDisagreeing = checkpoint;
                    }
                }
                previous = entry.hash();
                lastSeq = entry.seq();
                expectedSeq = entry.seq() + 1;
                entityManager.detach(entry);
            }
        }
        AuditChainHead head = heads.head();
        if (chainProblem == null && (head.lastSeq() != lastSeq || !head.lastHash().equals(previous))) {
            brokenAt = head.lastSeq();
            chainProblem = "entries after " + lastSeq + " were removed";
        }
        if (chainProblem != null) {
            problems.add(0, "Entry " + brokenAt + ": " + chainProblem + ".");
        }
        if (firstDisagreeing != null) {
            long from = lastAgreeing == null ? 1 : lastAgreeing.seq() + 1;
            brokenAt = brokenAt == null ? from : brokenAt;
            problems.add("Checkpoint " + firstDisagreeing.n() + " (signed " + firstDisagreeing.at() + ") disagrees with the"
                    + " database: entry " + firstDisagreeing.seq() + " no longer has the hash that was signed. The entries"
                    + " were rewritten from somewhere in " + from + "–" + firstDisagreeing.seq()
                    + (lastAgreeing == null ? "" : " (checkpoint " + lastAgreeing.n() + " at entry " + lastAgreeing.seq()
                            + " still agrees)")
                    + " up to the newest, with every later hash recomputed.");
        }
        long present = lastSeq;
        var beyond = bySeq.tailMap(present, false);
        if (!beyond.isEmpty()) {
            Checkpoint furthest = beyond.lastEntry().getValue().get(0);
            brokenAt = brokenAt == null ? present + 1 : brokenAt;
            problems.add("Checkpoint " + furthest.n() + " signed entry " + furthest.seq() + ", but the trail ends at entry "
                    + present + ": entries " + (present + 1) + "–" + furthest.seq() + " (at least) were removed.");
        }
        long signedUpTo = lastAgreeing == null ? 0 : lastAgreeing.seq();
        return new ChainCheck(problems.isEmpty(), lastSeq, problems.isEmpty() ? null : brokenAt,
                problems.isEmpty() ? null : problems.get(0), List.copyOf(problems), verified, signedUpTo, file.notes());
    }

    /**
     * The outcome of {@link #verify()}.
     *
     * @param brokenAt            the first entry found wrong (or the first of the rewritten range), if any
     * @param problem             the first problem, if any
     * @param problems            every problem, each a sentence for the administrator
     * @param checkpointsVerified how many signed checkpoints agree with the entries
     * @param signedUpTo          the entry the last agreeing checkpoint signed (0: none)
     * @param notes               what does not show tampering by itself but deserves a look
     */
    public record ChainCheck(boolean intact, long entriesChecked, Long brokenAt, String problem, List<String> problems,
            int checkpointsVerified, long signedUpTo, List<String> notes) {

        public String summary() {
            String noted = notes.isEmpty() ? "" : " Note: " + String.join(" ", notes);
            if (!intact) {
                return "The audit trail has been tampered with. " + String.join(" ", problems) + noted;
            }
            return intactSummary() + noted;
        }

        private String intactSummary() {
            if (checkpointsVerified == 0) {
                return "The audit trail is intact: " + entriesChecked + " entries checked. None is covered by a signed"
                        + " checkpoint yet, so they are only hash-chained (someone who can write to the database could"
                        + " recompute them).";
            }
            long unsigned = entriesChecked - signedUpTo;
            return "The audit trail is intact: " + entriesChecked + " entries checked, " + checkpointsVerified
                    + " signed checkpoints verified up to entry " + signedUpTo + "."
                    + (unsigned == 0 ? "" : " The " + unsigned + (unsigned == 1 ? " entry" : " entries") + " after it "
                            + (unsigned == 1 ? "is" : "are") + " only hash-chained until the next checkpoint.");
        }
    }
}
