package app.earmark.review;

import app.earmark.base.DisplayFormats;
import app.earmark.base.TimeFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A review as JSON and as a PDF section, made from what is stored alone (the callers check access first), so that
 * the same bytes go to a download and to an evidence pack.
 */
final class ReviewDocuments {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .addModule(new JavaTimeModule()).build();
    private static final String FONT = "/app/earmark/sheets/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/app/earmark/sheets/fonts/DejaVuSans-Bold.ttf";

    private ReviewDocuments() {
    }

    /** What the documents name besides the review itself. */
    record Context(String learnerName, String unitCode, String unitTitle) {
    }

    static byte[] json(ReviewView review, Context context) {
        var out = new LinkedHashMap<String, Object>();
        out.put("review", review.id());
        out.put("learner", Map.of("id", review.learnerId(), "name", context.learnerName()));
        out.put("unit", Map.of("id", review.unitId(), "code", context.unitCode(), "title", context.unitTitle()));
        out.put("sheet", Map.of("id", review.sheetId(), "version", review.sheetVersion(), "sha256",
                review.sheetHash()));
        var recording = new LinkedHashMap<String, Object>();
        recording.put("discussion", review.discussionId());
        recording.put("id", review.recordingId());
        recording.put("sha256", review.recordingSha256());
        out.put("recording", recording);
        out.put("assessor", review.assessor());
        out.put("reviewer", Map.of("username", review.reviewer(), "name", review.reviewerName()));
        out.put("openedAt", review.openedAt());
        out.put("status", review.status().name());
        out.put("comment", review.comment());
        out.put("decidedAt", review.decidedAt());
        out.put("voidedAt", review.voidedAt());
        out.put("voidedReason", review.voidedReason());
        out.put("verdicts", review.verdicts().stream().map(v -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("ac", v.acNumber());
            m.put("verdict", v.verdict().name());
            m.put("comment", v.comment());
            m.put("recordedAt", v.recordedAt());
            return m;
        }).toList());
        out.put("notes", review.notes().stream().map(n -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("recording", n.recordingId());
            m.put("startMs", n.startMs());
            m.put("endMs", n.endMs());
            m.put("text", n.text());
            m.put("by", n.createdBy());
            m.put("at", n.createdAt());
            return m;
        }).toList());
        out.put("actions", review.actions().stream().map(a -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", a.id());
            m.put("acs", a.acNumbers());
            m.put("recording", a.recordingId());
            m.put("atMs", a.atMs());
            m.put("text", a.text());
            m.put("answer", a.answered() ? Map.of("kind", a.answerKind().name(), "text", a.answerText(), "by",
                    a.answeredBy(), "at", a.answeredAt().toString()) : null);
            return m;
        }).toList());
        try {
            return JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The review as a PDF section: outcome and QA signature, verdicts, QA notes, actions and answers. */
    static byte[] pdf(ReviewView review, Context context) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"B", "QA review: " + context.learnerName() + ", " + context.unitCode() + " "
                + context.unitTitle()});
        lines.add(new String[] {"", "Result sheet version " + review.sheetVersion() + ", SHA-256 " + review.sheetHash()});
        if (review.recordingId() != null) {
            lines.add(new String[] {"", "Recording " + review.recordingId() + ", SHA-256 " + review.recordingSha256()});
        }
        lines.add(new String[] {"", "Assessor: " + review.assessor() + " · Reviewer: " + review.reviewerName() + " ("
                + review.reviewer() + ")"});
        lines.add(new String[] {"B", "Outcome: " + review.status().label()
                + (review.decidedAt() == null ? "" : " · Signature of QA: " + review.reviewerName()
                        + " · Date of QA check: " + DisplayFormats.dateTime(review.decidedAt()))});
        if (review.voided()) {
            lines.add(new String[] {"B", "VOID since " + DisplayFormats.dateTime(review.voidedAt()) + ": "
                    + review.voidedReason()});
        }
        if (review.comment() != null) {
            lines.add(new String[] {"", "Comment: " + review.comment()});
        }
        lines.add(new String[] {"B", "Verdicts per AC"});
        if (review.verdicts().isEmpty()) {
            lines.add(new String[] {"", "None recorded."});
        }
        review.verdicts().forEach(v -> lines.add(new String[] {"", "AC " + v.acNumber() + ": " + v.verdict().label()
                + (v.comment() == null ? "" : " — " + v.comment())}));
        lines.add(new String[] {"B", "QA notes on the recording"});
        if (review.notes().isEmpty()) {
            lines.add(new String[] {"", "None."});
        }
        review.notes().forEach(n -> lines.add(new String[] {"", TimeFormat.counter(n.startMs())
                + (n.endMs() == null ? "" : "–" + TimeFormat.counter(n.endMs())) + " " + n.text()}));
        lines.add(new String[] {"B", "Actions for the assessor"});
        if (review.actions().isEmpty()) {
            lines.add(new String[] {"", "None."});
        }
        review.actions().forEach(a -> {
            lines.add(new String[] {"", "AC " + String.join(", ", a.acNumbers()) + (a.atMs() == null ? ""
                    : " at " + TimeFormat.counter(a.atMs())) + ": " + a.text()});
            lines.add(new String[] {"", "    Answer: " + (a.answered() ? a.answerKind().label() + " by "
                    + a.answeredBy() + " on " + DisplayFormats.dateTime(a.answeredAt()) + ": " + a.answerText()
                    : "not answered yet")});
        });
        return render(lines);
    }

    private static byte[] render(List<String[]> lines) {
        try (PDDocument document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            PDFont regular = load(document, FONT);
            PDFont bold = load(document, BOLD);
            float margin = 50;
            float width = PDRectangle.A4.getWidth() - 2 * margin;
            PDPage page = null;
            PDPageContentStream content = null;
            float y = 0;
            for (String[] line : lines) {
                PDFont font = line[0].equals("B") ? bold : regular;
                float size = line[0].equals("B") ? 11 : 9.5f;
                for (String part : wrap(font, size, line[1], width)) {
                    if (content == null || y < margin) {
                        if (content != null) {
                            content.close();
                        }
                        page = new PDPage(PDRectangle.A4);
                        document.addPage(page);
                        content = new PDPageContentStream(document, page);
                        y = PDRectangle.A4.getHeight() - margin;
                    }
                    y -= size * 1.45f;
                    content.beginText();
                    content.setFont(font, size);
                    content.newLineAtOffset(margin, y);
                    content.showText(part);
                    content.endText();
                }
                y -= 3;
            }
            if (content != null) {
                content.close();
            }
            document.getDocumentInformation().setTitle("QA review");
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFont load(PDDocument document, String resource) throws IOException {
        try (InputStream in = ReviewDocuments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The font " + resource + " is missing from Earmark's jar");
            }
            return PDType0Font.load(document, in, true);
        }
    }

    private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.replace("\r", "").replace("\t", " ").split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String next = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(next) / 1000 * size > width && !line.isEmpty()) {
                    out.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(next);
                }
            }
            out.add(line.toString());
        }
        return out;
    }
}
