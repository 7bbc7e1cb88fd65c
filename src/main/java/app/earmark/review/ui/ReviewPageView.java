package app.earmark.review.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingSummary;
import app.earmark.review.AnswerKind;
import app.earmark.review.QaReviews;
import app.earmark.review.QaReviews.ActionDraft;
import app.earmark.review.QaReviews.ReviewPage;
import app.earmark.review.ReviewException;
import app.earmark.review.ReviewStatus;
import app.earmark.review.ReviewView;
import app.earmark.review.ReviewView.ActionView;
import app.earmark.review.Verdict;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetView;
import app.earmark.sheets.TimeCounterRef;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.talktime.QuestionFigures;
import app.earmark.talktime.TalkTime;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The IQA's review of a signed result sheet version ({@code review/{sheetId}}): the sampled discussion's recording
 * with the assessor's AC map beside it, the sheet's decision per AC with its time counters (a click plays the
 * moment), the IQA's agree / disagree per AC, their own time-coded QA notes, and the outcome (accept, or actions for
 * the assessor). The assessor sees it and answers the actions; the administrator and an EQA read it. The services
 * decide who may see and do what.
 */
@Route("review/:sheetId")
@PageTitle("QA review · Earmark")
@RolesAllowed({Role.Name.IQA, Role.Name.ASSESSOR, Role.Name.ADMIN, Role.Name.EQA})
class ReviewPageView extends Main implements BeforeEnterObserver {

    private static final Pattern MOMENT = Pattern.compile("^(?:(\\d+):)?(\\d+):(\\d{2})$|^(\\d+(?:\\.\\d+)?)$");

    private final QaReviews reviews;
    private final Discussions discussions;
    private final Tags tags;
    private long sheetId;
    private ReviewPage page;
    private ReviewPlayer player;
    private final Div status = new Div();
    private final Div content = new Div();

    private final TalkTime talkTime;

    ReviewPageView(QaReviews reviews, Discussions discussions, Tags tags, TalkTime talkTime) {
        this.talkTime = talkTime;
        this.reviews = reviews;
        this.discussions = discussions;
        this.tags = tags;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        sheetId = event.getRouteParameters().getLong("sheetId").orElse(-1L);
        load();
    }

    /** Builds the page once: the header and the player stay while the rest is shown again after each step. */
    private void load() {
        removeAll();
        player = null;
        try {
            page = reviews.page(sheetId);
        } catch (AccessRefusedException e) {
            add(new H1("Not available"));
            add(message("access-refused", e.getMessage(), true));
            return;
        }
        SheetView sheet = page.sheet();
        var back = new Anchor("learners/" + sheet.learner().id() + "/units/" + sheet.unit().id() + "/sheet?version="
                + sheet.versionNumber(), "← Result sheet");
        back.setId("back-to-sheet");
        var title = new H1("QA review: " + sheet.learner().displayName() + ", " + sheet.unit().code()
                + ", version " + sheet.versionNumber());
        title.setId("review-title");
        add(back, title);
        var facts = new Paragraph("Signed by " + sheet.signedBy() + (sheet.signedAt() == null ? ""
                : " on " + DisplayFormats.dateTime(sheet.signedAt())) + " as "
                + (sheet.assessorDecision() == null ? "undecided" : sheet.assessorDecision().label())
                + " · sheet SHA-256 " + sheet.contentHash()
                + page.recording().map(r -> " · recording SHA-256 " + r.sha256()).orElse(""));
        facts.setId("review-bound-to");
        facts.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        facts.getStyle().set("overflow-wrap", "anywhere");
        add(facts, status, playerAndMap(), content);
        show();
    }

    /** Reads the review again after a step and shows everything but the header and the player. */
    private void refresh() {
        try {
            page = reviews.page(sheetId);
        } catch (AccessRefusedException e) {
            load();
            return;
        }
        show();
    }

    private void show() {
        SheetView sheet = page.sheet();
        status.removeAll();
        content.removeAll();
        page.notReviewable().ifPresent(why -> status.add(message("review-stale", why + (page.review().isPresent()
                ? " The review below is kept as it was." : "") + " Open the review of the latest version from the"
                + " sheet.", true)));
        page.review().ifPresent(r -> status.add(status(r)));
        content.add(criteria());
        content.add(notes());
        if (page.review().map(ReviewView::decided).orElse(false)) {
            content.add(actions(page.review().get(), page.mayAnswer()));
        } else if (editable()) {
            content.add(decision());
        }
        if (!page.earlier().isEmpty()) {
            content.add(earlier());
        }
        page.review().ifPresent(r -> {
            var json = new Anchor("/exports/reviews/" + sheet.id() + ".json", "Review as JSON");
            json.setId("review-json");
            json.getElement().setAttribute("router-ignore", true);
            var pdf = new Anchor("/exports/reviews/" + sheet.id() + ".pdf", "Review as PDF");
            pdf.setId("review-pdf");
            pdf.getElement().setAttribute("router-ignore", true);
            var exports = new Div(new Span("Export: "), json, new Span(" · "), pdf);
            exports.addClassNames(LumoUtility.Margin.Vertical.MEDIUM);
            content.add(exports);
        });
    }

    private boolean editable() {
        return page.mayDecide() && page.notReviewable().isEmpty()
                && !page.review().map(ReviewView::decided).orElse(false);
    }

    private Paragraph status(ReviewView r) {
        String text = switch (r.status()) {
            case OPEN -> "Review in progress by " + r.reviewerName() + ", started "
                    + DisplayFormats.dateTime(r.openedAt()) + ".";
            case ACCEPTED -> "Accepted. Signature of QA: " + r.reviewerName() + " · Date of QA check: "
                    + DisplayFormats.dateTime(r.decidedAt()) + ".";
            case ACTION_REQUIRED -> "Action required, decided by " + r.reviewerName() + " on "
                    + DisplayFormats.dateTime(r.decidedAt()) + ".";
        };
        if (r.comment() != null) {
            text += " Comment: " + r.comment();
        }
        if (r.voided()) {
            text += " VOID since " + DisplayFormats.dateTime(r.voidedAt()) + ": " + r.voidedReason();
        }
        var status = new Paragraph(text);
        status.setId("review-status");
        status.addClassNames(LumoUtility.FontWeight.SEMIBOLD, r.voided() ? LumoUtility.TextColor.ERROR
                : r.status() == ReviewStatus.ACCEPTED ? LumoUtility.TextColor.SUCCESS : LumoUtility.TextColor.BODY);
        status.getStyle().set("white-space", "pre-wrap");
        return status;
    }

    private Component playerAndMap() {
        Optional<RecordingSummary> recording = page.recording();
        if (recording.isEmpty() || recording.get().renditionUrl() == null) {
            return message("review-no-recording", "No recording of this sheet's discussion is ready to play; the"
                    + " review is of the sheet alone.", false);
        }
        RecordingSummary r = recording.get();
        player = new ReviewPlayer(r, r.discussionId());
        Map<Long, AssessedCriterion> criteria = discussions.criteria(r.discussionId()).stream()
                .collect(Collectors.toMap(AssessedCriterion::id, Function.identity()));
        var map = new Div();
        map.setId("ac-map");
        map.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        map.getStyle().set("flex", "1 1 16rem").set("max-height", "50vh").set("overflow", "auto");
        map.add(new H3("The assessor's AC map"));
        List<TagView> tagged = tags.forRecording(r.id()).stream()
                .sorted(Comparator.comparing(TagView::startMs).thenComparing(TagView::id)).toList();
        if (tagged.isEmpty()) {
            map.add(new Paragraph("No moment of this recording is tagged."));
        }
        tagged.forEach(tag -> {
            String acs = tag.criterionIds().stream().map(criteria::get).filter(c -> c != null)
                    .map(c -> "AC " + c.number()).collect(Collectors.joining(", "));
            var entry = new Button(span(tag.startMs(), tag.endMs()) + " " + acs, e -> player.seek(tag.startMs()));
            entry.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            entry.addClassName("ac-map-entry");
            var item = new Div(entry);
            if (tag.note() != null && !tag.note().isBlank()) {
                var note = new Span(tag.note());
                note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Display.BLOCK,
                        LumoUtility.Padding.Left.MEDIUM);
                item.add(note);
            }
            map.add(item);
        });
        talkTime.forRecording(r.id()).ifPresent(analysis -> {
            var talk = new Paragraph(analysis.describe());
            talk.setId("review-talk-time");
            talk.addClassNames(LumoUtility.FontSize.SMALL);
            map.add(talk);
            // Per planned question the assessor marked asked: one click plays from where it was asked.
            for (QuestionFigures question : talkTime.byQuestion(analysis)) {
                var jump = new Button(question.describe(), e -> player.seek(question.fromMs()));
                jump.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                jump.addClassName("review-question-talk");
                map.add(new Div(jump));
            }
        });
        var layout = new Div(player, map);
        layout.setId("review-playback");
        layout.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                LumoUtility.AlignItems.START);
        return layout;
    }

    private Section criteria() {
        SheetView sheet = page.sheet();
        var section = new Section(new H2("Decisions per AC"));
        section.setId("review-criteria");
        boolean editable = editable();
        Optional<ReviewView> review = page.review();
        for (LearningOutcome lo : sheet.unit().definition().learningOutcomes()) {
            section.add(new H3("Learning outcome " + lo.number() + ": " + lo.title()));
            for (AssessmentCriterion ac : lo.assessmentCriteria()) {
                long id = sheet.unit().criterionIds().get(ac.number());
                String key = "review-ac-" + ac.number().replace('.', '-');
                var row = new Div();
                row.setId(key);
                row.addClassNames("review-ac", LumoUtility.Border.BOTTOM, LumoUtility.Padding.Vertical.SMALL);
                var what = new Paragraph(new Span("AC " + ac.number() + " "), new Span(ac.text()));
                what.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontWeight.SEMIBOLD);
                AcEntry entry = sheet.content().entry(id);
                String decided = entry.result() != null ? entry.result().label() : entry.marks() != null
                        ? entry.marks() + " marks" : "no decision";
                var assessor = new Paragraph("Assessor's decision: " + decided + (entry.feedback() == null ? ""
                        : " · " + entry.feedback()));
                assessor.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.SMALL);
                row.add(what, assessor, counters(sheet.counters(id)));
                var verdict = review.flatMap(r -> r.verdict(id));
                if (editable) {
                    row.add(verdictForm(ac.number(), key, verdict.orElse(null)));
                } else {
                    var shown = new Paragraph(verdict.map(v -> "IQA: " + v.verdict().label() + (v.comment() == null
                            ? "" : " — " + v.comment())).orElse("IQA: no verdict"));
                    shown.setId(key + "-verdict");
                    shown.addClassNames(LumoUtility.Margin.NONE, verdict.map(v -> v.verdict() == Verdict.DISAGREE)
                            .orElse(false) ? LumoUtility.TextColor.ERROR : LumoUtility.TextColor.SECONDARY);
                    row.add(shown);
                }
                section.add(row);
            }
        }
        return section;
    }

    /** The AC's time counters: on the reviewed recording a click plays the moment; others open their playback page. */
    private Div counters(List<TimeCounterRef> counters) {
        var box = new Div(new Span("Time counters: "));
        box.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP,
                LumoUtility.Gap.SMALL, LumoUtility.AlignItems.BASELINE);
        if (counters.isEmpty()) {
            box.add(new Span("none"));
        }
        Long reviewed = page.recording().map(RecordingSummary::id).orElse(null);
        for (TimeCounterRef c : counters) {
            String text = span(c.startMs(), c.endMs());
            if (player != null && reviewed != null && c.recordingId() == reviewed) {
                var jump = new Button(text, e -> player.seek(c.startMs()));
                jump.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                jump.addClassName("time-counter");
                jump.getElement().setAttribute("data-start-ms", String.valueOf(c.startMs()));
                jump.getElement().setAttribute("aria-label", text + ", play from this moment");
                box.add(jump);
            } else {
                var link = new Anchor(c.playbackPath(), text);
                link.addClassName("time-counter");
                box.add(link);
            }
        }
        return box;
    }

    private Div verdictForm(String number, String key, ReviewView.VerdictView current) {
        var choice = new RadioButtonGroup<Verdict>("Your verdict on AC " + number);
        choice.setId(key + "-choice");
        choice.setItems(Verdict.values());
        choice.setItemLabelGenerator(Verdict::label);
        var comment = new TextArea("Comment on AC " + number + " (required to disagree)");
        comment.setId(key + "-comment");
        comment.setMaxLength(4000);
        comment.setWidth("28rem");
        if (current != null) {
            choice.setValue(current.verdict());
            comment.setValue(current.comment() == null ? "" : current.comment());
        }
        var save = new Button("Save verdict on AC " + number, e -> act(() -> reviews.recordVerdict(sheetId,
                page.sheet().contentHash(), number, choice.getValue(), comment.getValue()),
                "Verdict on AC " + number + " saved."));
        save.setId(key + "-save");
        var form = new Div(choice, comment, save);
        form.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                LumoUtility.AlignItems.END);
        return form;
    }

    private Section notes() {
        var section = new Section(new H2("QA notes on the recording"));
        section.setId("review-notes");
        var note = new Paragraph("Your own notes at moments of the recording; they are kept with the review and never"
                + " change the assessor's tags.");
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(note);
        List<ReviewView.NoteView> made = page.review().map(ReviewView::notes).orElse(List.of());
        var list = new UnorderedList();
        list.setId("review-note-list");
        made.forEach(n -> {
            var jump = new Button(span(n.startMs(), n.endMs()), e -> {
                if (player != null) {
                    player.seek(n.startMs());
                }
            });
            jump.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            jump.addClassName("qa-note-time");
            var item = new ListItem(jump, new Span(" " + n.text()));
            item.addClassName("qa-note");
            list.add(item);
        });
        if (made.isEmpty()) {
            list.add(new ListItem("None yet."));
        }
        section.add(list);
        if (editable() && player != null) {
            var start = new TextField("From (m:ss)");
            start.setId("qa-note-start");
            start.setWidth("8rem");
            var end = new TextField("To (m:ss, for a span)");
            end.setId("qa-note-end");
            end.setWidth("10rem");
            var text = new TextField("QA note");
            text.setId("qa-note-text");
            text.setMaxLength(2000);
            text.setWidth("24rem");
            var add = new Button("Add QA note", e -> {
                Long from = moment(start.getValue());
                if (from == null) {
                    start.setInvalid(true);
                    start.setErrorMessage("Give the moment as m:ss, e.g. 1:55");
                    return;
                }
                Long to = null;
                if (!end.getValue().isBlank()) {
                    to = moment(end.getValue());
                    if (to == null) {
                        end.setInvalid(true);
                        end.setErrorMessage("Give the end as m:ss, or leave it empty for a moment");
                        return;
                    }
                }
                Long until = to;
                act(() -> reviews.addNote(sheetId, page.sheet().contentHash(), from, until, text.getValue()),
                        "QA note added.");
            });
            add.setId("qa-note-add");
            var form = new Div(start, end, text, add);
            form.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                    LumoUtility.AlignItems.END);
            section.add(form);
        }
        return section;
    }

    private Section decision() {
        var section = new Section(new H2("Outcome"));
        section.setId("review-decision");
        var outcome = new RadioButtonGroup<ReviewStatus>("QA outcome");
        outcome.setId("review-outcome");
        outcome.setItems(ReviewStatus.ACCEPTED, ReviewStatus.ACTION_REQUIRED);
        outcome.setItemLabelGenerator(ReviewStatus::label);
        var comment = new TextArea("Comment (on the sheet's QA box)");
        comment.setId("review-comment");
        comment.setMaxLength(4000);
        comment.setWidthFull();
        var rows = new Div();
        rows.setId("review-actions-editor");
        List<ActionRow> actionRows = new ArrayList<>();
        List<String> numbers = page.sheet().unit().definition().learningOutcomes().stream()
                .flatMap(lo -> lo.assessmentCriteria().stream()).map(AssessmentCriterion::number).toList();
        var addAction = new Button("Add an action for the assessor", e -> {
            var row = new ActionRow(actionRows.size() + 1, numbers);
            actionRows.add(row);
            rows.add(row);
        });
        addAction.setId("review-add-action");
        addAction.setVisible(false);
        outcome.addValueChangeListener(e -> {
            boolean actions = e.getValue() == ReviewStatus.ACTION_REQUIRED;
            addAction.setVisible(actions);
            rows.setVisible(actions);
            if (actions && actionRows.isEmpty()) {
                addAction.click();
            }
        });
        var decide = new Button("Decide and sign the QA check", e -> {
            List<ActionDraft> drafts = new ArrayList<>();
            for (ActionRow row : actionRows) {
                Optional<ActionDraft> draft = row.draft();
                if (draft.isEmpty()) {
                    return;
                }
                drafts.add(draft.get());
            }
            act(() -> reviews.decide(sheetId, page.sheet().contentHash(), outcome.getValue(), comment.getValue(),
                    outcome.getValue() == ReviewStatus.ACTION_REQUIRED ? drafts : List.of()), "Review decided.");
        });
        decide.setId("review-decide");
        decide.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var hint = new Paragraph("Deciding signs the sheet's QA box with your name and today's date, bound to version "
                + page.sheet().versionNumber() + " and its SHA-256. It is not changed afterwards.");
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(outcome, comment, rows, addAction, hint, decide);
        return section;
    }

    /** One action being written: its ACs, an optional moment, and what the assessor should do. */
    private final class ActionRow extends Div {

        private final MultiSelectComboBox<String> acs;
        private final TextField at;
        private final TextArea text;

        ActionRow(int n, List<String> numbers) {
            addClassName("review-action-row");
            acs = new MultiSelectComboBox<>("Action " + n + ": ACs");
            acs.setId("review-action-" + n + "-acs");
            acs.setItems(numbers);
            at = new TextField("Moment (m:ss, optional)");
            at.setId("review-action-" + n + "-at");
            at.setWidth("10rem");
            text = new TextArea("Action " + n + ": what the assessor should do");
            text.setId("review-action-" + n + "-text");
            text.setMaxLength(4000);
            text.setWidth("28rem");
            add(acs, at, text);
            addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                    LumoUtility.AlignItems.END);
        }

        Optional<ActionDraft> draft() {
            Long moment = null;
            if (!at.getValue().isBlank()) {
                moment = moment(at.getValue());
                if (moment == null) {
                    at.setInvalid(true);
                    at.setErrorMessage("Give the moment as m:ss, or leave it empty");
                    return Optional.empty();
                }
            }
            return Optional.of(new ActionDraft(List.copyOf(acs.getValue()),
                    moment, text.getValue()));
        }
    }

    /** The actions of a decided review and their answers; the assessor answers the open ones here. */
    private Section actions(ReviewView review, boolean mayAnswer) {
        var section = new Section(new H2("Actions for the assessor"));
        section.setId("review-actions");
        if (review.actions().isEmpty()) {
            section.add(new Paragraph("None."));
        }
        review.actions().forEach(a -> section.add(ActionItem.of(a, mayAnswer, player, this::answer)));
        return section;
    }

    private void answer(ActionView action, AnswerKind kind, String text) {
        act(() -> reviews.answer(action.id(), kind, text), "Answer recorded.");
    }

    private Section earlier() {
        var section = new Section(new H2("Reviews of earlier versions"));
        section.setId("review-earlier");
        for (ReviewView r : page.earlier()) {
            var heading = new H3("Version " + r.sheetVersion() + ": " + r.status().label() + (r.voided() ? " (void)"
                    : "") + " by " + r.reviewerName() + (r.decidedAt() == null ? ""
                            : " on " + DisplayFormats.dateTime(r.decidedAt())));
            section.add(heading);
            var link = new Anchor("review/" + r.sheetId(), "Open the review of version " + r.sheetVersion());
            section.add(new Paragraph(link));
            r.actions().forEach(a -> section.add(ActionItem.of(a, false, null, null)));
        }
        return section;
    }

    private void act(Runnable step, String done) {
        try {
            step.run();
            Notifications.success(done);
            refresh();
        } catch (ReviewException | SheetException | AccessRefusedException e) {
            Notifications.error(e.getMessage());
        }
    }

    private static Paragraph message(String id, String text, boolean error) {
        var paragraph = new Paragraph(text);
        paragraph.setId(id);
        paragraph.addClassNames(error ? LumoUtility.TextColor.ERROR : LumoUtility.TextColor.SECONDARY);
        return paragraph;
    }

    static String span(long startMs, Long endMs) {
        return TimeFormat.counter(startMs) + (endMs == null ? "" : "–" + TimeFormat.counter(endMs));
    }

    static String clock(long ms) {
        long s = ms / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    /** "1:55", "1:02:03" or "115" (seconds) as milliseconds, or null. */
    static Long moment(String text) {
        Matcher m = MOMENT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return null;
        }
        if (m.group(4) != null) {
            return Math.round(Double.parseDouble(m.group(4)) * 1000);
        }
        long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long min = Long.parseLong(m.group(2));
        long sec = Long.parseLong(m.group(3));
        if (sec > 59) {
            return null;
        }
        return ((h * 60 + min) * 60 + sec) * 1000;
    }
}
