package app.earmark.review.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.TimeFormat;
import app.earmark.review.AnswerKind;
import app.earmark.review.ReviewView.ActionView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** One action of a review: the ACs, the moment (a click plays it), what to do, and the answer or the answer form. */
final class ActionItem {

    /** Records an answer. */
    interface Answer {
        void give(ActionView action, AnswerKind kind, String text);
    }

    private ActionItem() {
    }

    static Div of(ActionView a, boolean mayAnswer, ReviewPlayer player, Answer answer) {
        var box = new Div();
        box.setId("qa-action-" + a.id());
        box.addClassNames("qa-action", LumoUtility.Border.LEFT, LumoUtility.Padding.Left.MEDIUM,
                LumoUtility.Margin.Vertical.SMALL);
        box.getStyle().set("border-left-width", "4px");
        var head = new Paragraph(new Span("AC " + String.join(", ", a.acNumbers())));
        head.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.Margin.NONE);
        if (a.atMs() != null) {
            if (player != null) {
                var jump = new Button("at " + TimeFormat.counter(a.atMs()), e -> player.seek(a.atMs()));
                jump.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                jump.addClassName("qa-action-time");
                head.add(new Span(" "), jump);
            } else {
                head.add(new Span(" at " + TimeFormat.counter(a.atMs())));
            }
        }
        var text = new Paragraph(a.text());
        text.addClassNames("qa-action-text", LumoUtility.Margin.NONE);
        text.getStyle().set("white-space", "pre-wrap");
        box.add(head, text);
        if (a.answered()) {
            var answered = new Paragraph("Answer: " + a.answerKind().label() + " (" + a.answeredBy() + ", "
                    + DisplayFormats.dateTime(a.answeredAt()) + "): " + a.answerText());
            answered.addClassNames("qa-action-answer", LumoUtility.TextColor.SUCCESS);
            answered.getStyle().set("white-space", "pre-wrap");
            box.add(answered);
        } else if (mayAnswer && answer != null) {
            var kind = new Select<AnswerKind>();
            kind.setLabel("How you answered");
            kind.setId("qa-action-" + a.id() + "-kind");
            kind.setItems(AnswerKind.values());
            kind.setItemLabelGenerator(AnswerKind::label);
            var reply = new TextArea("What you did, or your reply");
            reply.setId("qa-action-" + a.id() + "-reply");
            reply.setMaxLength(4000);
            reply.setWidth("28rem");
            var send = new Button("Answer the action", e -> answer.give(a, kind.getValue(), reply.getValue()));
            send.setId("qa-action-" + a.id() + "-answer");
            send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var form = new Div(kind, reply, send);
            form.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.MEDIUM,
                    LumoUtility.AlignItems.END);
            box.add(form);
        } else {
            var open = new Paragraph("Not answered yet.");
            open.addClassNames("qa-action-open", LumoUtility.TextColor.SECONDARY);
            box.add(open);
        }
        return box;
    }
}
