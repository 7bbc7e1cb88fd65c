package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * The picture of a mix whose tracks have video: the two parties side by side (channel 0, the assessor, on the left;
 * channel 1, the learner, on the right), each picture scaled to fit its half keeping its aspect ratio, on the mix's
 * timeline at {@link #FRAME_RATE} frames a second. At each moment a party shows its latest frame at or before that
 * moment (frames placed at their track's offset and timed by their own timestamps, counted from the track's first
 * sound, as the sound is placed); where it has no picture (a track without video, before its track starts, between
 * tracks, after its track ends) its half is a dark panel with its label.
 *
 * <p>Streamed: each party holds one decoded frame (the next one to show, in its grabber's own buffer) and its half of
 * one BGR canvas, so memory does not grow with the length. Every grabber is closed by {@link #close()}.
 */
final class SideBySide implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 360;
    static final int HALF = WIDTH / 2;
    static final int FRAME_RATE = 15;
    /** The panel's and the bars' colour (RGB), and the label's. */
    static final int BACKGROUND = 0x262626;
    private static final int LABEL_COLOUR = 0xC8C8C8;
    private static final int STRIDE = WIDTH * 3;

    private final ByteBuffer canvas = ByteBuffer.allocateDirect(STRIDE * HEIGHT);
    private final byte[] backgroundRow = new byte[HALF * 3];
    private final List<Party> parties = new ArrayList<>();
    private long frames;

    /**
     * @param labels the left and the right half's labels (a party's name and role), or null for none
     */
    SideBySide(List<MixJob.Track> tracks, List<String> labels) {
        for (int i = 0; i < HALF; i++) {
            backgroundRow[i * 3] = (byte) BACKGROUND;
            backgroundRow[i * 3 + 1] = (byte) (BACKGROUND >> 8);
            backgroundRow[i * 3 + 2] = (byte) (BACKGROUND >> 16);
        }
        for (int channel = 0; channel < 2; channel++) {
            String label = labels == null || labels.size() <= channel ? null : labels.get(channel);
            Party party = new Party(channel, tracks, panel(label));
            party.showPanel();
            parties.add(party);
        }
    }

    /** Whether a mix of these tracks has a picture: when any of them has video. */
    static boolean wanted(List<MixJob.Track> tracks) {
        return tracks.stream().anyMatch(MixJob.Track::video);
    }

    /** A recorder for the mix: H.264 (OpenH264, as ingest's transcoding) at the fixed size and frame rate. */
    static void configure(FFmpegFrameRecorder recorder) {
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(FRAME_RATE);
        recorder.setGopSize(FRAME_RATE * 2);
        recorder.setVideoBitrate(Transcoder.videoBitrate(WIDTH, HEIGHT, FRAME_RATE));
    }

    /** Records every frame of the timeline that starts before {@code untilMicros}. */
    void recordUntil(long untilMicros, FFmpegFrameRecorder recorder) throws FrameRecorder.Exception {
        while (frames * 1_000_000 / FRAME_RATE < untilMicros) {
            long at = frames * 1_000_000 / FRAME_RATE;
            for (Party party : parties) {
                party.showAt(at);
            }
            recorder.recordImage(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3, STRIDE, AV_PIX_FMT_BGR24, canvas);
            frames++;
        }
    }

    @Override
    public void close() {
        for (Party party : parties) {
            party.close();
        }
    }

    /** A half's panel: the background with the label in the middle (BGR bytes, {@code HALF × HEIGHT}). */
    static byte[] panel(String label) {
        BufferedImage image = new BufferedImage(HALF, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(new Color(BACKGROUND));
            graphics.fillRect(0, 0, HALF, HEIGHT);
            if (label != null && !label.isBlank()) {
                try {
                    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                            RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    graphics.setColor(new Color(LABEL_COLOUR));
                    graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
                    FontMetrics metrics = graphics.getFontMetrics();
                    String text = fit(label, metrics, HALF - 40);
                    graphics.drawString(text, (HALF - metrics.stringWidth(text)) / 2,
                            (HEIGHT - metrics.getHeight()) / 2 + metrics.getAscent());
                } catch (RuntimeException | LinkageError | InternalError e) {
                    // A server without fonts (no fontconfig): the panel goes without its label.
                    System.err.println("The panel's label could not be drawn (" + e + "); it is left out");
                }
            }
        } finally {
            graphics.dispose();
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static String fit(String label, FontMetrics metrics, int width) {
        String text = label;
        while (text.length() > 1 && metrics.stringWidth(text) > width) {
            text = text.substring(0, text.length() - 2) + "…";
        }
        return text;
    }

    /**
     * Where a picture of {@code width × height} goes in a half: scaled to fit keeping its aspect ratio, centred, with
     * even sizes.
     *
     * @return x, y, width, height within the half
     */
    static int[] fitted(int width, int height) {
        double scale = Math.min((double) HALF / width, (double) HEIGHT / height);
        int w = Math.max(2, Math.min(HALF, (int) Math.round(width * scale)) & ~1);
        int h = Math.max(2, Math.min(HEIGHT, (int) Math.round(height * scale)) & ~1);
        return new int[] {(HALF - w) / 2, (HEIGHT - h) / 2, w, h};
    }

    /** One party's half: its tracks in order, the current one's grabber and the frame to show next. */
    private final class Party {
        private final int channel;
        private final List<MixJob.Track> tracks;
        private final byte[] panel;
        private int next;
        private MixJob.Track current;
        private FFmpegFrameGrabber grabber;
        /** The current track's first sound (its grabber's clock, µs): what its offset places. */
        private long origin;
        /** Where the current track's picture ends on the timeline (µs). */
        private long end;
        /** The next frame to show (the grabber's own buffer: valid until the next grab), or null at the end. */
        private Frame pending;
        private long lastShown;
        private boolean showingPanel;
        /** The picture's place in the half changed: the half is cleared before the next picture. */
        private boolean moved;
        /** The source size the grabber scales for, and where the picture goes in the half. */
        private int sourceWidth;
        private int sourceHeight;
        private int[] place;

        Party(int channel, List<MixJob.Track> all, byte[] panel) {
            this.channel = channel;
            this.panel = panel;
            this.tracks = all.stream().filter(t -> t.channel() == channel)
                    .sorted(Comparator.comparingLong(MixJob.Track::offsetMs)).toList();
        }

        private long startOf(MixJob.Track track) {
            return Math.max(0, track.offsetMs()) * 1000;
        }

        /**
         * Brings this half to the moment {@code at}. A picture that cannot be decoded is not a reason to lose the
         * mix (its sound is decoded apart): its side shows the panel until the party's next track.
         */
        void showAt(long at) {
            try {
                pictureAt(at);
            } catch (FrameGrabber.Exception e) {
                System.err.println("The picture of " + current.input() + " could not be decoded at " + at / 1000
                        + " ms on the timeline (" + JavacvMessages.strip(e.getMessage()) + "); its side shows the"
                        + " panel until the party's next track");
                close();
                showPanel();
            }
        }

        private void pictureAt(long at) throws FrameGrabber.Exception {
            MixJob.Track due = null;
            while (next < tracks.size() && startOf(tracks.get(next)) <= at) {
                // The latest track started takes over (a rejoin replaces the dropped track).
                due = tracks.get(next++);
            }
            if (due != null) {
                open(due);
            }
            if (grabber == null) {
                return;
            }
            while (pending != null && placed(pending) <= at) {
                lastShown = placed(pending);
                draw(pending);
                pending = grab();
            }
            if (pending == null && end == Long.MAX_VALUE) {
                // Length unknown: the last picture stays for one frame's time.
                end = lastShown + 1_000_000 / FRAME_RATE;
            }
            if (at >= end) {
                closeGrabber();
                showPanel();
            }
        }

        private long placed(Frame frame) {
            return current.offsetMs() * 1000 + frame.timestamp - origin;
        }

        private void open(MixJob.Track track) throws FrameGrabber.Exception {
            closeGrabber();
            showPanel();
            current = track;
            if (!track.video()) {
                return;
            }
            String input = Path.of(track.input()).toAbsolutePath().toString();
            origin = firstSound(input);
            FFmpegFrameGrabber opened = new FFmpegFrameGrabber(input);
            InputFile.options().forEach(opened::setOption);
            try {
                opened.start();
            } catch (FrameGrabber.Exception e) {
                opened.close();
                throw e;
            }
            grabber = opened;
            if (!opened.hasVideo() || opened.getImageWidth() <= 0 || opened.getImageHeight() <= 0) {
                closeGrabber();
                return;
            }
            scaleFor(opened.getImageWidth(), opened.getImageHeight());
            end = track.durationMs() > 0 ? (track.offsetMs() + track.durationMs()) * 1000 : Long.MAX_VALUE;
            lastShown = startOf(track);
            pending = grab();
            if (pending != null && origin == Long.MIN_VALUE) {
                // No sound: the first picture is the track's start.
                origin = pending.timestamp;
            }
            if (origin == Long.MIN_VALUE) {
                origin = 0;
            }
        }

        private Frame grab() throws FrameGrabber.Exception {
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null && frame.image.length > 0 && frame.image[0] instanceof ByteBuffer) {
                    return frame;
                }
            }
            return null;
        }

        private void scaleFor(int width, int height) {
            sourceWidth = width;
            sourceHeight = height;
            place = fitted(width, height);
            grabber.setImageWidth(place[2]);
            grabber.setImageHeight(place[3]);
        }

        private void draw(Frame frame) {
            if (frame.opaque instanceof AVFrame decoded && decoded.width() > 0 && decoded.height() > 0
                    && (decoded.width() != sourceWidth || decoded.height() != sourceHeight)) {
                // The camera changed its size: this frame was scaled for the old one, so it is skipped and the
                // frames after it are fitted anew.
                scaleFor(decoded.width(), decoded.height());
                moved = true;
                return;
            }
            if (frame.imageWidth != place[2] || frame.imageHeight != place[3] || frame.imageChannels != 3) {
                return;
            }
            if (showingPanel || moved) {
                for (int y = 0; y < HEIGHT; y++) {
                    canvas.put(y * STRIDE + channel * HALF * 3, backgroundRow);
                }
                showingPanel = false;
                moved = false;
            }
            ByteBuffer image = (ByteBuffer) frame.image[0];
            int rowBytes = place[2] * 3;
            for (int y = 0; y < place[3]; y++) {
                canvas.put((place[1] + y) * STRIDE + (channel * HALF + place[0]) * 3, image, y * frame.imageStride,
                        rowBytes);
            }
        }

        void showPanel() {
            if (showingPanel) {
                return;
            }
            for (int y = 0; y < HEIGHT; y++) {
                canvas.put(y * STRIDE + channel * HALF * 3, panel, y * HALF * 3, HALF * 3);
            }
            showingPanel = true;
        }

        private void closeGrabber() throws FrameGrabber.Exception {
            pending = null;
            if (grabber != null) {
                FFmpegFrameGrabber closing = grabber;
                grabber = null;
                closing.close();
            }
        }

        void close() {
            try {
                closeGrabber();
            } catch (FrameGrabber.Exception e) {
                System.err.println("Could not close a track's pictures: " + e.getMessage());
            }
        }
    }

    /**
     * The timestamp (µs, the grabber's clock) of a file's first decoded sound, which the mix puts at the track's
     * offset; {@link Long#MIN_VALUE} when it has no sound.
     */
    private static long firstSound(String input) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input)) {
            InputFile.options().forEach(grabber::setOption);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples != null && frame.samples.length > 0) {
                    return frame.timestamp;
                }
            }
            return Long.MIN_VALUE;
        }
    }
}
