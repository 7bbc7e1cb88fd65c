package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.support.EarmarkSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start-up warm-up renders what a signature renders (a whole signed sheet with its AC map and QR code, over
 * several pages), and PDFs rendered at the same time, sharing the parsed fonts, each come out whole.
 */
@EarmarkSpringTest
class PdfWarmUpTest {

    @Autowired
    PdfWarmUp warmUp;

    @Test
    void warmUpRendersAWholeSignedSheetWithItsAcMapAndQrCode() throws Exception {
        SheetView sheet = warmUp.sampleSheet().orElseThrow();
        List<String> acs = sheet.unit().definition().criteria().map(AssessmentCriterion::number).toList();
        assertThat(acs).hasSizeGreaterThanOrEqualTo(10);
        assertThat(sheet.signed()).isTrue();
        String xhtml = PdfWarmUp.xhtml(sheet);
        assertThat(xhtml).contains("data:image/png;base64,");

        try (PDDocument pdf = Loader.loadPDF(SheetPdf.render(xhtml))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(acs).contains("Warm-up Learner");
            assertThat(images(pdf)).isPositive();
        }
    }

    @Test
    void pdfsRenderedAtTheSameTimeShareTheFontsAndComeOutWhole() throws Exception {
        String xhtml = PdfWarmUp.xhtml(warmUp.sampleSheet().orElseThrow());
        String expected = text(SheetPdf.render(xhtml));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> renders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                renders.add(threads.submit((Callable<byte[]>) () -> SheetPdf.render(xhtml)));
            }
            for (Future<byte[]> render : renders) {
                byte[] pdf = render.get();
                assertThat(text(pdf)).isEqualTo(expected);
                assertThat(subsetFonts(pdf)).allMatch(name -> name.matches("[A-Z]{6}\\+DejaVuSans(-Bold)?"))
                        .anyMatch(name -> name.endsWith("+DejaVuSans"))
                        .anyMatch(name -> name.endsWith("+DejaVuSans-Bold"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The names of the fonts on the PDF's pages. */
    private static List<String> subsetFonts(byte[] pdf) throws Exception {
        List<String> names = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (!names.contains(font.getName())) {
                        names.add(font.getName());
                    }
                }
            }
        }
        return names;
    }

    private static int images(PDDocument pdf) throws Exception {
        int images = 0;
        for (PDPage page : pdf.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().isImageXObject(name)) {
                    images++;
                }
            }
        }
        return images;
    }
}
