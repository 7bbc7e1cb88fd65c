package app.earmark.support;

import app.earmark.base.AuditableEvent;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the audit trail straight from the database, for assertions. */
@Component
public class AuditTrail {

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long lastSeq() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
    }

    /** Entries written after {@code seq}, oldest first, as maps of column to value. */
    public List<Map<String, Object>> since(long seq) {
        return jdbc.queryForList("select seq, actor, action, subject, details from audit_entry where seq > ? order by seq",
                seq);
    }

    /**
     * Entries written after {@code seq} by a person, oldest first: what a test did. Earmark's own background work
     * (actor {@code system}: an ingest finishing, a periodic job) is left out, as other tests sharing the application
     * context and its trail may add such entries at any moment.
     */
    public List<Map<String, Object>> byPeopleSince(long seq) {
        return jdbc.queryForList("select seq, actor, action, subject, details from audit_entry where seq > ?"
                + " and actor <> ? order by seq", seq, AuditableEvent.SYSTEM);
    }

    public long userId(String username) {
        return jdbc.queryForObject("select id from app_user where username = ?", Long.class, username);
    }
}
