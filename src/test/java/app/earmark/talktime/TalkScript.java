package app.earmark.talktime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A known script of who speaks when, made into a two-channel recording: the assessor on the left, the learner on the
 * right. "Speech" is noise shaped like syllables (its level rises and falls four times a second) at about -20 dBFS;
 * each channel also carries a steady background hiss (-65 dBFS) and the other party's speech 20 dB down (the bleed
 * of a meeting export, where each microphone hears the other person faintly). Written as a WAV file and encoded by
 * the ffmpeg command into AAC in M4A, as a meeting export would be.
 */
final class TalkScript {

    static final int RATE = 48_000;

    /** The discussion the figures are checked against (times in ms). */
    static final List<Segment> ASSESSOR = List.of(seg(1_000, 4_000), seg(12_800, 14_000), seg(15_000, 16_500),
            seg(23_500, 26_000), seg(30_800, 32_000));
    static final List<Segment> LEARNER = List.of(seg(5_200, 12_000), seg(18_000, 25_000), seg(26_600, 30_000),
            seg(34_000, 40_000));
    static final long DURATION_MS = 41_000;

    /** What the script says, worked out by hand (see the class comment of TalkFiguresTest). */
    static final double ASSESSOR_SHARE = 100.0 * 9_400 / (9_400 + 23_200);
    static final List<Long> ANSWER_PAUSES = List.of(1_200L, 1_500L, 600L, 2_000L);
    static final long LONGEST_MONOLOGUE = 3_700;
    static final int RUN_ON_TURNS = 1;
    static final int INTERRUPTIONS = 1;

    private TalkScript() {
    }

    /** The recording's talk-time analysis as the assessor sees it, once there is one (at most 30 s). */
    static TalkAnalysis awaitAnalysis(app.earmark.support.SignedIn signedIn, TalkTime talkTime, long recordingId)
            throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofSeconds(30));
        while (java.time.Instant.now().isBefore(deadline)) {
            java.util.Optional<TalkAnalysis> analysis = signedIn.as("assessor",
                    () -> talkTime.forRecording(recordingId));
            if (analysis.isPresent()) {
                return analysis.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No talk-time analysis of recording " + recordingId + " within 30 s");
    }

    static Segment seg(long start, long end) {
        return new Segment(start, end);
    }

    /** Stores the script as the analysis of a recording: assessor on the left channel, learner on the right. */
    static void analysed(TalkTimeStore store, long discussion, long recording) {
        long left = store.insertTrack(recording, 0, Party.ASSESSOR);
        long right = store.insertTrack(recording, 1, Party.LEARNER);
        store.replaceSegments(left, ASSESSOR);
        store.replaceSegments(right, LEARNER);
        store.saveAnalysis(new TalkTimeStore.Row(recording, discussion, TalkAnalysis.Status.ANALYSED, null, 10,
                DURATION_MS, java.time.Instant.now()));
    }

    /** The script as a two-channel M4A (AAC), assessor left. */
    static Path stereoM4a(Path dir) throws IOException, InterruptedException {
        Path wav = dir.resolve("script.wav");
        writeWav(wav, ASSESSOR, LEARNER, DURATION_MS, 0.1);
        return ffmpeg(wav, dir.resolve("script-stereo.m4a"));
    }

    /** The same discussion mixed down to one channel. */
    static Path monoM4a(Path dir) throws IOException, InterruptedException {
        Path wav = dir.resolve("script.wav");
        writeWav(wav, ASSESSOR, LEARNER, DURATION_MS, 0.1);
        return ffmpeg(wav, dir.resolve("script-mono.m4a"), "-ac", "1");
    }

    /** The discussion mixed down and saved as stereo: both channels carry the same sound. */
    static Path monoAsStereoM4a(Path dir) throws IOException, InterruptedException {
        Path wav = dir.resolve("script.wav");
        writeWav(wav, ASSESSOR, LEARNER, DURATION_MS, 0.1);
        return ffmpeg(wav, dir.resolve("script-mono-as-stereo.m4a"), "-af",
                "pan=stereo|c0=0.5*c0+0.5*c1|c1=0.5*c0+0.5*c1");
    }

    static Path ffmpeg(Path input, Path output, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
                input.toString()));
        command.addAll(List.of(extra));
        command.addAll(List.of("-c:a", "aac", "-b:a", "128k", output.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
        return output;
    }

    /**
     * Writes a 16-bit stereo WAV of the script.
     *
     * @param bleed the amplitude of each party's speech on the other party's channel (0.1 = -20 dB)
     */
    static void writeWav(Path file, List<Segment> left, List<Segment> right, long durationMs, double bleed)
            throws IOException {
        int frames = (int) (durationMs * RATE / 1000);
        float[] speechLeft = speech(left, frames, new Random(1));
        float[] speechRight = speech(right, frames, new Random(2));
        Random hiss = new Random(3);
        double hissAmplitude = Math.pow(10, -65 / 20.0) * Math.sqrt(3);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            int dataBytes = frames * 4;
            header.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes()).put("fmt ".getBytes())
                    .putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4)
                    .putShort((short) 4).putShort((short) 16).put("data".getBytes()).putInt(dataBytes);
            out.write(header.array());
            ByteBuffer sample = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                double l = speechLeft[i] + bleed * speechRight[i] + hissAmplitude * (2 * hiss.nextDouble() - 1);
                double r = speechRight[i] + bleed * speechLeft[i] + hissAmplitude * (2 * hiss.nextDouble() - 1);
                sample.clear();
                sample.putShort(pcm(l)).putShort(pcm(r));
                out.write(sample.array());
            }
        }
    }

    private static short pcm(double value) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
    }

    /** Syllable-shaped noise in the segments, silence elsewhere. */
    private static float[] speech(List<Segment> segments, int frames, Random random) {
        float[] out = new float[frames];
        // Uniform noise of this amplitude has an RMS of -20 dBFS at the envelope's peak.
        double amplitude = Math.pow(10, -20 / 20.0) * Math.sqrt(3);
        for (Segment s : segments) {
            int from = (int) (s.startMs() * RATE / 1000);
            int to = (int) Math.min(frames, s.endMs() * RATE / 1000);
            for (int i = from; i < to; i++) {
                double t = (i - from) / (double) RATE;
                double envelope = 1 - 0.6 * (0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t));
                out[i] = (float) (amplitude * envelope * (2 * random.nextDouble() - 1));
            }
        }
        return out;
    }

}
