package app.earmark.bench;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Unit;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetExports;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetPdfParts;
import app.earmark.sheets.SheetView;
import app.earmark.sheets.PublicUrl;
import app.earmark.support.SignedIn;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The PDF of a signed result sheet with 200 annotated time counters: a marked Level 5 unit (8580-502: 13 ACs with
 * their sufficiency descriptors, feedback on every AC) whose discussion has 200 tags (beside the ACs and again in the
 * AC map, each a link), rendered warm through {@link SheetExports#sheetPdf(long)} as the endpoint does, and in its two
 * steps (XHTML, then openhtmltopdf). Writes the "Result sheet PDF" section of the benchmark report.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-sheet-pdf;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-sheet-pdf-store",
        "earmark.data-dir=target/bench-sheet-pdf-data"})
@ActiveProfiles("test")
@DirtiesContext
class SheetPdfBenchmark {

    static final int COUNTERS = 200;
    static final int WARM_UP = 25;
    static final int RUNS = 50;
    static final double TARGET_MS = 500;
    private static final String[] NOTES = {
        "Explains the contract agreed with each of the six clients",
        "Describes how goals were aligned with the organisation's objectives",
        "Gives an example of using GROW with Client 3 – “what would success look like?”",
        "Reflects on supervision feedback & what changed afterwards",
        null,
        "Talks through the log of coaching hours <with dates> and outcomes",
    };

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SheetExports exports;
    @Autowired
    SignedIn signedIn;
    @Autowired
    PublicUrl properties;

    record Measured(List<Double> whole, List<Double> cpu, List<Double> xhtml, List<Double> render, int pages,
            int bytes, int counters, String loadBefore, String loadAfter) {
    }

    @Test
    void pdfOfAUnitSheetWith200TimeCounters() throws IOException {
        Machine machine = Machine.thisOne();
        SheetView signed = signedSheet();
        int counters = signed.counters().values().stream().mapToInt(List::size).sum();
        for (int i = 0; i < WARM_UP; i++) {
            pdf(signed.id());
            SheetPdfParts.render(SheetPdfParts.xhtml(signed, properties));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String loadBefore = Bench.loadAverage();
        List<Double> whole = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> xhtml = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        byte[] last = null;
        for (int i = 0; i < RUNS; i++) {
            long cpuStarted = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            last = pdf(signed.id());
            whole.add((System.nanoTime() - started) / 1e6);
            cpu.add((threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6);
            started = System.nanoTime();
            String html = SheetPdfParts.xhtml(signed, properties);
            long built = System.nanoTime();
            SheetPdfParts.render(html);
            xhtml.add((built - started) / 1e6);
            render.add((System.nanoTime() - built) / 1e6);
        }
        int pages;
        try (PDDocument document = Loader.loadPDF(last)) {
            pages = document.getNumberOfPages();
        }
        Measured measured = new Measured(whole, cpu, xhtml, render, pages, last.length, counters, loadBefore,
                Bench.loadAverage());
        System.out.printf("[bench] sheet PDF: median %.1f ms, p95 %.1f ms, %d pages, %d bytes%n",
                Stats.of(whole).median(), Stats.of(whole).p95(), pages, last.length);
        BenchmarkReport.configured().replaceSection("Result sheet PDF", report(measured), machine);
    }

    /** The 1-, 5- and 15-minute load averages, from /proc/loadavg. */

    private byte[] pdf(long sheetId) {
        return signedIn.as("assessor", () -> exports.sheetPdf(sheetId)).content();
    }

    /** 8580-502 for learner2, full marks and feedback on every AC, signed; its discussion has 200 tags. */
    private SheetView signedSheet() {
        long discussion = fixtures.discussion("learner2", "8580-502");
        long recording = fixtures.hourLongRecording(discussion);
        List<String> acs = fixtures.criteria(discussion).stream().map(c -> c.number()).toList();
        for (int i = 0; i < COUNTERS; i++) {
            long start = 5_000 + i * 17_500L;
            Long end = i % 5 == 0 ? start + 25_000 : null;
            fixtures.tag(discussion, recording, start, end, NOTES[i % NOTES.length], acs.get(i % acs.size()));
        }
        SheetView sheet = fixtures.freshSheet("learner2", "8580-502");
        Unit unit = sheet.unit();
        Map<Long, SheetContent.AcEntry> entries = new HashMap<>();
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            entries.put(unit.criterionIds().get(ac.number()), new SheetContent.AcEntry(null, ac.marks(),
                    ("The learner evidences " + ac.label() + " clearly in the discussion (see the time counters) and in"
                            + " the portfolio; the examples are specific, reflective and linked to the organisation's"
                            + " goals. ").repeat(2), "Portfolio section " + ac.number()));
        }
        SheetView saved = fixtures.save(sheet, true, new SheetContent(entries, Map.of(1, "Well evidenced"),
                Map.of()));
        return fixtures.sign(saved, AcResult.PASS);
    }

    private static String report(Measured m) {
        Stats whole = Stats.of(m.whole());
        Stats cpu = Stats.of(m.cpu());
        Stats xhtml = Stats.of(m.xhtml());
        Stats render = Stats.of(m.render());
        String intro = "The PDF of a signed 8580-502 mark sheet (13 ACs with their sufficiency descriptors, marks and"
                + " feedback on every AC) whose discussion has " + m.counters() + " tags: " + m.counters()
                + " annotated time counters beside the ACs and again in the AC map, each a link, and a QR code."
                + " Rendered through `SheetExports.sheetPdf` as `GET /api/v1/sheets/{id}/pdf` does (reading the"
                + " sheet, its unit and discussion, building the XHTML, openhtmltopdf's layout, embedding subsets of"
                + " DejaVu Sans), after " + WARM_UP + " warm-up renders; " + RUNS + " renders, one at a time. **Target:**"
                + " a warm render in at most " + (int) TARGET_MS + " ms.\n\n";
        String table = BenchmarkReport.table(
                List.of("PDF", "median", "p95", "min", "max", "≤ " + (int) TARGET_MS + " ms (median)",
                        "≤ " + (int) TARGET_MS + " ms (p95)"),
                List.of(List.of(m.pages() + " pages, " + Bench.megabytes(m.bytes()), Bench.millis(whole.median()),
                        Bench.millis(whole.p95()), Bench.millis(whole.min()), Bench.millis(whole.max()),
                        Bench.verdict(whole.median() <= TARGET_MS), Bench.verdict(whole.p95() <= TARGET_MS))));
        String load = "\nThe machine was shared: its load average (1, 5, 15 minutes) was " + m.loadBefore() + " as the"
                + " measured renders began and " + m.loadAfter() + " as they ended, on " + Runtime.getRuntime()
                .availableProcessors() + " cores, so a render often waited for a core. The rendering thread's own CPU"
                + " time, which waiting does not count, shows the work itself: median " + Bench.millis(cpu.median())
                + ", p95 " + Bench.millis(cpu.p95()) + ", min " + Bench.millis(cpu.min()) + ".\n";
        String parts = "\nWhere the time goes (the same sheet, its two steps timed apart; medians, with p95):\n\n"
                + BenchmarkReport.table(List.of("step", "median", "p95"), List.of(
                        List.of("XHTML (sheet, AC map, QR code)", Bench.millis(xhtml.median()), Bench.millis(xhtml.p95())),
                        List.of("PDF (openhtmltopdf: parse, layout, fonts, write)", Bench.millis(render.median()),
                                Bench.millis(render.p95()))));
        return intro + table + load + parts;
    }
}
