package app.earmark.discussions.worker;

import java.time.Duration;

/** The duration limit, and the difference between a declared and a decoded duration that means a cut file. */
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

    /** Refuses a file whose sound stops well before the duration it declares. */
    static void checkComplete(ProbedMedia media, long reachedMicros) throws IngestFailure {
        long declared = media.declaredAudioMicros();
        if (declared <= 0) {
            return;
        }
        long allowed = Math.max(SHORTFALL_MICROS, (long) (declared * SHORTFALL_FRACTION));
        if (declared - reachedMicros > allowed) {
            throw new IngestFailure(FailureCode.TRUNCATED, "The file is incomplete: the recording stops at "
                    + Durations.format(reachedMicros) + " of " + Durations.format(declared) + ". The upload or copy"
                    + " was probably cut off; upload the complete file again.");
        }
    }
}
