package app.earmark.audit;

import app.earmark.base.AuditableEvent;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
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

    AuditLog(AuditRepository entries, AuditChainHeads heads, EntityManager entityManager, Clock clock,
            PlatformTransactionManager transactions) {
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
        AuditChainHead head = heads.lockHead();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var entry = new AuditEntry(head.lastSeq() + 1, now, clip(event.actor(), 100), clip(event.action(), 60),
                clip(event.subject(), 300), clip(event.details(), 8000), head.lastHash());
        entityManager.persist(entry);
        head.advance(entry);
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

    /** Walks the whole chain and reports the first entry that does not match its hash or its predecessor. */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        long expectedSeq = 1;
        String previous = AuditChainHead.GENESIS;
        try (var all = entries.streamInOrder()) {
            for (AuditEntry entry : (Iterable<AuditEntry>) all::iterator) {
                if (entry.seq() != expectedSeq) {
                    return ChainCheck.broken(expectedSeq - 1, entry.seq(), "entry " + expectedSeq + " is missing");
                }
                if (!entry.previousHash().equals(previous)) {
                    return ChainCheck.broken(expectedSeq - 1, entry.seq(), "does not follow the entry before it");
                }
                if (!entry.hash().equals(entry.computeHash())) {
                    return ChainCheck.broken(expectedSeq - 1, entry.seq(), "its content was changed after it was written");
                }
                previous = entry.hash();
                entityManager.detach(entry);
                expectedSeq++;
            }
        }
        AuditChainHead head = heads.head();
        if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(previous)) {
            return ChainCheck.broken(expectedSeq - 1, head.lastSeq(), "entries after " + (expectedSeq - 1) + " were removed");
        }
        return ChainCheck.intact(expectedSeq - 1);
    }

    /** The outcome of {@link #verify()}. */
    public record ChainCheck(boolean intact, long entriesChecked, Long brokenAt, String problem) {

        static ChainCheck intact(long checked) {
            return new ChainCheck(true, checked, null, null);
        }

        static ChainCheck broken(long checked, long at, String problem) {
            return new ChainCheck(false, checked, at, "Entry " + at + ": " + problem);
        }

        public String summary() {
            return intact ? "The audit trail is intact: " + entriesChecked + " entries checked."
                    : "The audit trail has been tampered with. " + problem + ".";
        }
    }
}
