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

    /** Keeps a part's capture clock; a part reported again (a retry) replaces its earlier report. */
    void savePartClock(long recordingId, int seq, long captureStartMs, long captureEndMs, long serverStartMs,
            Instant receivedAt) {
        jdbc.update("delete from room_part_clock where recording_id = ? and seq = ?", recordingId, seq);
        jdbc.update("insert into room_part_clock (recording_id, seq, capture_start_ms, capture_end_ms,"
                + " server_start_ms, received_at) values (?, ?, ?, ?, ?, ?)", recordingId, seq, captureStartMs,
                captureEndMs, serverStartMs, receivedAt.atOffset(ZoneOffset.UTC));
    }
}
