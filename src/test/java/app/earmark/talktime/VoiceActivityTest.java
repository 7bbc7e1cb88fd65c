package app.earmark.talktime;

import static app.earmark.talktime.TalkScript.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detector on levels made by hand (10 ms frames): floor, bleed, overlap, hangover, minimum length. */
class VoiceActivityTest {

    private static final int FRAME = 10;
    private final VoiceActivity detector = new VoiceActivity(VoiceActivity.Settings.DEFAULT);
    private final Random random = new Random(7);

    /** Hiss at -65 dB with a little wobble; speech at -20 dB wobbling like syllables, in the given spans. */
    private float[] track(int frames, List<Segment> speech) {
        float[] levels = new float[frames];
        for (int f = 0; f < frames; f++) {
            levels[f] = (float) (-65 + random.nextGaussian());
        }
        for (Segment s : speech) {
            for (int f = (int) (s.startMs() / FRAME); f < s.endMs() / FRAME; f++) {
                levels[f] = (float) (-20 - 4 * (0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * f * FRAME / 1000.0)));
            }
        }
        return levels;
    }

    /** Adds the other track's speech, {@code db} down, where it is louder than what is there. */
    private static float[] withBleed(float[] own, float[] other, double db) {
        float[] out = Arrays.copyOf(own, own.length);
        for (int f = 0; f < own.length; f++) {
            double mixed = 10 * Math.log10(Math.pow(10, own[f] / 10) + Math.pow(10, (other[f] - db) / 10));
            out[f] = (float) mixed;
        }
        return out;
    }

    @Test
    void findsSpeechAboveTheNoiseFloorToTheFrame() {
        float[] a = track(1_000, List.of(seg(1_000, 3_000), seg(5_000, 7_500)));

        assertThat(detector.detect(new float[][] {a}, FRAME).get(0))
                .containsExactly(seg(1_000, 3_000), seg(5_000, 7_500));
    }

    @Test
    void theQuieterSimultaneousSignalThatFollowsTheLouderIsBleed() {
        float[] a = track(1_000, List.of(seg(1_000, 3_000)));
        float[] b = track(1_000, List.of(seg(5_000, 7_000)));

        var speech = detector.detect(new float[][] {withBleed(a, b, 20), withBleed(b, a, 20)}, FRAME);

        assertThat(speech.get(0)).containsExactly(seg(1_000, 3_000));
        assertThat(speech.get(1)).containsExactly(seg(5_000, 7_000));
    }

    @Test
    void twoPeopleSpeakingAtOnceAreBothKept() {
        float[] a = track(1_000, List.of(seg(1_000, 5_000)));
        float[] b = track(1_000, List.of(seg(4_000, 8_000)));

        var speech = detector.detect(new float[][] {withBleed(a, b, 20), withBleed(b, a, 20)}, FRAME);

        assertThat(speech.get(0)).containsExactly(seg(1_000, 5_000));
        assertThat(speech.get(1)).containsExactly(seg(4_000, 8_000));
    }

    @Test
    void aQuietVoiceOfItsOwnIsNotTakenForBleed() {
        // The learner speaks over the assessor about 20 dB quieter, with a rhythm of their own: not the assessor's echo.
        float[] a = track(1_000, List.of(seg(1_000, 6_000)));
        float[] b = new float[1_000];
        for (int f = 0; f < b.length; f++) {
            b[f] = (float) (-65 + random.nextGaussian());
        }
        for (int f = 300; f < 500; f++) {
            b[f] = (float) (-36 - 10 * random.nextDouble() - 6 * Math.sin(2 * Math.PI * 3 * f * FRAME / 1000.0));
        }

        var speech = detector.detect(new float[][] {a, b}, FRAME);

        assertThat(speech.get(1)).singleElement().satisfies(s -> {
            assertThat(s.startMs()).isCloseTo(3_000, within(150L));
            assertThat(s.endMs()).isCloseTo(5_000, within(150L));
        });
    }

    @Test
    void shortGapsAreBridgedAndShortBurstsDropped() {
        float[] a = track(1_000, List.of(seg(1_000, 2_000), seg(2_200, 3_000), seg(5_000, 5_100),
                seg(6_000, 6_500)));

        assertThat(detector.detect(new float[][] {a}, FRAME).get(0))
                .as("a 200 ms gap is bridged, a 100 ms click dropped")
                .containsExactly(seg(1_000, 3_000), seg(6_000, 6_500));
    }

    @Test
    void theFloorCatchesUpWithLouderBackgroundNoiseAtItsRiseRate() {
        float[] a = track(6_000, List.of(seg(50_000, 52_000)));
        // The background rises by 20 dB after 20 s (a fan switched on) and stays there.
        Random fan = new Random(11);
        for (int f = 2_000; f < a.length; f++) {
            if (f < 5_000 || f >= 5_200) {
                a[f] = (float) (-45 + fan.nextGaussian());
            }
        }

        List<Segment> speech = detector.detect(new float[][] {a}, FRAME).get(0);

        // At 1 dB/s (less where the noise wobbles below it) the floor needs 8–14 s to come within 12 dB of the new background: until then it is "speech".
        assertThat(speech.get(0).startMs()).isEqualTo(20_000);
        assertThat(speech.get(0).endMs()).isBetween(26_000L, 34_000L);
        assertThat(speech).filteredOn(s -> s.endMs() > 35_000).containsExactly(seg(50_000, 52_000));
    }

    @Test
    void twoChannelsWithTheSameSoundAreRecognised() {
        float[] a = track(1_000, List.of(seg(1_000, 3_000), seg(5_000, 7_000)));
        float[] b = track(1_000, List.of(seg(4_000, 6_000)));

        assertThat(detector.sameSound(new float[][] {a, Arrays.copyOf(a, a.length)})).isTrue();
        assertThat(detector.sameSound(new float[][] {withBleed(a, b, 20), withBleed(b, a, 20)})).isFalse();
    }
}
