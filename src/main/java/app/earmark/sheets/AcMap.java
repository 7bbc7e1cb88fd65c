package app.earmark.sheets;

import app.earmark.base.TimeFormat;
import java.util.List;

/**
 * The AC map of a discussion: every tag of its recordings in time order (recording by recording, then by start),
 * each a time counter with the ACs it evidences and the assessor's note, so that quality assurance can pinpoint the
 * material while listening.
 *
 * @param units      the codes of the units the discussion assesses (for a sheet's map, the sheet's unit)
 * @param recordings the discussion's recordings, in the order they were made or uploaded
 * @param entries    one per tag, in time order
 */
public record AcMap(long discussionId, List<String> units, List<Recording> recordings, List<Entry> entries) {

    public AcMap {
        units = List.copyOf(units);
        recordings = List.copyOf(recordings);
        entries = List.copyOf(entries);
    }

    /** The entries of one recording, in time order. */
    public List<Entry> entries(long recordingId) {
        return entries.stream().filter(e -> e.at().recordingId() == recordingId).toList();
    }

    /**
     * A recording the map refers to.
     *
     * @param fileName       the name it was uploaded under, if known
     * @param durationMillis its length, if known
     */
    public record Recording(long id, String fileName, Long durationMillis) {
    }

    /**
     * One tag: where it is, and what it evidences.
     *
     * @param acs the ACs as people write them: "3.1", or "501/3.1" when the discussion assesses several units
     */
    public record Entry(TimeCounterRef at, List<String> acs) {

        public Entry {
            acs = List.copyOf(acs);
        }

        /** "1m 55s", or "1m 55s–2m 10s" for a span. */
        public String counter() {
            return TimeFormat.counter(at.startMs()) + (at.endMs() == null ? "" : "–" + TimeFormat.counter(at.endMs()));
        }

        public String note() {
            return at.note();
        }

        /** "AC 3.1, 3.2". */
        public String acLabel() {
            return "AC " + String.join(", ", acs);
        }
    }
}
