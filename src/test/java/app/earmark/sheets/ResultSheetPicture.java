package app.earmark.sheets;

import app.earmark.catalogue.Unit;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.support.SignedIn;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Writes {@code docs/images/result-sheet.png}: the first page of a realistic signed Level 3 result sheet (8587-300),
 * at 100 dpi. Not part of the build (the name does not end in Test); run it when the PDF's layout changes:
 * {@code ./mvnw -o test -Dtest=ResultSheetPicture}. Its own database, so that no other test's tags show on the sheet.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-result-sheet-picture;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.data-dir=target/result-sheet-picture-data"})
@ActiveProfiles("test")
@DirtiesContext
class ResultSheetPicture {

    static final Path IMAGE = Path.of("docs", "images", "result-sheet.png");

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SheetExports exports;
    @Autowired
    SignedIn signedIn;

    private static final Map<String, String> FEEDBACK = Map.of(
            "1.1", "Describes coaching as a way to unlock performance in line with the organisation's goals, with two"
                    + " examples from the sales team (1m 55s).",
            "1.2", "Explains both the coach's role and responsibilities: contracting, confidentiality, managing the"
                    + " relationship and knowing when to refer on.",
            "1.3", "Sets out listening, questioning and feedback skills and the behaviours behind them; links them to"
                    + " the stages of a coaching relationship.",
            "1.4", "Identifies time pressure and line-manager scepticism as barriers, with realistic ways to overcome"
                    + " them.");

    @Test
    void writeTheFirstPageOfASignedSheet() throws Exception {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 115_000, null, "Purpose of coaching in the sales team", "1.1");
        fixtures.tag(discussion, recording, 163_000, 241_000L, "Roles and responsibilities; contracting", "1.2", "2.2");
        fixtures.tag(discussion, recording, 522_000, null, "Skills: listening, questioning, feedback", "1.3");
        fixtures.tag(discussion, recording, 845_000, null, "Barriers and how to overcome them", "1.4");
        fixtures.tag(discussion, recording, 1_310_000, null, "GROW model with Client 2", "3.1");
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        Unit unit = sheet.unit();
        Map<Long, AcEntry> entries = new HashMap<>();
        unit.definition().criteria().forEach(ac -> entries.put(unit.criterionIds().get(ac.number()),
                new AcEntry(AcResult.PASS, null, FEEDBACK.getOrDefault(ac.number(), "Met: clear, specific examples"
                        + " from the learner's own practice."), ac.number().startsWith("4") ? "Portfolio, section 4"
                        : null)));
        SheetView signed = fixtures.sign(fixtures.save(sheet, false, new SheetContent(entries,
                Map.of(1, "A confident, well-evidenced account of coaching in an organisational context."), Map.of())),
                AcResult.PASS);
        byte[] pdf = signedIn.as("assessor", () -> exports.sheetPdf(signed.id())).content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 100, ImageType.RGB);
            Files.createDirectories(IMAGE.getParent());
            ImageIO.write(page, "png", IMAGE.toFile());
        }
        System.out.println("Wrote " + IMAGE.toAbsolutePath() + " (" + Files.size(IMAGE) + " bytes) from a PDF of "
                + pdf.length + " bytes");
    }
}
