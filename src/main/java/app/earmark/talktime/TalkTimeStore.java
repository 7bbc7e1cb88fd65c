package app.earmark.talktime;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The talk-time tables (see V20), read and written with plain SQL. */
@Repository
class TalkTimeStore {

    private final JdbcTemplate jdbc;

    TalkTimeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long recordingId, long discussionId, TalkAnalysis.Status status, String message, Integer frameMs,
            Long durationMs, Instant analysedAt) {
    }

    record Track(long id, Integer channel, Party party) {
    }

    Optional<Row> analysis(long recordingId) {
        return jdbc.query("select recording_id, discussion_id, status, message, frame_ms, duration_ms, analysed_at"
                + " from talk_analysis where recording_id = ?", (rs, i) -> new Row(rs.getLong(1), rs.getLong(2),
                        TalkAnalysis.Status.valueOf(rs.getString(3)), rs.getString(4),
                        (Integer) rs.getObject(5, Integer.class), (Long) rs.getObject(6, Long.class),
                        rs.getObject(7, java.time.OffsetDateTime.class).toInstant()), recordingId)
                .stream().findFirst();
    }

    void saveAnalysis(Row row) {
        jdbc.update("delete from talk_analysis where recording_id = ?", row.recordingId());
        jdbc.update("insert into talk_analysis (recording_id, discussion_id, status, message, frame_ms, duration_ms,"
                + " analysed_at) values (?, ?, ?, ?, ?, ?, ?)", row.recordingId(), row.discussionId(),
                row.status().name(), row.message(), row.frameMs(), row.durationMs(),
                row.analysedAt().atOffset(ZoneOffset.UTC));
    }

    List<Track> tracks(long recordingId) {
        return jdbc.query("select id, channel, party from talk_track where recording_id = ? order by channel",
                (rs, i) -> new Track(rs.getLong(1), (Integer) rs.getObject(2, Integer.class),
                        Party.valueOf(rs.getString(3))), recordingId);
    }

    long insertTrack(long recordingId, Integer channel, Party party) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into talk_track (recording_id, channel, party) values (?, ?, ?)",
                    new String[] {"id"});
            ps.setLong(1, recordingId);
            ps.setObject(2, channel);
            ps.setString(3, party.name());
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    void assign(long trackId, Party party, String by, Instant at) {
        jdbc.update("update talk_track set party = ?, assigned_by = ?, assigned_at = ? where id = ?", party.name(), by,
                Timestamp.from(at), trackId);
    }

    List<Segment> segments(long trackId) {
        return jdbc.query("select start_ms, end_ms from talk_segment where track_id = ? order by start_ms",
                (rs, i) -> new Segment(rs.getLong(1), rs.getLong(2)), trackId);
    }

    void replaceSegments(long trackId, List<Segment> segments) {
        jdbc.update("delete from talk_segment where track_id = ?", trackId);
        List<Object[]> rows = new ArrayList<>();
        for (Segment s : segments) {
            rows.add(new Object[] {trackId, s.startMs(), s.endMs()});
        }
        jdbc.batchUpdate("insert into talk_segment (track_id, start_ms, end_ms) values (?, ?, ?)", rows);
    }

    /** Recordings of these discussions with an analysis. */
    List<Long> analysedRecordings(long discussionId) {
        return jdbc.queryForList("select recording_id from talk_analysis where discussion_id = ? order by recording_id",
                Long.class, discussionId);
    }
}
