package app.earmark.sheets;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.people.CentreInfo;
import app.earmark.people.PersonRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Renders a signed result sheet's PDF through the path a signature takes ({@link SheetHtml} with its AC map and QR
 * code, then {@link SheetPdf}) on a background thread as Earmark starts, several times, so that the first signature
 * after start-up pays neither for loading openhtmltopdf, PDFBox, the fonts, ZXing and ImageIO nor for running their
 * code interpreted before the JIT has compiled it (seconds on a small server; a signature renders the sheet's PDF
 * before it commits). The sheet is made up in memory (the catalogue's unit with the most ACs, every AC marked with
 * feedback and time counters): nothing is stored. Nothing waits for it: a signature made before it finishes renders
 * as it would without it. Off with {@code earmark.sheets.warm-up-pdf=false}.
 */
@Component
class PdfWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(PdfWarmUp.class);
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    /** Renders of the made-up sheet: the first loads the classes, the others let the JIT compile the hot code. */
    static final int RENDERS = 8;
    private final SheetsProperties properties;
    private final Catalogue catalogue;

    PdfWarmUp(SheetsProperties properties, Catalogue catalogue) {
        this.properties = properties;
        this.catalogue = catalogue;
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
            String xhtml = sampleSheet().map(PdfWarmUp::xhtml).orElseGet(PdfWarmUp::sample);
            for (int i = 0; i < RENDERS; i++) {
                SheetPdf.render(xhtml);
            }
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

    /** A signed sheet of the catalogue's unit with the most ACs, every AC marked, with feedback and time counters. */
    Optional<SheetView> sampleSheet() {
        Optional<Unit> largest = catalogue.qualifications().stream().map(Qualification::units).flatMap(List::stream)
                .max(Comparator.comparingLong(u -> u.definition().criteria().count()));
        return largest.map(PdfWarmUp::sampleSheet);
    }

    static SheetView sampleSheet(Unit unit) {
        Map<Long, SheetContent.AcEntry> entries = new HashMap<>();
        Map<Long, List<TimeCounterRef>> counters = new HashMap<>();
        long tag = 0;
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            long id = unit.criterionIds().get(ac.number());
            entries.put(id, new SheetContent.AcEntry(AcResult.PASS, ac.marks(), "The learner evidences "
                    + ac.number() + " clearly, with specific and reflective examples – ¼ Łódź → ✓.",
                    "Portfolio section " + ac.number()));
            List<TimeCounterRef> refs = new ArrayList<>();
            for (int i = 0; i < 3; i++, tag++) {
                refs.add(new TimeCounterRef(1, 1, tag, 5_000 + tag * 60_000, i == 0 ? 35_000 + tag * 60_000 : null,
                        "Evidence for the criterion, in the learner's words (" + tag + ")"));
            }
            counters.put(id, refs);
        }
        boolean useMarks = unit.definition().criteria().allMatch(ac -> ac.marks() != null);
        SheetContent content = new SheetContent(entries, Map.of(1, "Well evidenced"), Map.of());
        Evaluation evaluation = SheetRules.evaluate(unit, content, useMarks, counters.keySet());
        Instant at = Instant.parse("2026-01-01T12:00:00Z");
        return new SheetView(0, 0, 1, null, SheetStatus.SIGNED, useMarks, new CentreInfo(0, "00000", "Warm-up"),
                new PersonRef(0, "warm-up", "Warm-up Learner"), "WU000000", unit, content, evaluation, counters,
                evaluation.outcome(), "Warm-up Assessor", at, "0".repeat(64), "warm-up", at);
    }

    /** The sheet's XHTML as a signature writes it, with its AC map and the map's QR code. */
    static String xhtml(SheetView sheet) {
        String base = "http://localhost";
        List<SheetHtml.MapSection> sections = AcMaps.ofSheet(sheet).stream().map(map -> {
            String url = base + "/discussions/" + map.discussionId();
            return new SheetHtml.MapSection(map, null, url, QrCodes.pngDataUri(url));
        }).toList();
        return SheetHtml.write(new SheetHtml.Input(sheet, sections, SheetSignOffs.of(sheet,
                SheetDeclarations.none(sheet.id())), path -> base + path, Instant.now()));
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
