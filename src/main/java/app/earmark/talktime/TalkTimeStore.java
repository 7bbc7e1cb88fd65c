package app.earmark.talktime;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The talk-time tables (see V20, V33), read and written with plain SQL. */
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

    private static final String ROW_COLUMNS = "recording_id, discussion_id, status, message, frame_ms, duration_ms,"
            + " analysed_at";

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), TalkAnalysis.Status.valueOf(rs.getString(3)), rs.getString(4),
                (Integer) rs.getObject(5, Integer.class), (Long) rs.getObject(6, Long.class),
                rs.getObject(7, java.time.OffsetDateTime.class).toInstant());
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

    void replaceSegments(long trackId, List<Segment> segments) {
        jdbc.update("delete from talk_segment where track_id = ?", trackId);
        List<Object[]> rows = new ArrayList<>();
        for (Segment s : segments) {
            rows.add(new Object[] {trackId, s.startMs(), s.endMs()});
        }
        jdbc.batchUpdate("insert into talk_segment (track_id, start_ms, end_ms) values (?, ?, ?)", rows);
    }

    /** One recording's analysis with its tracks and their segments, as read in bulk by {@link #analysesOf}. */
    record Loaded(Row row, List<Track> tracks, java.util.Map<Long, List<Segment>> segmentsByTrack) {
    }

    /**
     * The analyses of these recordings with their tracks and segments, in three queries per 500 recordings (not three
     * or more per recording), keyed by recording.
     */
    java.util.Map<Long, Loaded> analysesOf(java.util.Collection<Long> recordingIds) {
        java.util.Map<Long, Loaded> loaded = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new java.util.TreeSet<>(recordingIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            Object[] args = chunk.toArray();
            java.util.Map<Long, Row> rows = new java.util.HashMap<>();
            jdbc.query("select " + ROW_COLUMNS + " from talk_analysis where recording_id in (" + in + ")",
                    rs -> {
                        rows.put(rs.getLong(1), row(rs));
                    }, args);
            java.util.Map<Long, List<Track>> tracks = new java.util.HashMap<>();
            jdbc.query("select recording_id, id, channel, party from talk_track where recording_id in (" + in + ")"
                    + " order by recording_id, channel", rs -> {
                        tracks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Track(rs.getLong(2),
                                (Integer) rs.getObject(3, Integer.class), Party.valueOf(rs.getString(4))));
                    }, args);
            java.util.Map<Long, java.util.Map<Long, List<Segment>>> segments = new java.util.HashMap<>();
            jdbc.query("select t.recording_id, s.track_id, s.start_ms, s.end_ms from talk_segment s join talk_track t"
                    + " on t.id = s.track_id where t.recording_id in (" + in + ") order by s.track_id, s.start_ms",
                    rs -> {
                        segments.computeIfAbsent(rs.getLong(1), k -> new java.util.HashMap<>())
                                .computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                                .add(new Segment(rs.getLong(3), rs.getLong(4)));
                    }, args);
            rows.forEach((id, row) -> loaded.put(id, new Loaded(row, tracks.getOrDefault(id, List.of()),
                    segments.getOrDefault(id, java.util.Map.of()))));
        }
        return loaded;
    }

    /**
     * The channel of the assessor's track of an analysed recording (one with figures, whose tracks are its channels),
     * reading nothing else; empty otherwise.
     */
    Optional<Integer> assessorChannel(long recordingId) {
        return jdbc.query("select t.channel from talk_analysis a join talk_track t on t.recording_id = a.recording_id"
                + " where a.recording_id = ? and a.status = ? and t.party = ? and t.channel is not null",
                (rs, i) -> rs.getInt(1), recordingId, TalkAnalysis.Status.ANALYSED.name(), Party.ASSESSOR.name())
                .stream().findFirst();
    }

    /** Recordings of these discussions with an analysis. */
    List<Long> analysedRecordings(long discussionId) {
        return jdbc.queryForList("select recording_id from talk_analysis where discussion_id = ? order by recording_id",
                Long.class, discussionId);
    }

    /** The recording made for a request to combine two recordings, if it was made. */
    Optional<Long> combinedFor(String requestId) {
        return jdbc.queryForList("select recording_id from talk_combined where request_id = ?", Long.class, requestId)
                .stream().findFirst();
    }

    /**
     * Records the recording made for a request, in the transaction that took it: a second run of the same request
     * fails here (the key) and its recording is not taken.
     */
    void combined(String requestId, long discussionId, long recordingId, OffsetDateTime at) {
        jdbc.update("insert into talk_combined (request_id, discussion_id, recording_id, combined_at)"
                + " values (?, ?, ?, ?)", requestId, discussionId, recordingId, at);
    }
}
