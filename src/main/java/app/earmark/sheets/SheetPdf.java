package app.earmark.sheets;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Renders a sheet's XHTML ({@link SheetHtml}) as an A4 PDF with openhtmltopdf (on PDFBox). Links become link
 * annotations. Nothing is fetched while rendering: the only resources allowed are {@code data:} URIs (the QR codes);
 * the fonts come from the jar ({@link PdfFonts}).
 */
final class SheetPdf {

    private SheetPdf() {
    }

    static byte[] render(String xhtml) {
        PdfLogging.install();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withProducer("Earmark");
        builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        try (PDDocument document = new PDDocument()) {
            builder.usePDDocument(document);
            PdfFonts.register(builder, document);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("The PDF could not be rendered", e);
        }
        return out.toByteArray();
    }
}
