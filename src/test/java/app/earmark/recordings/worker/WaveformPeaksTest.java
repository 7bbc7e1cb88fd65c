package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peaks at four zoom levels, in the audiowaveform binary format waveform-data.js reads. */
class WaveformPeaksTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryLevelInOnePass() throws Exception {
        // Three pixels of the coarsest level: the first full of a tone at half scale, then silence, then a bit.
        int samples = 2 * 16384 + 100;
        float[] signal = new float[samples];
        for (int i = 0; i < 16384; i++) {
            signal[i] = (float) (0.5 * Math.sin(2 * Math.PI * i / 64));
        }
        signal[samples - 1] = -1f;

        List<IngestResult.Peaks> files;
        try (WaveformPeaks peaks = new WaveformPeaks(dir, 8000)) {
            for (int from = 0; from < samples; from += 1000) {
                float[] chunk = new float[Math.min(1000, samples - from)];
                System.arraycopy(signal, from, chunk, 0, chunk.length);
                peaks.accept(chunk, chunk.length);
            }
            files = peaks.finish();
        }

        assertThat(files).extracting(IngestResult.Peaks::samplesPerPixel).containsExactly(256, 1024, 4096, 16384);
        for (IngestResult.Peaks level : files) {
            PeaksFile file = PeaksFile.read(dir.resolve(level.fileName()));
            int expectedLength = (samples + level.samplesPerPixel() - 1) / level.samplesPerPixel();
            assertThat(file).extracting(PeaksFile::version, PeaksFile::flags, PeaksFile::sampleRate,
                    PeaksFile::samplesPerPixel, PeaksFile::length, PeaksFile::channels)
                    .containsExactly(2, 1, 8000, level.samplesPerPixel(), expectedLength, 1);
            assertThat(level.length()).isEqualTo(expectedLength);
            assertThat(level.fileName()).isEqualTo("peaks-" + level.samplesPerPixel() + ".dat");
            assertThat(file.min(0)).isEqualTo(-64);
            assertThat(file.max(0)).isEqualTo(64);
            int silent = 16384 / level.samplesPerPixel();
            assertThat(file.min(silent)).isZero();
            assertThat(file.max(silent)).isZero();
            assertThat(file.min(expectedLength - 1)).isEqualTo(-128);
            assertThat(file.max(expectedLength - 1)).isZero();
        }
    }

    @Test
    void decodedSoundShowsTheToneAndItsGaps() throws Exception {
        int seconds = 6;
        Path out = Files.createDirectory(dir.resolve("out"));
        IngestResult result = Ingest.run(TestMedia.m4aAac(dir, seconds), out).result();

        assertThat(result.decodedDurationMillis()).isCloseTo(seconds * 1000L, within(seconds * 10L));
        for (IngestResult.Peaks level : result.peaks()) {
            PeaksFile file = PeaksFile.read(out.resolve(level.fileName()));
            assertThat(file.version()).isEqualTo(2);
            assertThat(file.flags()).isEqualTo(1);
            assertThat(file.channels()).isEqualTo(1);
            assertThat(file.sampleRate()).isEqualTo(44100).isEqualTo(level.sampleRate());
            assertThat(file.samplesPerPixel()).isEqualTo(level.samplesPerPixel());
            assertThat(file.length()).isEqualTo((int) level.length());
            double expected = result.decodedDurationMillis() / 1000.0 * 44100 / level.samplesPerPixel();
            assertThat((double) file.length()).isBetween(expected - 1, expected + 1);
        }

        PeaksFile fine = PeaksFile.read(out.resolve("peaks-256.dat"));
        double pixelSeconds = 256 / 44100.0;
        // The tone at half scale sounds from 0 to 1.5 s in every 2 s, and is silent for the rest.
        assertThat(fine.max((int) (0.7 / pixelSeconds))).isBetween(58, 70);
        assertThat(fine.min((int) (0.7 / pixelSeconds))).isBetween(-70, -58);
        assertThat(fine.max((int) (1.75 / pixelSeconds))).isBetween(-1, 1);
        assertThat(fine.min((int) (1.75 / pixelSeconds))).isBetween(-1, 1);
        assertThat(fine.max((int) (2.7 / pixelSeconds))).isBetween(58, 70);
    }
}
