package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Unit;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.base.Hashing;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The result sheet as PDF, read back with PDFBox: a marked Level 5 unit (8580-502, learner2) signed as an automatic
 * referral despite 90 marks, and a Pass / Referral Level 3 unit (8587-300, learner); the counters beside the ACs and
 * in the AC map, each a link; the QR code; feedback with markup printed as text.
 */
@EarmarkSpringTest
class SheetPdfTest {

    static final String MARKUP = "<b>Strong</b> rationale & <script>alert('x')</script> ¼ Łódź → ✓";

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SheetExports exports;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Declarations declarations;
    @Autowired
    PublicUrl properties;
    @Autowired
    Evidence evidence;
    @Autowired
    AuditTrail trail;

    /** Marks in AC order, feedback on every AC (markup on the first). */
    private static SheetContent marks(Unit unit, int... marks) {
        var entries = new HashMap<Long, AcEntry>();
        List<AssessmentCriterion> acs = unit.definition().criteria().toList();
        for (int i = 0; i < acs.size(); i++) {
            entries.put(unit.criterionIds().get(acs.get(i).number()), new AcEntry(null, marks[i],
                    i == 0 ? MARKUP : "Feedback on " + acs.get(i).label(), i == 0 ? "Portfolio p. 12" : null));
        }
        return new SheetContent(entries, Map.of(1, "Section 1 is well evidenced"), Map.of(2, "IQA agrees with AC 2.1"));
    }

    private static SheetContent results(Unit unit, String referred) {
        var entries = new HashMap<Long, AcEntry>();
        unit.definition().criteria().forEach(ac -> entries.put(unit.criterionIds().get(ac.number()),
                new AcEntry(ac.number().equals(referred) ? AcResult.REFERRAL : AcResult.PASS, null,
                        ac.number().equals(referred) ? "Only the role is explained, not the responsibilities"
                                : "Clear and well evidenced", null)));
        return new SheetContent(entries, null, null);
    }

    /** The text in the order it was drawn (cell by cell), with runs of white space as one space. */
    static String text(byte[] pdf) throws IOException {
        return text(pdf, false);
    }

    /** The text line by line across the page, as a reader sees it. */
    static String text(byte[] pdf, boolean byPosition) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(byPosition);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    static List<String> linkUris(byte[] pdf) throws IOException {
        List<String> uris = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        uris.add(uri.getURI());
                    }
                }
            }
        }
        return uris;
    }

    /** The text of every QR code drawn in the PDF. */
    static List<String> qrCodes(byte[] pdf) throws Exception {
        List<String> found = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                        BufferedImage picture = image.getImage();
                        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0,
                                picture.getWidth());
                        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(picture.getWidth(),
                                picture.getHeight(), pixels)));
                        // The embedded image is the code alone with its quiet zone: read it as such (ZXing's finder-
                        // pattern search misses some valid codes, e.g. that of http://localhost/discussions/123).
                        found.add(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true))
                                .getText());
                    }
                }
            }
        }
        return found;
    }

    private static void keep(String name, byte[] pdf) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "test-pdfs"));
        Files.write(dir.resolve(name), pdf);
    }

    @Test
    void aMarkedUnitSignedAsAnAutomaticReferralDespiteNinetyMarks() throws Exception {
        long discussion = fixtures.discussion("learner2", "8580-502");
        long recording = fixtures.hourLongRecording(discussion);
        TagView contract = fixtures.tag(discussion, recording, 117_000, null, "Contract agreed with six clients",
                "1.1", "1.2");
        TagView hours = fixtures.tag(discussion, recording, 161_000, 188_000L, "Log of the hundred hours <with> & clients",
                "2.1");
        TagView review = fixtures.tag(discussion, recording, 3_723_000 - 124_000, null, null, "4.3");
        SheetView sheet = fixtures.freshSheet("learner2", "8580-502");
        // 502: 4, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, 4; AC 2.1 (16 marks, minimum 8) gets 6: 90 of 100, a referral.
        SheetView saved = fixtures.save(sheet, true, marks(sheet.unit(), 4, 4, 4, 6, 12, 8, 8, 8, 8, 8, 8, 8, 4));
        SheetView signed = fixtures.sign(saved, AcResult.REFERRAL);

        byte[] pdf = signedIn.as("learner2", () -> exports.sheetPdf(signed.id())).content();
        keep("8580-502-referral.pdf", pdf);
        String text = text(pdf);

        assertThat(text).contains("MARK SHEET – Undertaking an extended period of management coaching or mentoring"
                + " in the workplace", "Unit 8580-502 (version 1) · Level 5 · 29 credits", "Centre Number",
                "Earmark Demo Centre", "ILM-DEMO-0002", "Kim Learner");
        for (var lo : sheet.unit().definition().learningOutcomes()) {
            assertThat(text).contains("Learning Outcome / Section " + lo.number() + ":");
        }
        assertThat(text).contains("TOTAL MARKS: 90 / 100 (90%)", "Unit outcome by the rules: Referral",
                "AC 2.1 has 6 of 16 marks, below its minimum of 8.", "6 / 16 (min. of 8)",
                "Below the minimum: automatic referral");
        assertThat(text.replace(" ", "")).as("feedback with markup, printed as text").contains(MARKUP.replace(" ", ""));
        assertThat(text).contains("<b>Strong</b> rationale & <script>", "¼ Łódź → ✓", "Other evidence: Portfolio p. 12", "Section 1 is well evidenced",
                "IQA agrees with AC 2.1");
        // Other tests' discussions with learner2 may add their counters; these are this test's.
        assertThat(text).contains("Time counters: ", "1m 57s", "2m 41s–3m 08s", "59m 59s");
        assertThat(text).contains("Professional discussion " + discussion,
                "1m 57s AC 1.1, 1.2 Contract agreed with six clients",
                "2m 41s–3m 08s AC 2.1 Log of the hundred hours <with> & clients", "59m 59s AC 4.3");
        assertThat(text).contains("Signed by assessor on", "Signature of Assessor: assessor (signed in Earmark)");
        assertThat(text(pdf, true)).contains("Outcome (delete as applicable): PASS / REFERRAL");
        assertThat(text.replace(" ", "")).contains(signed.contentHash());
        assertThat(text).doesNotContain("DRAFT");

        String discussionUrl = properties.absolute("/discussions/" + discussion);
        assertThat(linkUris(pdf)).contains(
                properties.absolute(counter(signed, contract).playbackPath()),
                properties.absolute(counter(signed, hours).playbackPath()),
                properties.absolute(counter(signed, review).playbackPath()), discussionUrl)
                .allSatisfy(uri -> assertThat(uri).startsWith("http://localhost/discussions/"));
        assertThat(properties.absolute(counter(signed, contract).playbackPath()))
                .isEqualTo("http://localhost/discussions/" + discussion + "/play?recording=" + recording + "&t=117.0");
        assertThat(qrCodes(pdf)).contains(discussionUrl);
    }

    @Test
    void aTimeCounterReadsTheSameOnTheSheetItsPdfTheCsvAndTheWebVttChapters() throws Exception {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 1_999, null, "Rounded down", "1.1");
        fixtures.tag(discussion, recording, 3_599_999, null, "Just under an hour", "1.2");
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");

        String pdf = text(signedIn.as("assessor", () -> exports.sheetPdf(sheet.id())).content());
        assertThat(pdf).contains("0m 01s AC 1.1 Rounded down", "59m 59s AC 1.2 Just under an hour");
        String csv = new String(signedIn.as("assessor", () -> exports.acMap(discussion, null, AcMapFormat.CSV))
                .content(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("\n0m 01s,1.999,", "\n59m 59s,3599.999,");
        List<WebVtt.Cue> cues = WebVtt.parseChapters(new String(signedIn.as("assessor",
                () -> exports.acMap(discussion, null, AcMapFormat.VTT)).content(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(cues).extracting(WebVtt.Cue::text)
                .containsExactly("0m 01s · AC 1.1 — Rounded down", "59m 59s · AC 1.2 — Just under an hour");
    }

    private static TimeCounterRef counter(SheetView sheet, TagView tag) {
        return sheet.counters().values().stream().flatMap(List::stream).filter(c -> c.tagId() == tag.id()).findFirst()
                .orElseThrow();
    }

    @Test
    void aPassReferralUnitWithOneAcReferredIsAReferral() throws Exception {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 3_541_000, null, "Explains the coach's role", "1.2");
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        SheetView saved = fixtures.save(sheet, false, results(sheet.unit(), "1.2"));
        SheetView signed = fixtures.sign(saved, AcResult.REFERRAL);

        byte[] pdf = signedIn.as("assessor", () -> exports.sheetPdf(signed.id())).content();
        keep("8587-300-referral.pdf", pdf);
        String text = text(pdf);
        assertThat(text).contains("RESULT SHEET – Understanding Good Practice in Coaching within an Organisational"
                + " Context", "ILM-DEMO-0001", "Lee Learner", "Learning Outcome 1: Understand effective coaching",
                "Learning Outcome 1 comments (optional):", "Verification comments (optional):");
        assertThat(text).contains("Unit outcome by the rules: Referral", "The unit passes only if every AC passes:",
                "AC 1.2 is not met.", "Only the role is explained, not the responsibilities");
        assertThat(text).contains("59m 01s").doesNotContain("TOTAL MARKS");
        assertThat(text).contains("Signature of QA:", "Date of QA check:",
                "1. Learner named above confirms authenticity of submission.");
    }

    @Test
    void aDraftIsMarkedAsSuch() throws Exception {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        byte[] pdf = signedIn.as("learner", () -> exports.sheetPdf(sheet.id())).content();
        keep("8587-300-draft.pdf", pdf);
        assertThat(text(pdf)).contains("DRAFT, not signed (version 1").doesNotContain("Signed by");
    }

    @Test
    void signingAttachesThePdfToTheEvidenceRecord() throws Exception {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        SheetView saved = fixtures.save(sheet, false, results(sheet.unit(), "none"));
        long before = trail.lastSeq();
        SheetView signed = fixtures.sign(saved, AcResult.PASS);
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("sheet-signed",
                "evidence-attached");

        List<EvidenceView> attached = signedIn.as("learner", () -> evidence.forSheet(signed.id()));
        assertThat(attached).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(EvidenceKind.SHEET_PDF);
            assertThat(a.fileName()).isEqualTo("result-sheet-8587-300-v1.pdf");
            assertThat(a.mediaType()).isEqualTo("application/pdf");
            assertThat(a.createdBy()).isEqualTo("assessor");
        });
        byte[] pdf = signedIn.as("learner", () -> evidence.open(attached.get(0).id())).content();
        assertThat(Hashing.sha256Hex(pdf)).isEqualTo(attached.get(0).sha256());
        assertThat(text(pdf)).contains("Signed by assessor on", "Unit outcome by the rules: Pass (every AC is met).");
        assertThat(text(pdf).replace(" ", "")).contains(signed.contentHash());
    }

    @Test
    void theLearnersConfirmationAndTheQaCheckOnTheSignedVersionArePrinted() throws Exception {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        String blank = text(signedIn.as("assessor", () -> exports.sheetPdf(signed.id())).content());
        assertThat(blank).contains("Confirmed by the learner:", "☐").doesNotContain("QA outcome:");

        signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id()));
        signedIn.as("learner", () -> declarations.refuseStandardisation(signed.id()));
        signedIn.as("iqa", () -> declarations.recordQaCheck(signed.id(), QaOutcome.ACCEPTED, "Sampled; agree",
                Map.of(1, "LO 1 is well evidenced at 12m")));

        String text = text(signedIn.as("assessor", () -> exports.sheetPdf(signed.id())).content());
        assertThat(text).contains("Confirmed by Lee Learner (learner) on", "☒", "QA outcome: Accepted: Sampled; agree",
                "LO 1 is well evidenced at 12m");
        assertThat(text).containsPattern("Signature of QA: .*\\(iqa\\)");
        assertThat(text).doesNotContain("Confirmed by the learner:");
    }
}
