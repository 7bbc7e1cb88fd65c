package app.earmark.recordings.worker;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A JPEG of the picture one second in (the first picture of a shorter video), at most 640 pixels wide, turned
 * upright as players show it.
 */
final class PosterFrame {

    static final String FILE_NAME = "poster.jpg";
    private static final int MAX_WIDTH = 640;
    private static final long AT_MICROS = 1_000_000;

    private PosterFrame() {
    }

    /** Writes the poster and returns its file name, or {@code null} when no picture could be decoded. */
    static String write(Path input, ProbedMedia media, Path outputDir) throws IngestFailure {
        Probe.VideoStream video = media.probe().video();
        FfmpegLog.clear();
        try (FFmpegFrameGrabber grabber = InputFile.grabber(input, media);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            if (video.width() > MAX_WIDTH) {
                grabber.setImageWidth(MAX_WIDTH);
                grabber.setImageHeight(Math.max(2, (int) Math.round((double) video.height() * MAX_WIDTH
                        / video.width())));
            }
            grabber.start();
            Frame first = null;
            try {
                // Decodes forward rather than seeking: streamed WebM has no index to seek with.
                Frame frame;
                Frame chosen = null;
                while (chosen == null && (frame = grabber.grabImage()) != null) {
                    if (first == null) {
                        first = frame.clone();
                    } else if (frame.timestamp - first.timestamp >= AT_MICROS) {
                        chosen = frame;
                    }
                }
                if (chosen == null) {
                    chosen = first;
                }
                if (chosen == null) {
                    System.err.println("No picture decoded for the poster");
                    return null;
                }
                BufferedImage image = upright(converter.convert(chosen), grabber.getDisplayRotation());
                if (!ImageIO.write(image, "jpg", outputDir.resolve(FILE_NAME).toFile())) {
                    throw new IllegalStateException("This Java runtime has no JPEG writer");
                }
                return FILE_NAME;
            } finally {
                if (first != null) {
                    first.close();
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new IngestFailure(FailureCode.DECODE_ERROR, "FFmpeg could not decode a picture of the video: "
                    + FfmpegLog.lastError(JavacvMessages.strip(e.getMessage())) + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns the image by the video's display rotation (a quarter turn for most phone videos). */
    private static BufferedImage upright(BufferedImage image, double rotation) {
        int quarterTurns = Math.floorMod((int) Math.round(-rotation / 90), 4);
        if (quarterTurns == 0) {
            return image;
        }
        boolean sideways = quarterTurns % 2 == 1;
        int width = sideways ? image.getHeight() : image.getWidth();
        int height = sideways ? image.getWidth() : image.getHeight();
        BufferedImage turned = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        AffineTransform transform = new AffineTransform();
        transform.translate(width / 2.0, height / 2.0);
        transform.quadrantRotate(quarterTurns);
        transform.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        Graphics2D graphics = turned.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return turned;
    }
}
