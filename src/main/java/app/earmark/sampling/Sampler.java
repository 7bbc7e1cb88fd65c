package app.earmark.sampling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The draw itself, a pure function: the rate an assessment gets from the plan's rules and risk factors, and a roll
 * that depends only on the plan's seed and the sheet id (the first 53 bits of SHA-256("seed:sheetId") as a number
 * from 0 to 100). The assessment is sampled when the roll is below the rate, so the same seed and inputs always give
 * the same sample, and a rate of 100 % always samples.
 */
final class Sampler {

    private Sampler() {
    }

    /**
     * What the draw knew about the assessor and the assessment besides the sheet itself.
     *
     * @param position         this assessment's place among the assessor's assessments, oldest first (1 for the first)
     * @param referrals        how many of the assessor's first {@code position} assessments were referrals
     * @param amendments       how many of them were amendments (version 2 or later)
     * @param disputed         whether the learner disputed the notes of a discussion the sheet rests on
     * @param previousSampled  whether this plan sampled the version this one amends
     */
    record History(int position, int referrals, int amendments, boolean disputed, boolean previousSampled) {
    }

    /** The outcome of one draw, with the reason for people. */
    record Decision(boolean sampled, double rate, double roll, String reason) {
    }

    static Decision decide(long seed, PlanDefinition plan, Assessment a, History h) {
        double rate = 0;
        List<String> because = new ArrayList<>();
        RiskFactors risks = plan.risks();
        // risk factors first: they explain a sample better than a rule does
        if (risks.newAssessorFirst() > 0 && h.position() <= risks.newAssessorFirst()) {
            rate = raise(rate, 100, because, "new assessor, " + h.position() + " of " + risks.newAssessorFirst());
        }
        if (h.previousSampled()) {
            rate = raise(rate, 100, because, "amends a sampled version (version " + (a.versionNumber() - 1) + ")");
        }
        int raised = risks.raisedPercentage();
        if (risks.referralAbove() != null && h.position() > 0) {
            int percent = percent(h.referrals(), h.position());
            if (percent > risks.referralAbove()) {
                rate = raise(rate, raised, because, "assessor's referral rate " + percent + " % is above "
                        + risks.referralAbove() + " %");
            }
        }
        if (risks.amendmentAbove() != null && h.position() > 0) {
            int percent = percent(h.amendments(), h.position());
            if (percent > risks.amendmentAbove()) {
                rate = raise(rate, raised, because, "assessor's amendment rate " + percent + " % is above "
                        + risks.amendmentAbove() + " %");
            }
        }
        if (risks.disputes() && h.disputed()) {
            rate = raise(rate, raised, because, "learner's dispute");
        }
        if (risks.untimedAcs() && !a.untimed().isEmpty()) {
            rate = raise(rate, raised, because, a.untimed().size() + (a.untimed().size() == 1 ? " AC" : " ACs")
                    + " without a time counter (" + String.join(", ", a.untimed()) + ")");
        }
        for (int i = 0; i < plan.rules().size(); i++) {
            SamplingRule rule = plan.rules().get(i);
            if (matches(rule, a)) {
                rate = raise(rate, rule.percentage(), because, "rule " + (i + 1) + " (" + rule.percentage() + " %)");
            }
        }
        double roll = roll(seed, a.sheetId());
        boolean sampled = roll < rate;
        String drawn = rate >= 100 || rate <= 0 ? "" : ", drawn " + twoDecimals(roll) + " against " + number(rate) + " %";
        String reason = sampled ? "sampled because: " + String.join("; ", because) + drawn
                : because.isEmpty() ? "not sampled: no rule covers it"
                : "not sampled: " + String.join("; ", because) + drawn;
        return new Decision(sampled, rate, roll, reason);
    }

    static boolean matches(SamplingRule rule, Assessment a) {
        return (rule.assessorId() == null || rule.assessorId() == a.assessorId())
                && (rule.qualificationCode() == null || a.qualifications().contains(rule.qualificationCode()))
                && (rule.unitCode() == null || rule.unitCode().equalsIgnoreCase(a.unitCode()))
                && (rule.method() == null || a.methods().contains(rule.method()))
                && (rule.stage() == null || rule.stage() == a.stage());
    }

    /** A number from 0 (inclusive) to 100 (exclusive) that depends only on the seed and the sheet id. */
    static double roll(long seed, long sheetId) {
        byte[] digest = SHA_256.get().digest((seed + ":" + sheetId).getBytes(StandardCharsets.US_ASCII));
        long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;
        return bits * 0x1.0p-53 * 100;
    }

    /** One digest per thread (looking the algorithm up for each of 10,000 rolls costs more than the hashing). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static double raise(double rate, double to, List<String> because, String why) {
        if (to > rate) {
            because.clear();
            because.add(why);
            return to;
        }
        if (to == rate) {
            because.add(why);
        }
        return rate;
    }

    private static int percent(int part, int whole) {
        return (int) Math.round(part * 100.0 / whole);
    }

    /** "12.34" (what {@code %.2f} gives, without the cost of a formatter on every draw). */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        long fraction = hundredths % 100;
        return hundredths / 100 + "." + (fraction < 10 ? "0" : "") + fraction;
    }

    private static String number(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }
}
