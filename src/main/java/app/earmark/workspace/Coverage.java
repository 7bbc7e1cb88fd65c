package app.earmark.workspace;

import app.earmark.discussions.AssessedCriterion;
import java.util.List;
import java.util.Optional;

/**
 * For every AC of the units a discussion assesses, the tags that evidence it, as time counters in time
 * order; the ACs without any are "not yet evidenced".
 */
public record Coverage(List<Row> rows) {

    public Coverage {
        rows = List.copyOf(rows);
    }

    public long evidenced() {
        return rows.stream().filter(Row::evidenced).count();
    }

    public List<AssessedCriterion> unevidenced() {
        return rows.stream().filter(r -> !r.evidenced()).map(Row::criterion).toList();
    }

    /** One AC and its time counters. */
    public record Row(AssessedCriterion criterion, List<TimeCounter> counters) {

        public Row {
            counters = List.copyOf(counters);
        }

        public boolean evidenced() {
            return !counters.isEmpty();
        }

        public Optional<TimeCounter> first() {
            return counters.stream().findFirst();
        }
    }

    /** A moment (or span) of a recording where an AC is evidenced. */
    public record TimeCounter(long recordingId, long tagId, long startMs, Long endMs, String note) {
    }
}
