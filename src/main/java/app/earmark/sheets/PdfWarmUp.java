package app.earmark.sheets;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Renders one small sheet-like PDF (both fonts, a table, a link, a QR code) on a background thread as Earmark starts,
 * so that the first signature after start-up does not pay for loading openhtmltopdf, PDFBox, the fonts, ZXing and
 * ImageIO (seconds on a small server; a signature renders the sheet's PDF before it commits). Nothing waits for it:
 * a signature made before it finishes renders as it would without it. Off with
 * {@code earmark.sheets.warm-up-pdf=false}.
 */
@Component
class PdfWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(PdfWarmUp.class);
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private final SheetsProperties properties;

    PdfWarmUp(SheetsProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.warmUpPdf()) {
            done.complete(0L);
            return;
        }
        Thread thread = new Thread(this::warmUp, "pdf-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            SheetPdf.render(sample());
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("The PDF renderer is ready ({} ms)", millis);
            done.complete(millis);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Warming up the PDF renderer failed; the first sheet PDF will be slower", e);
            done.completeExceptionally(e);
        }
    }

    /** Completes with the warm-up's duration in milliseconds once the renderer is ready (0 when switched off). */
    CompletableFuture<Long> done() {
        return done;
    }

    /** A page using what sheets use: the stylesheet, regular and bold text, a table, a link and a QR code image. */
    static String sample() {
        String url = "http://localhost/discussions/1";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\">"
                + "<head><title>Warm-up</title><style>" + SheetCss.CSS + "</style></head><body>"
                + "<div class=\"footer\"><span class=\"pages\">Page <span class=\"page\"></span> of"
                + " <span class=\"pagecount\"></span></span></div>"
                + "<h1>MARK SHEET – Warm-up ¼ Łódź → ✓</h1><table><tr><th>AC 1.1</th><td><b>Pass</b> 4 / 8"
                + " <a href=\"" + url + "\">0m 01s</a></td></tr></table>"
                + "<img src=\"" + QrCodes.pngDataUri(url) + "\" alt=\"QR code\"/></body></html>";
    }
}
