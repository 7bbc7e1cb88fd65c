package app.earmark.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The room's tables (see V22), read and written with plain SQL. */
@Repository
class RoomStore {

    private final JdbcTemplate jdbc;

    RoomStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record SessionRow(long id, long discussionId, String openedBy, Instant openedAt, String notice, Instant endedAt) {
    }

    record TrackRow(long recordingId, long sessionId, RoomRole party, String username, long clockOffsetMs) {
    }

    private static SessionRow session(ResultSet rs, int i) throws SQLException {
        OffsetDateTime ended = rs.getObject(6, OffsetDateTime.class);
        return new SessionRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                ended == null ? null : ended.toInstant());
    }

    /** The discussion's newest session that has not ended. */
    Optional<SessionRow> openSession(long discussionId) {
        return jdbc.query("select id, discussion_id, opened_by, opened_at, notice, ended_at from room_session"
                + " where discussion_id = ? and ended_at is null order by id desc", RoomStore::session, discussionId)
                .stream().findFirst();
    }

    List<SessionRow> openSessions() {
        return jdbc.query("select id, discussion_id, opened_by, opened_at, notice, ended_at from room_session"
                + " where ended_at is null order by id", RoomStore::session);
    }

    long insertSession(long discussionId, String openedBy, Instant at, String notice) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into room_session (discussion_id, opened_by,"
                    + " opened_at, notice) values (?, ?, ?, ?)", new String[] {"id"});
            statement.setLong(1, discussionId);
            statement.setString(2, openedBy);
            statement.setObject(3, at.atOffset(ZoneOffset.UTC));
            statement.setString(4, notice);
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    /** The open sessions of these discussions had a party present at {@code at}. */
    void present(java.util.Collection<Long> discussionIds, Instant at) {
        for (long discussionId : discussionIds) {
            jdbc.update("update room_session set last_present_at = ? where discussion_id = ? and ended_at is null",
                    at.atOffset(ZoneOffset.UTC), discussionId);
        }
    }

    /**
     * The open sessions with no party present since {@code cutoff}: last present before it, or never present and
     * opened before it.
     */
    List<SessionRow> emptySince(Instant cutoff) {
        return jdbc.query("select id, discussion_id, opened_by, opened_at, notice, ended_at from room_session"
                + " where ended_at is null and coalesce(last_present_at, opened_at) < ? order by id",
                RoomStore::session, cutoff.atOffset(ZoneOffset.UTC));
    }

    /** Ends the session; false if it had already ended. */
    boolean endSession(long sessionId, String by, Instant at) {
        return jdbc.update("update room_session set ended_by = ?, ended_at = ? where id = ? and ended_at is null", by,
                at.atOffset(ZoneOffset.UTC), sessionId) == 1;
    }

    Set<RoomRole> consents(long sessionId) {
        Set<RoomRole> parties = EnumSet.noneOf(RoomRole.class);
        jdbc.query("select party from room_consent where session_id = ?",
                rs -> {
                    parties.add(RoomRole.valueOf(rs.getString(1)));
                }, sessionId);
        return parties;
    }

    /** Records a party's consent; false if that party had already agreed in this session. */
    boolean insertConsent(long sessionId, RoomRole party, String username, Instant at) {
        if (consents(sessionId).contains(party)) {
            return false;
        }
        jdbc.update("insert into room_consent (session_id, party, username, consented_at) values (?, ?, ?, ?)",
                sessionId, party.name(), username, at.atOffset(ZoneOffset.UTC));
        return true;
    }

    void insertTrack(long recordingId, long sessionId, RoomRole party, String username, Instant at, long offsetMs,
            long rttMs) {
        jdbc.update("insert into room_track (recording_id, session_id, party, username, started_at, clock_offset_ms,"
                + " clock_rtt_ms) values (?, ?, ?, ?, ?, ?, ?)", recordingId, sessionId, party.name(), username,
                at.atOffset(ZoneOffset.UTC), offsetMs, rttMs);
    }

    /**
     * Whether the session has no track yet, asked holding the session's row lock until the caller's transaction ends:
     * two parties starting at once are answered one after the other, the second after the first's track is committed.
     */
    boolean noTrackYet(long sessionId) {
        jdbc.queryForObject("select id from room_session where id = ? for update", Long.class, sessionId);
        return jdbc.queryForObject("select count(*) from room_track where session_id = ?", Long.class,
                sessionId) == 0;
    }

    /** Whether the recording is a party's track in a room. */
    boolean isTrack(long recordingId) {
        return jdbc.queryForObject("select count(*) from room_track where recording_id = ?", Long.class,
                recordingId) > 0;
    }

    Optional<TrackRow> track(long recordingId) {
        return jdbc.query("select recording_id, session_id, party, username, clock_offset_ms from room_track"
                + " where recording_id = ?", (rs, i) -> new TrackRow(rs.getLong(1), rs.getLong(2),
                        RoomRole.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5)), recordingId)
                .stream().findFirst();
    }

    List<TrackRow> tracks(long sessionId) {
        return jdbc.query("select recording_id, session_id, party, username, clock_offset_ms from room_track"
                + " where session_id = ? order by recording_id", (rs, i) -> new TrackRow(rs.getLong(1), rs.getLong(2),
                        RoomRole.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5)), sessionId);
    }

    /** A session, ended or not. */
    Optional<SessionRow> session(long sessionId) {
        return jdbc.query("select id, discussion_id, opened_by, opened_at, notice, ended_at from room_session"
                + " where id = ?", RoomStore::session, sessionId).stream().findFirst();
    }

    /**
     * Where a track starts on the server's clock (epoch ms): its first part's capture start converted with the
     * track's offset; the earliest part reported if the first was not; when it was started if no part was reported.
     */
    long trackStartOnServer(long recordingId) {
        Long seqZero = jdbc.query("select server_start_ms from room_part_clock where recording_id = ? and seq = 0",
                (rs, i) -> rs.getLong(1), recordingId).stream().findFirst().orElse(null);
        if (seqZero != null) {
            return seqZero;
        }
        Long earliest = jdbc.queryForObject("select min(server_start_ms) from room_part_clock where recording_id = ?",
                Long.class, recordingId);
        if (earliest != null) {
            return earliest;
        }
        return jdbc.queryForObject("select started_at from room_track where recording_id = ?",
                OffsetDateTime.class, recordingId).toInstant().toEpochMilli();
    }

    /** A session's combined recording, if it was made. */
    record CombinedRow(long sessionId, long recordingId, long timelineStartMs, long durationMs, String note) {
    }

    Optional<CombinedRow> combined(long sessionId) {
        return jdbc.query("select session_id, recording_id, timeline_start_ms, duration_ms, note from room_combined"
                + " where session_id = ?", (rs, i) -> new CombinedRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getString(5)), sessionId).stream().findFirst();
    }

    /** A span of the combined recording in which only {@code party}'s side was recorded. */
    record SingleSided(long startMs, long endMs, RoomRole party) {
    }

    void insertCombined(CombinedRow row, List<SingleSided> spans, Instant at) {
        jdbc.update("insert into room_combined (session_id, recording_id, timeline_start_ms, duration_ms, note,"
                + " combined_at) values (?, ?, ?, ?, ?, ?)", row.sessionId(), row.recordingId(),
                row.timelineStartMs(), row.durationMs(), row.note(), at.atOffset(ZoneOffset.UTC));
        for (SingleSided span : spans) {
            jdbc.update("insert into room_single_sided (session_id, start_ms, end_ms, party) values (?, ?, ?, ?)",
                    row.sessionId(), span.startMs(), span.endMs(), span.party().name());
        }
    }

    List<SingleSided> singleSided(long sessionId) {
        return jdbc.query("select start_ms, end_ms, party from room_single_sided where session_id = ? order by"
                + " start_ms", (rs, i) -> new SingleSided(rs.getLong(1), rs.getLong(2),
                        RoomRole.valueOf(rs.getString(3))), sessionId);
    }

    /** Keeps a part's capture clock; a part reported again (a retry) replaces its earlier report. */
    void savePartClock(long recordingId, int seq, long captureStartMs, long captureEndMs, long serverStartMs,
            Instant receivedAt) {
        jdbc.update("delete from room_part_clock where recording_id = ? and seq = ?", recordingId, seq);
        jdbc.update("insert into room_part_clock (recording_id, seq, capture_start_ms, capture_end_ms,"
                + " server_start_ms, received_at) values (?, ?, ?, ?, ?, ?)", recordingId, seq, captureStartMs,
                captureEndMs, serverStartMs, receivedAt.atOffset(ZoneOffset.UTC));
    }
}
