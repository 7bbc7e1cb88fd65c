package app.earmark.sheets;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts of the PDFs: DejaVu Sans and DejaVu Sans Bold, shipped inside Earmark's jar (with their licence,
 * {@code fonts/LICENSE-DejaVu.txt}) rather than read from the system, so that a PDF looks the same wherever Earmark
 * runs and prints every character people type (names, notes and feedback in any European script, arrows, ticks),
 * which the PDF standard fonts, limited to Latin-1, cannot. Only the glyphs used are embedded (subsetting), so a
 * sheet stays small.
 */
final class PdfFonts {

    static final String FAMILY = "DejaVu Sans";
    private static final byte[] REGULAR = load("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = load("fonts/DejaVuSans-Bold.ttf");

    private PdfFonts() {
    }

    static void register(PdfRendererBuilder builder) {
        builder.useFont(() -> stream(REGULAR), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> stream(BOLD), FAMILY, 700, FontStyle.NORMAL, true);
    }

    private static InputStream stream(byte[] font) {
        return new ByteArrayInputStream(font);
    }

    private static byte[] load(String name) {
        try (InputStream in = PdfFonts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The font " + name + " is missing from Earmark's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
