package app.earmark.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The retention tables (see V21), read and written with plain SQL. */
@Repository
class RetentionStore {

    private final JdbcTemplate jdbc;

    RetentionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The centre's setting row, made with the default period if it is missing. */
    void ensureSetting(long centreId, int defaultMonths) {
        try {
            jdbc.update("insert into retention_setting (centre_id, default_months) select ?, ? where not exists"
                    + " (select 1 from retention_setting where centre_id = ?)", centreId, defaultMonths, centreId);
        } catch (DuplicateKeyException raced) {
            // another transaction made it meanwhile
        }
    }

    /**
     * Locks the centre's setting row until the transaction ends: holds being placed and recordings being claimed for
     * deletion take this lock, so that one never slips past the other.
     */
    int lockCentre(long centreId) {
        return jdbc.queryForObject("select default_months from retention_setting where centre_id = ? for update",
                Integer.class, centreId);
    }

    int defaultMonths(long centreId) {
        return jdbc.query("select default_months from retention_setting where centre_id = ?",
                (rs, i) -> rs.getInt(1), centreId).stream().findFirst().orElse(Retention.DEFAULT_MONTHS);
    }

    void setDefaultMonths(long centreId, int months, String by, Instant at) {
        jdbc.update("update retention_setting set default_months = ?, changed_by = ?, changed_at = ? where centre_id = ?",
                months, by, ts(at), centreId);
    }

    Map<String, Integer> qualificationMonths(long centreId) {
        return jdbc.query("select qualification_code, months from retention_policy where centre_id = ?",
                (rs, i) -> Map.entry(rs.getString(1), rs.getInt(2)), centreId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void setQualificationMonths(long centreId, String code, Integer months, String by, Instant at) {
        jdbc.update("delete from retention_policy where centre_id = ? and qualification_code = ?", centreId, code);
        if (months != null) {
            jdbc.update("insert into retention_policy (centre_id, qualification_code, months, changed_by, changed_at)"
                    + " values (?, ?, ?, ?, ?)", centreId, code, months, by, ts(at));
        }
    }

    record ClosureRow(long learnerId, String qualificationCode, ClosureOutcome outcome, LocalDate on,
            String recordedBy, Instant recordedAt) {
    }

    List<ClosureRow> closures(Collection<Long> learnerIds) {
        if (learnerIds.isEmpty()) {
            return List.of();
        }
        String in = learnerIds.stream().map(id -> "?").collect(Collectors.joining(","));
        return jdbc.query("select learner_id, qualification_code, outcome, closed_on, recorded_by, recorded_at"
                + " from retention_closure where learner_id in (" + in + ") order by learner_id, qualification_code",
                RetentionStore::closure, learnerIds.toArray());
    }

    Optional<ClosureRow> closure(long learnerId, String code) {
        return jdbc.query("select learner_id, qualification_code, outcome, closed_on, recorded_by, recorded_at"
                + " from retention_closure where learner_id = ? and qualification_code = ?", RetentionStore::closure,
                learnerId, code).stream().findFirst();
    }

    void saveClosure(ClosureRow row) {
        jdbc.update("delete from retention_closure where learner_id = ? and qualification_code = ?", row.learnerId(),
                row.qualificationCode());
        jdbc.update("insert into retention_closure (learner_id, qualification_code, outcome, closed_on, recorded_by,"
                + " recorded_at) values (?, ?, ?, ?, ?, ?)", row.learnerId(), row.qualificationCode(),
                row.outcome().name(), row.on(), row.recordedBy(), ts(row.recordedAt()));
    }

    void deleteClosure(long learnerId, String code) {
        jdbc.update("delete from retention_closure where learner_id = ? and qualification_code = ?", learnerId, code);
    }

    private static ClosureRow closure(ResultSet rs, int i) throws SQLException {
        return new ClosureRow(rs.getLong(1), rs.getString(2), ClosureOutcome.valueOf(rs.getString(3)),
                rs.getObject(4, LocalDate.class), rs.getString(5), instant(rs, 6));
    }

    long insertHold(long centreId, long learnerId, Long discussionId, String reason, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into retention_hold (centre_id, learner_id,"
                    + " discussion_id, reason, placed_by, placed_at) values (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            statement.setLong(1, centreId);
            statement.setLong(2, learnerId);
            statement.setObject(3, discussionId);
            statement.setString(4, reason);
            statement.setString(5, by);
            statement.setTimestamp(6, ts(at));
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    private static final String HOLD_COLUMNS = "select id, learner_id, discussion_id, reason, placed_by, placed_at,"
            + " lifted_by, lifted_at, lift_reason from retention_hold";

    List<Hold> holdsInForce(long centreId) {
        return jdbc.query(HOLD_COLUMNS + " where centre_id = ? and lifted_at is null order by placed_at, id",
                RetentionStore::hold, centreId);
    }

    Optional<Hold> hold(long centreId, long holdId) {
        return jdbc.query(HOLD_COLUMNS + " where centre_id = ? and id = ?", RetentionStore::hold, centreId, holdId)
                .stream().findFirst();
    }

    /** The holds in force on the learner, or on this discussion of theirs. */
    List<Hold> holdsOn(long learnerId, long discussionId) {
        return jdbc.query(HOLD_COLUMNS + " where learner_id = ? and lifted_at is null"
                + " and (discussion_id is null or discussion_id = ?) order by id", RetentionStore::hold, learnerId,
                discussionId);
    }

    void liftHold(long holdId, String by, Instant at, String reason) {
        jdbc.update("update retention_hold set lifted_by = ?, lifted_at = ?, lift_reason = ? where id = ?"
                + " and lifted_at is null", by, ts(at), reason, holdId);
    }

    private static Hold hold(ResultSet rs, int i) throws SQLException {
        return new Hold(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                rs.getString(5), instant(rs, 6), rs.getString(7), instant(rs, 8), rs.getString(9));
    }

    /** A recording claimed for deletion: what will be (or was) deleted and why, written before any file is deleted. */
    record Claim(long recordingId, long centreId, long discussionId, long learnerId, String rule, LocalDate dueOn,
            String originalSha256, String renditionSha256, long bytes, String claimedBy, Instant claimedAt,
            Instant finishedAt) {
    }

    void insertClaim(Claim claim) {
        jdbc.update("insert into retention_deletion (recording_id, centre_id, discussion_id, learner_id, rule_text,"
                + " due_on, original_sha256, rendition_sha256, bytes, claimed_by, claimed_at) values"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claim.recordingId(), claim.centreId(), claim.discussionId(),
                claim.learnerId(), claim.rule(), claim.dueOn(), claim.originalSha256(), claim.renditionSha256(),
                claim.bytes(), claim.claimedBy(), ts(claim.claimedAt()));
    }

    private static final String CLAIM_COLUMNS = "select recording_id, centre_id, discussion_id, learner_id, rule_text,"
            + " due_on, original_sha256, rendition_sha256, bytes, claimed_by, claimed_at, finished_at"
            + " from retention_deletion";

    Optional<Claim> claim(long recordingId) {
        return jdbc.query(CLAIM_COLUMNS + " where recording_id = ?", RetentionStore::claim, recordingId).stream()
                .findFirst();
    }

    List<Long> claimedRecordingIds(long centreId) {
        return jdbc.queryForList("select recording_id from retention_deletion where centre_id = ?", Long.class,
                centreId);
    }

    List<Claim> unfinishedClaims(long centreId) {
        return jdbc.query(CLAIM_COLUMNS + " where centre_id = ? and finished_at is null order by claimed_at,"
                + " recording_id", RetentionStore::claim, centreId);
    }

    List<Claim> finishedClaims(long centreId, int limit) {
        return jdbc.query(CLAIM_COLUMNS + " where centre_id = ? and finished_at is not null order by finished_at desc,"
                + " recording_id desc limit " + Math.max(1, limit), RetentionStore::claim, centreId);
    }

    void finishClaim(long recordingId, Instant at) {
        jdbc.update("update retention_deletion set finished_at = ? where recording_id = ? and finished_at is null",
                ts(at), recordingId);
    }

    private static Claim claim(ResultSet rs, int i) throws SQLException {
        return new Claim(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10),
                instant(rs, 11), instant(rs, 12));
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
