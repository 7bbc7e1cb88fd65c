package app.earmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.AuditableEvent;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@EarmarkSpringTest
class AuditLogTest {

    record Decided(String subject, boolean independentOfTransaction) implements AuditableEvent {
        public String actor() {
            return "tester";
        }

        public String action() {
            return "test-decision";
        }

        public String details() {
            return "Decided " + subject;
        }
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManager entityManager;

    @Test
    void aPublishedEventIsAppendedAndChainedToTheEntryBeforeIt() {
        long before = trail.lastSeq();
        events.publishEvent(new Decided("chained", false));
        var entries = trail.byPeopleSince(before);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("tester");
            assertThat(e.get("subject")).isEqualTo("chained");
        });
        long seq = ((Number) entries.get(0).get("seq")).longValue();
        String previousHash = jdbc.queryForObject("select previous_hash from audit_entry where seq = ?", String.class,
                seq);
        String hashBefore = seq == 1 ? AuditChainHead.GENESIS
                : jdbc.queryForObject("select hash from audit_entry where seq = ?", String.class, seq - 1);
        assertThat(previousHash).isEqualTo(hashBefore);
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void anEventOfARolledBackChangeLeavesNoEntry() {
        long before = trail.lastSeq();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new Decided("rolled-back", false));
            status.setRollbackOnly();
        });
        assertThat(trail.byPeopleSince(before)).isEmpty();
    }

    @Test
    void entriesAppendedAfterAFlushInTheSameTransactionFollowOneAnother() {
        long before = trail.lastSeq();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new Decided("first", false));
            entityManager.flush(); // as a listener's query or saveAndFlush does between two audited changes
            events.publishEvent(new Decided("second", false));
            events.publishEvent(new Decided("third", false));
        });
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("subject")).containsExactly("first", "second", "third");
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void anIndependentEventSurvivesTheRollbackOfItsTransaction() {
        long before = trail.lastSeq();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new Decided("refused-inside", true));
            status.setRollbackOnly();
        });
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("subject")).containsExactly("refused-inside");
    }

    @Test
    void editingOrRemovingAnEntryIsDetected() {
        events.publishEvent(new Decided("to-tamper-with", false));
        long seq = trail.lastSeq();
        String original = jdbc.queryForObject("select details from audit_entry where seq = ?", String.class, seq);
        try {
            jdbc.update("update audit_entry set details = 'nothing happened' where seq = ?", seq);
            var check = auditLog.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.brokenAt()).isEqualTo(seq);
            assertThat(check.summary()).contains("changed after it was written");
        } finally {
            jdbc.update("update audit_entry set details = ? where seq = ?", original, seq);
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void removingTheNewestEntryIsDetected() {
        events.publishEvent(new Decided("to-remove", false));
        long seq = trail.lastSeq();
        var row = jdbc.queryForMap("select * from audit_entry where seq = ?", seq);
        try {
            jdbc.update("delete from audit_entry where seq = ?", seq);
            assertThat(auditLog.verify().summary()).contains("were removed");
        } finally {
            jdbc.update("insert into audit_entry (seq, occurred_at, actor, action, subject, details, previous_hash, hash)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)", row.get("seq"), row.get("occurred_at"), row.get("actor"),
                    row.get("action"), row.get("subject"), row.get("details"), row.get("previous_hash"), row.get("hash"));
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }
}
