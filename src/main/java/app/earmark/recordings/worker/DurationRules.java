package app.earmark.recordings.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The duration limit, and the difference between a declared and a decoded duration that means a cut or damaged file.
 */
final class DurationRules {

    /** Decoding may come up this much short of the declared duration (encoder delay, a shorter last track). */
    private static final long SHORTFALL_MICROS = 2_000_000;
    private static final double SHORTFALL_FRACTION = 0.01;

    private DurationRules() {
    }

    /** Refuses a duration above the limit; an unknown (negative) duration passes. */
    static void checkLimit(long micros, Duration maxDuration) throws IngestFailure {
        if (micros > maxDuration.toNanos() / 1000) {
            throw new IngestFailure(FailureCode.TOO_LONG, "The recording is " + Durations.format(micros)
                    + " long; recordings may be at most " + Durations.format(maxDuration.toNanos() / 1000)
                    + ". Split it, or ask an administrator to raise the limit.");
        }
    }

    /** Refuses decoding that still goes on past the limit, when the file did not declare its duration. */
    static void checkRunning(long micros, Duration maxDuration) throws IngestFailure {
        long limit = maxDuration.toNanos() / 1000;
        if (micros > limit + SHORTFALL_MICROS) {
            throw new IngestFailure(FailureCode.TOO_LONG, "The recording is longer than "
                    + Durations.format(limit) + " (it was still going at " + Durations.format(micros)
                    + "); recordings may be at most " + Durations.format(limit) + ".");
        }
    }

    /** A span of the recording, in microseconds from its start. */
    record Span(long fromMicros, long toMicros) {
    }

    /**
     * Refuses a file whose sound stops well before the duration it declares, saying what was found: a file that ends
     * before the size its container declares was cut off; one that is complete has damaged data (where it could not be
     * decoded, when that is known).
     *
     * @param damaged where decoding skipped ahead (from the peaks pass); empty when unknown
     * @param endMicros where the decoded sound ends; used with {@code damaged}
     */
    static void checkComplete(ProbedMedia media, long reachedMicros, Path file, List<Span> damaged, long endMicros)
            throws IngestFailure {
        long declared = media.declaredAudioMicros();
        if (declared <= 0) {
            return;
        }
        long allowed = Math.max(SHORTFALL_MICROS, (long) (declared * SHORTFALL_FRACTION));
        if (declared - reachedMicros <= allowed) {
            return;
        }
        ContainerSize.Verdict verdict = ContainerSize.of(file);
        if (verdict == ContainerSize.Verdict.CUT_OFF) {
            throw new IngestFailure(FailureCode.TRUNCATED, "The file is incomplete: the recording stops at "
                    + Durations.format(reachedMicros) + " of " + Durations.format(declared) + ", and the file ends"
                    + " before the size its container declares. The upload or copy was cut off; upload the complete"
                    + " file again.");
        }
        List<Span> spans = new ArrayList<>(damaged);
        if (!damaged.isEmpty() || endMicros > 0) {
            if (declared - endMicros > SHORTFALL_MICROS) {
                spans.add(new Span(endMicros, declared));
            }
        }
        if (verdict == ContainerSize.Verdict.UNKNOWN) {
            throw new IngestFailure(FailureCode.DAMAGED, "The recording's sound stops at "
                    + Durations.format(reachedMicros) + " of the " + Durations.format(declared) + " its header"
                    + " declares: the file is damaged or incomplete (its format does not say how long the file should"
                    + " be, so Earmark cannot tell which). Upload the complete original again.");
        }
        String where = spans.isEmpty() ? "damaged data" : "damaged data " + describe(spans, declared);
        throw new IngestFailure(FailureCode.DAMAGED, "The recording has " + where + ": only "
                + Durations.format(reachedMicros) + " of its " + Durations.format(declared) + " of sound could be"
                + " decoded. The file is complete (it has the full length its container declares), so it was damaged"
                + " before it was uploaded, not cut off: export or copy the recording again from where it was made.");
    }

    /** "from 0:02 to 0:05 and from 0:08 onwards". */
    private static String describe(List<Span> spans, long declared) {
        List<String> parts = new ArrayList<>();
        for (Span span : spans) {
            parts.add(span.toMicros() >= declared ? "from " + Durations.format(span.fromMicros()) + " onwards"
                    : "from " + Durations.format(span.fromMicros()) + " to " + Durations.format(span.toMicros()));
        }
        return String.join(" and ", parts);
    }
}
