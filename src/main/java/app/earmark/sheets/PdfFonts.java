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
    private static final byte[] REGULAR = withoutGlyphSubstitution(load("fonts/DejaVuSans.ttf"));
    private static final byte[] BOLD = withoutGlyphSubstitution(load("fonts/DejaVuSans-Bold.ttf"));

    private PdfFonts() {
    }

    static void register(PdfRendererBuilder builder) {
        builder.useFont(() -> stream(REGULAR), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> stream(BOLD), FAMILY, 700, FontStyle.NORMAL, true);
    }

    private static InputStream stream(byte[] font) {
        return new ByteArrayInputStream(font);
    }

    /**
     * The font with its glyph substitution table ({@code GSUB}) hidden, by renaming its tag in the table directory.
     * For DejaVu Sans, PDFBox uses that table only for Latin ligatures, which it works out for every string it writes:
     * about a tenth of a text-heavy sheet's rendering time (see docs/benchmarks.md). The sheets read the same without
     * ligatures; the embedded subsets never contain the table anyway.
     */
    static byte[] withoutGlyphSubstitution(byte[] ttf) {
        byte[] font = ttf.clone();
        int tables = ((font[4] & 0xFF) << 8) | (font[5] & 0xFF);
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i;
            if (font[record] == 'G' && font[record + 1] == 'S' && font[record + 2] == 'U' && font[record + 3] == 'B') {
                font[record] = 'x';
            }
        }
        return font;
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
