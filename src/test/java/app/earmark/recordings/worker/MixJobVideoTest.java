package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.worker.DecodedPictures.Picture;
import app.earmark.recordings.worker.DecodedPictures.Seen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mix job with pictures, in this process: tracks made by Debian's ffmpeg as the room's browsers record them (VP8
 * and Opus in WebM with a camera, Opus alone without), mixed by {@link MixJob#mix}, and read back by Debian's ffmpeg.
 * The assessor (left) has no camera; the learner (right) joins 2 s in with a 4:3 camera that turns from red to blue
 * 3 s into the track, leaves at 8 s and rejoins at 9.5 s with a 16:9 green picture until the end (12 s).
 */
class MixJobVideoTest {

    private static final double FRAME = 1.0 / SideBySide.FRAME_RATE;
    private static final int RATE = DecodedSound.RATE;

    @TempDir
    static Path dir;

    static Path assessor;
    static Path learnerFirst;
    static Path learnerSecond;

    @BeforeAll
    static void tracks() throws Exception {
        assessor = track("assessor", 12, 1000, null, 1.0, 5.0, 9.0);
        // 4:3, red, blue from 3 s on.
        learnerFirst = track("learner-1", 6, 2000,
                "color=c=0xC82828:s=480x360:r=15:d=6,drawbox=c=0x2838C8:t=fill:enable='gte(t\\,3)'", 1.0);
        // 16:9, green.
        learnerSecond = track("learner-2", 2.5, 2000, "color=c=0x28B428:s=640x360:r=15:d=2.5", 1.0);
    }

    enum Shown { PANEL, RED, BLUE, GREEN, OTHER }

    @Test
    void thePicturesAreSideBySideOnTheSoundsTimelineAndTheSoundIsAsWithoutThem() throws Exception {
        MixJob.Spec spec = new MixJob.Spec(12_000, List.of(
                new MixJob.Track(assessor.toString(), 0, 0, false, 12_000),
                new MixJob.Track(learnerFirst.toString(), 1, 2000, true, 6000),
                new MixJob.Track(learnerSecond.toString(), 1, 9500, true, 2500)),
                List.of("Sam Assessor (assessor)", "Lee Learner (learner)"));
        Path output = dir.resolve("combined.mp4");
        long samples = MixJob.mix(spec, output);
        assertThat(samples).isEqualTo(12L * RATE);
        assertThat(dir.resolve("combined.mp4.partial.mp4")).doesNotExist();

        // H.264 at the fixed size and frame rate, with the stereo sound.
        List<Map<String, String>> streams = DecodedPictures.streams(output);
        assertThat(streams).anySatisfy(s -> assertThat(s).containsEntry("codec_type", "video")
                .containsEntry("codec_name", "h264").containsEntry("width", "1280").containsEntry("height", "360")
                .containsEntry("r_frame_rate", "15/1"));
        assertThat(streams).anySatisfy(s -> assertThat(s).containsEntry("codec_type", "audio")
                .containsEntry("codec_name", "aac").containsEntry("channels", "2"));

        List<Seen<Look>> frames = DecodedPictures.read(output, SideBySide.WIDTH, SideBySide.HEIGHT,
                MixJobVideoTest::look);
        assertThat(frames).hasSize(12 * SideBySide.FRAME_RATE);
        assertThat(frames.get(0).seconds()).isCloseTo(0.0, within(0.001));

        // The learner's half: the panel, then the first picture from 2 s, blue from 2 + 3 s, the panel again from 8 s
        // (the track's end) and the rejoined picture from 9.5 s; each within two frames of the script.
        List<Seen<Shown>> runs = new ArrayList<>();
        for (Seen<Look> frame : frames) {
            if (runs.isEmpty() || runs.get(runs.size() - 1).what() != frame.what().learner()) {
                runs.add(new Seen<>(frame.seconds(), frame.what().learner()));
            }
        }
        System.out.println("The learner's half: " + runs);
        assertThat(runs).extracting(Seen::what).containsExactly(Shown.PANEL, Shown.RED, Shown.BLUE, Shown.PANEL,
                Shown.GREEN);
        double[] script = {0, 2.0, 5.0, 8.0, 9.5};
        for (int i = 0; i < script.length; i++) {
            assertThat(runs.get(i).seconds()).as("change %d", i).isCloseTo(script[i], within(2 * FRAME + 0.001));
        }
        // The 4:3 picture is fitted into its half keeping its shape (bars beside it); the 16:9 one fills it.
        for (Seen<Look> frame : frames) {
            switch (frame.what().learner()) {
                case RED, BLUE -> assertThat(frame.what().learnerBeside()).as("at %s", frame.seconds())
                        .isEqualTo(Shown.PANEL);
                case GREEN -> assertThat(frame.what().learnerBeside()).as("at %s", frame.seconds())
                        .isEqualTo(Shown.GREEN);
                default -> {
                }
            }
            // The assessor has no camera: the panel, with their label, all through.
            assertThat(frame.what().assessor()).as("at %s", frame.seconds()).isEqualTo(Shown.PANEL);
            assertThat(frame.what().assessorLabel()).as("at %s", frame.seconds()).isGreaterThan(120);
        }
        // The learner's panel has their label.
        assertThat(frames.get(0).what().learnerLabel()).isGreaterThan(120);

        // The sound is the sound-only mix of the same tracks, sample for sample.
        MixJob.Spec soundOnly = new MixJob.Spec(12_000, spec.tracks().stream()
                .map(t -> new MixJob.Track(t.input(), t.channel(), t.offsetMs())).toList());
        Path m4a = dir.resolve("combined.m4a");
        MixJob.mix(soundOnly, m4a);
        assertThat(DecodedPictures.streams(m4a)).extracting(s -> s.get("codec_type")).containsExactly("audio");
        short[][] withPictures = DecodedSound.stereo(output);
        short[][] without = DecodedSound.stereo(m4a);
        assertThat(withPictures[0]).isEqualTo(without[0]);
        assertThat(withPictures[1]).isEqualTo(without[1]);
        // And it is where the script puts it.
        assertThat(DecodedSound.onsets(withPictures[0])).hasSize(3).satisfies(o -> {
            assertThat(o.get(0)).isCloseTo(1000L, within(20L));
            assertThat(o.get(1)).isCloseTo(5000L, within(20L));
            assertThat(o.get(2)).isCloseTo(9000L, within(20L));
        });
        assertThat(DecodedSound.onsets(withPictures[1])).hasSize(2).satisfies(o -> {
            assertThat(o.get(0)).isCloseTo(3000L, within(20L));
            assertThat(o.get(1)).isCloseTo(10_500L, within(20L));
        });
    }

    @Test
    void aTrackSaidToHaveVideoWithoutAPictureShowsThePanel() throws Exception {
        // The recording said it had video, but the file has sound only: the mix still has its picture, the panels.
        MixJob.Spec spec = new MixJob.Spec(3000, List.of(new MixJob.Track(assessor.toString(), 0, 0, true, 12_000)),
                List.of("Sam Assessor (assessor)"));
        Path output = dir.resolve("panels.mp4");
        MixJob.mix(spec, output);
        List<Seen<Look>> frames = DecodedPictures.read(output, SideBySide.WIDTH, SideBySide.HEIGHT,
                MixJobVideoTest::look);
        assertThat(frames).hasSize(3 * SideBySide.FRAME_RATE).allSatisfy(frame -> {
            assertThat(frame.what().assessor()).isEqualTo(Shown.PANEL);
            assertThat(frame.what().assessorLabel()).isGreaterThan(120);
            assertThat(frame.what().learner()).isEqualTo(Shown.PANEL);
            // No learner at all: their panel has no label.
            assertThat(frame.what().learnerLabel()).isLessThan(60);
        });
        assertThat(DecodedSound.onsets(DecodedSound.stereo(output)[0])).hasSize(1).first()
                .satisfies(o -> assertThat(o).isCloseTo(1000L, within(20L)));
    }

    @Test
    void thePanelsPlaceAndLabelAreFixed() {
        assertThat(SideBySide.fitted(480, 360)).containsExactly(80, 0, 480, 360);
        assertThat(SideBySide.fitted(1280, 720)).containsExactly(0, 0, 640, 360);
        // A portrait phone picture: narrow, full height, centred.
        assertThat(SideBySide.fitted(360, 640)).containsExactly(219, 0, 202, 360);
        byte[] panel = SideBySide.panel("Lee Learner (learner)");
        byte[] blank = SideBySide.panel(null);
        assertThat(panel).hasSize(SideBySide.HALF * SideBySide.HEIGHT * 3).isNotEqualTo(blank);
        assertThat(blank[0] & 0xFF).isEqualTo(SideBySide.BACKGROUND & 0xFF);
    }

    /** What a frame shows: each half's colour in a corner and beside a 4:3 picture, and its label's brightness. */
    record Look(Shown assessor, int assessorLabel, Shown learner, Shown learnerBeside, int learnerLabel) {
    }

    private static Look look(Picture picture) {
        int half = SideBySide.HALF;
        return new Look(shown(picture.colour(half / 2, 60, 4)),
                picture.brightest(80, 160, half - 80, 200),
                shown(picture.colour(half + half / 2, 60, 4)),
                shown(picture.colour(half + 40, 60, 4)),
                picture.brightest(half + 80, 160, 2 * half - 80, 200));
    }

    private static Shown shown(int[] rgb) {
        int background = SideBySide.BACKGROUND & 0xFF;
        if (Math.abs(rgb[0] - background) <= 12 && Math.abs(rgb[1] - background) <= 12
                && Math.abs(rgb[2] - background) <= 12) {
            return Shown.PANEL;
        }
        if (rgb[0] > 150 && rgb[1] < 90 && rgb[2] < 90) {
            return Shown.RED;
        }
        if (rgb[2] > 150 && rgb[0] < 90 && rgb[1] < 110) {
            return Shown.BLUE;
        }
        if (rgb[1] > 130 && rgb[0] < 90 && rgb[2] < 90) {
            return Shown.GREEN;
        }
        return Shown.OTHER;
    }

    /**
     * A track as a party's browser records it: Opus in WebM with a 30 ms tone burst (a click) at each given second,
     * and with {@code picture} (an ffmpeg source) as VP8 video when given.
     */
    static Path track(String name, double seconds, int hz, String picture, double... clicks) throws Exception {
        return BrowserTracks.webm(dir.resolve(name + ".webm"), seconds, hz, 0.8, 0.03, picture, clicks);
    }
}
