package app.earmark.sheets;

import app.earmark.base.TimeFormat;
import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Descriptors;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.catalogue.SheetType;
import app.earmark.catalogue.UnitDefinition;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.sheets.SheetContent.AcEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A result sheet as XHTML for the PDF, laid out like the awarding body's forms (seeds 000–004): centre and learner,
 * unit, instructions, the learner's declarations, each learning outcome with its ACs (sufficiency descriptors, the
 * assessor's feedback, Pass / Referral or marks, and the annotated time counters), comments, totals, the assessor's
 * decision and the QA box; then the AC map of each discussion with a QR code. Everything a person typed is escaped
 * by {@link Xhtml}. Dates are printed in UK time ({@link #ZONE}), as the awarding body reads them.
 */
final class SheetHtml {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    // The awarding body's forms are UK documents: dd/mm/yyyy and a 24-hour clock (DisplayFormats' default locale).
    private static final DateTimeFormatter DATE = app.earmark.base.DisplayFormats
            .dateFormatter(app.earmark.base.DisplayFormats.DEFAULT).withZone(ZONE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
            app.earmark.base.DisplayFormats.datePattern(app.earmark.base.DisplayFormats.DEFAULT) + " 'at' "
                    + app.earmark.base.DisplayFormats.timePattern(app.earmark.base.DisplayFormats.DEFAULT) + " z",
            Locale.UK).withZone(ZONE);

    private static final String MARK_SHEET_INSTRUCTIONS = "Assessment must be conducted with reference to the"
            + " assessment criteria (AC). In order to pass the unit, every AC must be met.\n"
            + "Assessors will normally award marks for every AC and then total them into a percentage. However, for"
            + " greater simplicity, there is the option to not use marks at all and merely indicate with a ‘Pass’ or"
            + " ‘Referral’ in the box. In order to pass the unit every AC must receive a ‘Pass.’\n"
            + "Where marks are awarded according to the degree to which the learner’s evidence in the submission meets"
            + " each AC, every AC must be met, i.e. receive at least half marks (e.g. min 10/20). Any AC awarded less"
            + " than the minimum produces an automatic referral for the submission (regardless of the overall mark"
            + " achieved).\n"
            + "Sufficiency descriptors are provided as guidance. The descriptors are not comprehensive, and cannot be,"
            + " as there are many ways in which a submission can exceed or fall short of the requirements.";
    private static final String RESULT_SHEET_INSTRUCTIONS = "Assessment must be conducted with reference to the"
            + " assessment criteria (AC). In order to pass the unit, every AC must be met.\n"
            + "Assessors will indicate with a ‘Pass’ or ‘Referral’ in the box. In order to pass the unit every AC must"
            + " receive a ‘Pass.’ Any AC awarded less than a pass produces an automatic referral for the submission.\n"
            + "Sufficiency descriptors are provided as guidance. The descriptors are not comprehensive, and cannot be,"
            + " as there are many ways in which a submission can exceed or fall short of the requirements.";
    private static final String TIME_COUNTERS_NOTE = "Annotated time counters beside each AC, and the AC map at the end,"
            + " link to the recording of the professional discussion at that moment.";

    /**
     * An AC map as the PDF appends it.
     *
     * @param discussion    the discussion, or {@code null} if it cannot be shown
     * @param discussionUrl the absolute address of the discussion's page (also in the QR code)
     * @param qrCode        the QR code of {@code discussionUrl} as a {@code data:image/png} URI
     */
    record MapSection(AcMap map, DiscussionSummary discussion, String discussionUrl, String qrCode) {
    }

    /**
     * @param link turns an Earmark path into an absolute address
     */
    record Input(SheetView sheet, List<MapSection> maps, SheetSignOffs signOffs, UnaryOperator<String> link,
            Instant renderedAt) {
    }

    private final Input input;
    private final SheetView sheet;
    private final UnitDefinition unit;
    private final Xhtml html = new Xhtml();

    private SheetHtml(Input input) {
        this.input = input;
        this.sheet = input.sheet();
        this.unit = sheet.unit().definition();
    }

    static String write(Input input) {
        return new SheetHtml(input).document();
    }

    private String document() {
        html.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""
                + " lang=\"en-GB\"><head>");
        html.element("title", formName() + " – " + sheet.unit().code() + " – " + sheet.learner().displayName());
        html.open("meta", "name", "author", "content", sheet.signed() ? sheet.signedBy() : "Earmark").close("meta");
        html.open("meta", "name", "subject", "content", sheet.unit().label()).close("meta");
        html.raw("<style>").raw(SheetCss.CSS).raw("</style></head><body>");
        footer();
        if (!sheet.signed()) {
            html.element("div", "DRAFT", "class", "watermark");
        }
        heading();
        status();
        identities();
        instructions();
        declarations();
        for (LearningOutcome lo : unit.learningOutcomes()) {
            learningOutcome(lo);
        }
        otherVerificationComments();
        totals();
        decision();
        acMaps();
        html.raw("</body></html>");
        return html.toString();
    }

    private String formName() {
        return unit.sheet() == SheetType.MARK_SHEET ? "Mark sheet" : "Result sheet";
    }

    private void footer() {
        html.open("div", "class", "footer");
        html.open("span", "class", "who").text("Earmark · " + formName() + " " + sheet.unit().code() + " · "
                + sheet.learner().displayName() + " · version " + sheet.versionNumber()
                + (sheet.signed() ? ", signed" : ", draft")).close("span");
        html.raw("<span class=\"pages\">Page <span class=\"page\"></span> of <span class=\"pagecount\"></span></span>");
        html.close("div");
    }

    private void heading() {
        html.element("h1", formName().toUpperCase(Locale.UK) + " – " + unit.title());
        List<String> facts = new ArrayList<>();
        facts.add("Unit " + sheet.unit().code() + " (version " + sheet.unit().version() + ")");
        if (unit.level() != null) {
            facts.add("Level " + unit.level());
        }
        if (unit.credits() != null) {
            facts.add(unit.credits() + " credits");
        }
        if (unit.glh() != null) {
            facts.add("GLH " + unit.glh());
        }
        if (unit.uan() != null) {
            facts.add("UAN " + unit.uan());
        }
        html.element("p", String.join(" · ", facts), "class", "unit");
    }

    private void status() {
        if (sheet.signed()) {
            html.open("div", "class", "status signed").text("Signed by " + sheet.signedBy() + " on "
                    + DATE_TIME.format(sheet.signedAt()) + ", SHA-256 ").element("span", sheet.contentHash(), "class",
                    "hash").text(" (version " + sheet.versionNumber() + (sheet.previousId() == null ? "" : ", an"
                    + " amendment of version " + (sheet.versionNumber() - 1)) + ").").close("div");
        } else {
            html.element("div", "DRAFT, not signed (version " + sheet.versionNumber() + ", printed "
                    + DATE_TIME.format(input.renderedAt()) + "). Decisions and time counters may still change.",
                    "class", "status draft");
        }
    }

    private void identities() {
        html.open("table", "class", "ids").open("tr");
        html.element("th", "Centre Number").element("td", sheet.centre().number());
        html.element("th", "Centre Name").element("td", sheet.centre().name());
        html.close("tr").open("tr");
        html.element("th", "Learner Registration No.").element("td", sheet.registrationNumber());
        html.element("th", "Learner Name").element("td", sheet.learner().displayName());
        html.close("tr").close("table");
    }

    private void instructions() {
        html.open("div", "class", "box instructions");
        html.element("h3", "Instructions for assessment and use of " + formName().toLowerCase(Locale.UK));
        String text = unit.sheet() == SheetType.MARK_SHEET ? MARK_SHEET_INSTRUCTIONS : RESULT_SHEET_INSTRUCTIONS;
        for (String paragraph : text.split("\n")) {
            html.element("p", paragraph);
        }
        html.element("p", TIME_COUNTERS_NOTE, "class", "note");
        html.close("div");
    }

    private void declarations() {
        SheetSignOffs.LearnerConfirmation learner = input.signOffs().learner();
        html.open("table", "class", "box declarations").open("tr").open("td");
        html.element("p", "1. Learner named above confirms authenticity of submission.");
        html.open("p", "class", "fill").text(learner == null ? "Confirmed by the learner: " : "Confirmed by "
                + learner.confirmedBy() + " on " + DATE_TIME.format(learner.confirmedAt()) + "."
                + withdrawn(learner.withdrawal()));
        html.close("p");
        html.element("p", "2. ILM uses learners’ submissions – on an anonymous basis – for assessment standardisation."
                + " By submitting, I agree that ILM may use this script on condition that all information which may"
                + " identify me is removed.");
        html.open("p").text("However, if you are unwilling to allow ILM to use your script, please refuse by ticking"
                + " the box: ").element("span", input.signOffs().optedOut() ? "☒" : "☐", "class", "tick")
                .close("p");
        if (input.signOffs().optOutWithdrawal() != null) {
            html.element("p", "The learner refused, then withdrew the refusal." + withdrawn(
                    input.signOffs().optOutWithdrawal()));
        }
        html.close("td").close("tr").close("table");
    }

    /** " WITHDRAWN by the learner on …; reason: …", or nothing. */
    private static String withdrawn(SheetSignOffs.Withdrawal withdrawal) {
        return withdrawal == null ? "" : " WITHDRAWN by the learner on " + DATE_TIME.format(withdrawal.at())
                + "; reason: " + withdrawal.reason();
    }

    private void learningOutcome(LearningOutcome lo) {
        String label = unit.sheet() == SheetType.MARK_SHEET ? "Learning Outcome / Section " : "Learning Outcome ";
        html.element("h2", label + lo.number() + ": " + lo.title());
        for (AssessmentCriterion ac : lo.assessmentCriteria()) {
            criterion(ac);
        }
        comments(lo.number());
    }

    /**
     * One AC as a block kept on one page: its number with the column headings, then its text and time counters, the
     * feedback and the result, then the sufficiency descriptors side by side (Referral, Pass, Good Pass).
     */
    private void criterion(AssessmentCriterion ac) {
        long id = sheet.unit().criterionIds().get(ac.number());
        AcEntry entry = sheet.content().entry(id);
        html.open("table", "class", "ac-block");
        html.open("tr").element("th", ac.label(), "class", "ac").element("th", "Assessor feedback on AC", "class",
                "feedback").element("th", sheet.useMarks() ? "Marks" : "Pass / Referral", "class", "result").close("tr");
        html.open("tr").open("td", "class", "ac").element("div", ac.text());
        counters(sheet.counters(id));
        html.close("td").open("td", "class", "feedback").text(entry.feedback());
        if (entry.otherEvidence() != null && !entry.otherEvidence().isBlank()) {
            html.open("div", "class", "other").element("span", "Other evidence: ", "class", "label")
                    .text(entry.otherEvidence()).close("div");
        }
        html.close("td").open("td", "class", "result");
        result(ac, entry);
        html.close("td").close("tr");
        if (!ac.descriptors().isEmpty()) {
            html.open("tr").open("td", "class", "descriptors", "colspan", "3");
            descriptors(ac);
            html.close("td").close("tr");
        }
        html.close("table");
    }

    private void counters(List<TimeCounterRef> counters) {
        html.open("div", "class", "counters").element("span", "Time counters: ", "class", "label");
        if (counters.isEmpty()) {
            html.element("span", "none", "class", "none");
        }
        for (int i = 0; i < counters.size(); i++) {
            TimeCounterRef c = counters.get(i);
            if (i > 0) {
                html.text(", ");
            }
            html.link(input.link().apply(c.playbackPath()), TimeFormat.counter(c.startMs())
                    + (c.endMs() == null ? "" : "–" + TimeFormat.counter(c.endMs())));
        }
        html.close("div");
    }

    /** The descriptors in columns, as on the form; the bracketed marks only where the AC has marks. */
    private void descriptors(AssessmentCriterion ac) {
        Descriptors d = ac.descriptors();
        Integer marks = ac.marks();
        List<String> headings = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        if (!d.referral().isEmpty()) {
            headings.add("Referral" + (marks == null ? "" : " [ca. " + Math.round(marks / 4.0) + "/" + marks + "]"));
            columns.add(d.referral());
        }
        if (!d.pass().isEmpty()) {
            headings.add("Pass" + (marks == null ? "" : " [" + ac.minimum() + "/" + marks + "]"));
            columns.add(d.pass());
        }
        if (!d.goodPass().isEmpty()) {
            headings.add("Good Pass" + (marks == null ? "" : " [ca. " + Math.round(marks * 3 / 4.0) + "/" + marks + "]"));
            columns.add(d.goodPass());
        }
        html.element("div", "Sufficiency descriptors", "class", "level-title");
        html.open("table", "class", "levels").open("tr");
        String width = (100 / columns.size()) + "%";
        headings.forEach(h -> html.element("th", h, "style", "width: " + width));
        html.close("tr").open("tr");
        for (List<String> bullets : columns) {
            html.open("td").open("ul");
            bullets.forEach(b -> html.element("li", b));
            html.close("ul").close("td");
        }
        html.close("tr").close("table");
    }

    private void result(AssessmentCriterion ac, AcEntry entry) {
        if (sheet.useMarks()) {
            html.open("div", "class", "marks").element("b", entry.marks() == null ? "__" : String.valueOf(entry.marks()))
                    .text(" / " + ac.marks()).close("div").element("div", "(min. of " + ac.minimum() + ")", "class", "min");
            if (entry.marks() != null && entry.marks() < ac.minimum()) {
                html.element("div", "Below the minimum: automatic referral", "class", "below");
            }
        } else if (entry.result() == null) {
            html.element("div", "Pass / Referral", "class", "undecided");
        } else {
            html.element("div", entry.result().label(), "class", entry.result() == AcResult.PASS ? "pass" : "referral");
        }
    }

    private void comments(int lo) {
        String commentLabel = unit.sheet() == SheetType.MARK_SHEET ? "Section comments (optional):"
                : "Learning Outcome " + lo + " comments (optional):";
        html.open("table", "class", "comments").open("tr").element("th", commentLabel)
                .element("td", sheet.content().loComments().get(lo)).close("tr");
        html.open("tr").element("th", "Verification comments (optional):")
                .element("td", input.signOffs().verificationComments().get(lo)).close("tr").close("table");
    }

    /** Verification comments not filed under a learning outcome of the unit. */
    private void otherVerificationComments() {
        Map<Integer, String> others = new TreeMap<>(input.signOffs().verificationComments());
        unit.learningOutcomes().forEach(lo -> others.remove(lo.number()));
        others.values().removeIf(text -> text == null || text.isBlank());
        if (!others.isEmpty()) {
            html.open("table", "class", "comments").open("tr").element("th", "Verification comments:").open("td");
            others.values().forEach(text -> html.element("p", text));
            html.close("td").close("tr").close("table");
        }
    }

    private void totals() {
        Evaluation evaluation = sheet.evaluation();
        html.open("div", "class", "box totals");
        if (sheet.useMarks()) {
            html.open("p", "class", "total").element("b", "TOTAL MARKS: ").text(evaluation.totalMarks() + " / "
                    + evaluation.maxMarks() + (evaluation.percentage() == null ? "" : " (" + evaluation.percentage()
                    + "%)")).close("p");
        }
        if (!evaluation.complete()) {
            html.element("p", "Not complete: no " + (sheet.useMarks() ? "marks" : "decision") + " yet on "
                    + String.join(", ", evaluation.undecided()) + ".");
        } else {
            html.open("p").element("b", "Unit outcome by the rules: ").text(evaluation.outcome().label()
                    + (evaluation.outcome() == AcResult.PASS ? " (every AC is met)." : "")).close("p");
        }
        if (!evaluation.referrals().isEmpty()) {
            html.element("p", sheet.useMarks() ? "Any AC below its minimum is an automatic referral, whatever the"
                    + " total:" : "The unit passes only if every AC passes:");
            html.open("ul", "class", "referrals");
            evaluation.referrals().forEach(r -> html.element("li", r + "."));
            html.close("ul");
        }
        html.close("div");
    }

    private void decision() {
        SheetSignOffs.QaCheck qa = input.signOffs().qa();
        html.open("table", "class", "signoff").open("tr").element("th", "Assessor’s Decision")
                .element("th", "Quality Assurance Use").close("tr");
        html.open("tr").open("td");
        outcome(sheet.assessorDecision());
        html.close("td").open("td");
        // a voided acceptance confirms nothing: the box says when and why it was voided, and the signature is struck
        boolean voided = qa != null && qa.voided();
        outcome(qa == null || voided ? null : qa.confirmed());
        if (qa != null) {
            html.element("p", "QA outcome: " + qa.outcome().label() + (qa.comment() == null ? "." : ": " + qa.comment()),
                    "class", voided ? "qa-outcome deleted" : "qa-outcome");
        }
        if (voided) {
            html.element("p", "QA acceptance VOID since " + DATE_TIME.format(qa.voidedAt()) + ": " + qa.voidReason(),
                    "class", "qa-void");
        }
        html.close("td").close("tr");
        html.open("tr").open("td").text("Signature of Assessor: ").element("span", sheet.signed() ? sheet.signedBy()
                + " (signed in Earmark)" : "", "class", "fill").close("td");
        html.open("td").text("Signature of QA: ").element("span", qa == null ? "" : qa.signedBy()
                + (voided ? " (void)" : ""), "class", voided ? "fill deleted" : "fill").close("td").close("tr");
        html.open("tr").open("td").text("Date: ").element("span", sheet.signed() ? DATE.format(sheet.signedAt()) : "",
                "class", "fill").close("td");
        html.open("td").text("Date of QA check: ").element("span", qa == null ? "" : DATE.format(qa.checkedAt())
                + (voided ? " (void)" : ""), "class", voided ? "fill deleted" : "fill").close("td").close("tr");
        html.close("table");
    }

    /** "Outcome (delete as applicable): PASS / REFERRAL", with the one not chosen struck through. */
    private void outcome(AcResult chosen) {
        html.text("Outcome (delete as applicable): ");
        html.element("span", "PASS", "class", chosen == AcResult.REFERRAL ? "deleted" : chosen == null ? "" : "chosen");
        html.text(" / ");
        html.element("span", "REFERRAL", "class", chosen == AcResult.PASS ? "deleted" : chosen == null ? "" : "chosen");
    }

    private void acMaps() {
        html.open("div", "class", "acmaps");
        html.element("h2", "AC map");
        if (input.maps().isEmpty()) {
            html.element("p", "No tagged discussion gives time counters for this unit" + (sheet.signed() ? "." : " yet."));
        }
        for (MapSection section : input.maps()) {
            acMap(section);
        }
        html.close("div");
    }

    private void acMap(MapSection section) {
        AcMap map = section.map();
        DiscussionSummary d = section.discussion();
        html.open("table", "class", "acmap-head").open("tr").open("td");
        html.element("h3", "Professional discussion " + map.discussionId());
        if (d != null) {
            html.element("p", "Held on " + DATE.format(d.heldOn().atStartOfDay(ZONE)) + " (" + d.mode().label()
                    + ") by " + d.assessor().displayName() + " with " + d.learner().displayName() + "; units "
                    + d.unitCodes() + ".");
        }
        html.element("p", "Every tag of the recording on an AC of unit " + sheet.unit().code() + ", in time order;"
                + " each time counter opens the recording at that moment.");
        html.open("p").text("Discussion page: ").link(section.discussionUrl(), section.discussionUrl()).close("p");
        html.close("td").open("td", "class", "qr").open("a", "href", section.discussionUrl())
                .open("img", "src", section.qrCode(), "alt", "QR code of " + section.discussionUrl()).close("img")
                .close("a").close("td").close("tr").close("table");
        boolean severalRecordings = map.recordings().size() > 1;
        html.open("table", "class", "acmap").open("thead").open("tr").element("th", "Time counter", "class", "when");
        if (severalRecordings) {
            html.element("th", "Recording", "class", "recording");
        }
        html.element("th", "ACs", "class", "acs-col").element("th", "Note").close("tr").close("thead").open("tbody");
        for (AcMap.Entry entry : map.entries()) {
            html.open("tr").open("td", "class", "when").link(input.link().apply(entry.at().playbackPath()),
                    entry.counter()).close("td");
            if (severalRecordings) {
                html.element("td", String.valueOf(entry.at().recordingId()), "class", "recording");
            }
            html.element("td", entry.acLabel(), "class", "acs-col").element("td", entry.note()).close("tr");
        }
        if (map.entries().isEmpty()) {
            html.open("tr").element("td", "No tags.", "colspan", severalRecordings ? "4" : "3").close("tr");
        }
        html.close("tbody").close("table");
    }
}
