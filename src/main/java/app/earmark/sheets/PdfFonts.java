package app.earmark.sheets;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of the PDFs: DejaVu Sans and DejaVu Sans Bold, shipped inside Earmark's jar (with their licence,
 * {@code fonts/LICENSE-DejaVu.txt}) rather than read from the system, so that a PDF looks the same wherever Earmark
 * runs and prints every character people type (names, notes and feedback in any European script, arrows, ticks),
 * which the PDF standard fonts, limited to Latin-1, cannot. Only the glyphs used are embedded (subsetting), so a
 * sheet stays small. Each font is parsed once, as the class loads, and shared by every PDF (PDFBox reads a parsed
 * font's tables under a lock, as it does for the fonts it shares itself); a PDF loads into its document only the
 * fonts it uses.
 */
final class PdfFonts {

    static final String FAMILY = "DejaVu Sans";
    private static final TrueTypeFont REGULAR = parse(withoutGlyphSubstitution(load("fonts/DejaVuSans.ttf")));
    private static final TrueTypeFont BOLD = parse(withoutGlyphSubstitution(load("fonts/DejaVuSans-Bold.ttf")));

    private PdfFonts() {
    }

    /** Registers both fonts for the PDF being made in {@code document} (which the builder must use). */
    static void register(PdfRendererBuilder builder, PDDocument document) {
        builder.useFont(new Embedded(document, REGULAR), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(new Embedded(document, BOLD), FAMILY, 700, FontStyle.NORMAL, true);
    }

    /** A parsed font, loaded into the document (subset on saving) the first time the PDF uses it. */
    private static final class Embedded extends PDFontSupplier {

        private final PDDocument document;
        private final TrueTypeFont font;
        private PDFont loaded;

        Embedded(PDDocument document, TrueTypeFont font) {
            super(null);
            this.document = document;
            this.font = font;
        }

        @Override
        public PDFont supply() {
            if (loaded == null) {
                try {
                    loaded = PDType0Font.load(document, font, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("A font could not be embedded in the PDF", e);
                }
            }
            return loaded;
        }
    }

    private static TrueTypeFont parse(byte[] ttf) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
