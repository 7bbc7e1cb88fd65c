package app.earmark.talktime;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each party speaks from the levels of their tracks (one party per track, so no diarisation): an energy
 * detector per track with an adaptive noise floor, then cross-track bleed removal, then gap bridging (hangover) and a
 * minimum segment length. See docs/talk-time.md for the reasoning behind each number.
 */
final class VoiceActivity {

    /**
     * The detector's settings.
     *
     * @param marginDb          how far above the track's noise floor a frame must be to count as sound
     * @param absoluteMinDb     no frame quieter than this counts as speech, whatever the floor (dBFS)
     * @param floorRiseDbPerSec how fast the noise floor may rise (it falls at once to a quieter frame)
     * @param bleedDb           when both tracks have sound, the quieter is bleed if it is at least this much quieter…
     * @param bleedWindowFrames …and its level follows the louder's over this many frames either side
     * @param bleedMaxLagFrames the echo delay allowed between the louder track and its bleed
     * @param hangoverMs        gaps shorter than this within one party's speech are bridged
     * @param minSegmentMs      speech shorter than this (after bridging) is dropped: clicks, coughs, knocks
     */
    record Settings(double marginDb, double absoluteMinDb, double floorRiseDbPerSec, double bleedDb,
            int bleedWindowFrames, int bleedMaxLagFrames, int hangoverMs, int minSegmentMs) {

        static final Settings DEFAULT = new Settings(12, -60, 1.0, 12, 15, 5, 300, 150);
    }

    /** Fewer frames than this to compare say nothing about whether one track follows the other. */
    private static final int MIN_BLEED_FRAMES = 8;

    private final Settings settings;

    VoiceActivity(Settings settings) {
        this.settings = settings;
    }

    /**
     * Speech segments of each track.
     *
     * @param levels levels[track][frame] in dBFS, all tracks equally long
     * @return per track, its segments in time order
     */
    List<List<Segment>> detect(float[][] levels, int frameMs) {
        int tracks = levels.length;
        int frames = tracks == 0 ? 0 : levels[0].length;
        boolean[][] active = new boolean[tracks][];
        for (int t = 0; t < tracks; t++) {
            if (levels[t].length != frames) {
                throw new IllegalArgumentException("Tracks of different lengths: " + frames + " and "
                        + levels[t].length + " frames");
            }
            active[t] = aboveFloor(levels[t], frameMs);
        }
        boolean[][] speech = new boolean[tracks][frames];
        for (int t = 0; t < tracks; t++) {
            System.arraycopy(active[t], 0, speech[t], 0, frames);
        }
        for (int a = 0; a < tracks; a++) {
            for (int b = 0; b < tracks; b++) {
                if (a != b) {
                    removeBleed(levels, active, speech, a, b);
                }
            }
        }
        List<List<Segment>> result = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            result.add(segments(speech[t], frameMs));
        }
        return result;
    }

    /** Frames clearly above the track's noise floor, which follows the quietest recent frames. */
    boolean[] aboveFloor(float[] level, int frameMs) {
        boolean[] active = new boolean[level.length];
        if (level.length == 0) {
            return active;
        }
        double rise = settings.floorRiseDbPerSec() * frameMs / 1000.0;
        // Start from the quietest of the first second, so speech at the very start is not taken for the floor.
        double floor = Double.MAX_VALUE;
        for (int f = 0; f < Math.min(level.length, 1000 / frameMs); f++) {
            floor = Math.min(floor, level[f]);
        }
        for (int f = 0; f < level.length; f++) {
            double l = level[f];
            floor = l < floor ? l : floor + rise;
            active[f] = l >= Math.max(floor + settings.marginDb(), settings.absoluteMinDb());
        }
        return active;
    }

    /**
     * Where tracks a and b both have sound and b is much quieter, b is a's sound picked up by b's microphone (or an
     * echo) if b's level rises and falls with a's: b's frame is then silence.
     */
    private void removeBleed(float[][] levels, boolean[][] active, boolean[][] speech, int a, int b) {
        int frames = levels[a].length;
        for (int f = 0; f < frames; f++) {
            if (active[a][f] && active[b][f] && levels[a][f] - levels[b][f] >= settings.bleedDb()
                    && follows(levels[a], levels[b], active[a], active[b], f)) {
                speech[b][f] = false;
            }
        }
    }

    /**
     * Whether the quieter level follows the louder around frame f, over the nearby frames where both have sound and the
     * quieter is much quieter: the difference between them is steady (standard deviation under 3 dB: a fixed path
     * from one microphone to the other), or they are correlated (r at least 0.7), allowing for a short delay.
     */
    private boolean follows(float[] louder, float[] quieter, boolean[] louderActive, boolean[] quieterActive, int f) {
        int w = settings.bleedWindowFrames();
        int from = Math.max(0, f - w);
        int to = Math.min(louder.length - 1, f + w);
        double best = -1;
        for (int lag = 0; lag <= settings.bleedMaxLagFrames(); lag++) {
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sd = 0, sdd = 0;
            for (int i = from; i <= to; i++) {
                int j = i + lag;
                if (j >= quieter.length || !louderActive[i] || !quieterActive[j]
                        || louder[i] - quieter[j] < settings.bleedDb()) {
                    continue;
                }
                double x = louder[i];
                double y = quieter[j];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                sd += x - y;
                sdd += (x - y) * (x - y);
            }
            if (n < MIN_BLEED_FRAMES) {
                continue;
            }
            double varD = sdd / n - (sd / n) * (sd / n);
            if (varD < 9) {
                return true;
            }
            double cov = sxy / n - sx / n * sy / n;
            double vx = sxx / n - sx / n * sx / n;
            double vy = syy / n - sy / n * sy / n;
            if (vx > 0 && vy > 0) {
                best = Math.max(best, cov / Math.sqrt(vx * vy));
            }
        }
        return best >= 0.7;
    }

    /**
     * Whether two tracks carry the same sound: in nine of ten frames with sound (above the absolute minimum) on either,
     * their levels are within 1 dB. A mono recording saved as stereo, or a meeting export that mixed both voices into
     * both channels: one party per channel cannot be assumed.
     */
    boolean sameSound(float[][] levels) {
        if (levels.length != 2) {
            return false;
        }
        long loud = 0;
        long same = 0;
        for (int f = 0; f < levels[0].length; f++) {
            if (Math.max(levels[0][f], levels[1][f]) >= settings.absoluteMinDb()) {
                loud++;
                if (Math.abs(levels[0][f] - levels[1][f]) < 1) {
                    same++;
                }
            }
        }
        return loud > 0 && same >= 0.9 * loud;
    }

    /** Runs of speech frames, with short gaps bridged and short runs dropped. */
    List<Segment> segments(boolean[] speech, int frameMs) {
        List<Segment> runs = new ArrayList<>();
        int start = -1;
        for (int f = 0; f <= speech.length; f++) {
            boolean on = f < speech.length && speech[f];
            if (on && start < 0) {
                start = f;
            } else if (!on && start >= 0) {
                long s = (long) start * frameMs;
                long e = (long) f * frameMs;
                if (!runs.isEmpty() && s - runs.get(runs.size() - 1).endMs() < settings.hangoverMs()) {
                    s = runs.remove(runs.size() - 1).startMs();
                }
                runs.add(new Segment(s, e));
                start = -1;
            }
        }
        runs.removeIf(r -> r.lengthMs() < settings.minSegmentMs());
        return runs;
    }
}
