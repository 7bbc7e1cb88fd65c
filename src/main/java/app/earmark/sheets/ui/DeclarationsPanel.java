package app.earmark.sheets.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.Declaration;
import app.earmark.sheets.DeclarationKind;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.SheetDeclarations;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The declarations at the foot of the form, on a signed version: the learner's authenticity confirmation,
 * their refusal of use for standardisation, and the QA outcome with signature and date of the QA check.
 * The learner (and only they) sees the exact statement beside the button that makes it; the IQA who
 * quality-assures the assessor records the QA check. What was declared is shown word for word. The learner confirms
 * each declaration in a dialog stating exactly what they declare, and may withdraw it, giving a reason; a withdrawn
 * declaration is shown struck through with who withdrew it, when and why.
 */
class DeclarationsPanel extends Section {

    private final Declarations declarations;
    private final Runnable reload;

    /**
     * @param latest whether this is the latest version (declarations are made only on it)
     * @param reload what to do after a declaration is made (show the sheet again)
     */
    DeclarationsPanel(SheetView sheet, boolean latest, SheetDeclarations made, Declarations declarations,
            Runnable reload) {
        this.declarations = declarations;
        this.reload = reload;
        setId("declarations");
        addClassNames(LumoUtility.Margin.Vertical.LARGE);
        add(new H3("Declarations"));
        if (!sheet.signed()) {
            add(note("declarations-draft", "The learner's confirmation and the QA check are made on a signed version;"
                    + " this version is a draft."));
            return;
        }
        boolean learner = latest && declarations.mayDeclareAsLearner(sheet);
        add(new H4("Learner's authenticity confirmation"));
        add(made.authenticity().<Component>map(d -> declared("authenticity-made", "Confirmed by", d, learner))
                .orElseGet(() -> learner ? offer(sheet, DeclarationKind.LEARNER_AUTHENTICITY, "confirm-authenticity",
                        "Confirm this is a true record", () -> declarations.confirmAuthenticity(sheet.id()))
                        : note("authenticity-missing", "Not confirmed by the learner yet. The awarding body cannot"
                                + " ratify an assessment the learner has not confirmed as their own work.")));

        add(new H4("Use of work for standardisation"));
        add(note(null, "ILM uses learners' work, on an anonymous basis, for assessment standardisation, on condition"
                + " that all information which may identify the learner is removed. A learner who is unwilling may"
                + " refuse."));
        add(made.standardisationOptOut().<Component>map(d -> declared("opt-out-made", "Refused by", d, learner))
                .orElseGet(() -> learner ? offer(sheet, DeclarationKind.STANDARDISATION_OPT_OUT,
                        "refuse-standardisation", "Refuse use of my work for standardisation",
                        () -> declarations.refuseStandardisation(sheet.id()))
                        : note("opt-out-missing", "The learner has not refused.")));

        add(new H4("Quality assurance"));
        Optional<Declaration> qa = made.qaCheck();
        if (qa.isPresent()) {
            add(qaCheck(qa.get()));
        } else if (latest && declarations.mayCheck(sheet)) {
            var review = new com.vaadin.flow.component.html.Anchor("review/" + sheet.id(),
                    "Review at the moment: the recording, AC by AC, with actions for the assessor");
            review.setId("open-qa-review");
            add(new Paragraph(review), note(null, "Deciding the review records this QA check. Or record it directly:"));
            add(new QaCheckForm(sheet, declarations, reload));
        } else {
            add(note("qa-check-missing", "Not quality-assured yet."));
        }
    }

    private Div offer(SheetView sheet, DeclarationKind kind, String buttonId, String label,
            Supplier<Declaration> declare) {
        var statement = new Paragraph(Declarations.statement(kind, sheet, null));
        statement.setId(buttonId + "-statement");
        statement.addClassNames("declaration-statement", LumoUtility.Border.LEFT, LumoUtility.Padding.Left.MEDIUM,
                LumoUtility.FontSize.MEDIUM);
        statement.getStyle().set("border-left-width", "4px");
        var button = new Button(label + "…", e -> confirm(kind, label, statement.getText(), declare));
        button.setId(buttonId);
        button.addThemeVariants(kind == DeclarationKind.LEARNER_AUTHENTICITY ? ButtonVariant.LUMO_PRIMARY
                : ButtonVariant.LUMO_CONTRAST);
        var hint = note(null, "The button asks you to confirm; then this statement is recorded with your name, the"
                + " date and the SHA-256 of this signed version. You may withdraw it later, giving your reason.");
        return new Div(statement, hint, button);
    }

    /** Asks the learner to confirm exactly what they declare before it is recorded. */
    private void confirm(DeclarationKind kind, String label, String statement, Supplier<Declaration> declare) {
        var dialog = new Dialog();
        dialog.setId("declaration-dialog");
        dialog.setHeaderTitle(label + "?");
        var exact = new Paragraph(statement);
        exact.setId("declaration-dialog-statement");
        exact.addClassNames("declaration-statement");
        dialog.add(new Paragraph("You declare, in these words:"), exact, note(null, "It is recorded with your name,"
                + " the date and the SHA-256 of this signed version. You may withdraw it later, giving your reason."));
        var cancel = new Button("Cancel", e -> dialog.close());
        cancel.setId("cancel-declaration");
        var yes = new Button("Yes, I declare this", e -> {
            dialog.close();
            try {
                declare.get();
                Notifications.success("Recorded: " + kind.label() + ".");
                reload.run();
            } catch (SheetException | AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        yes.setId("confirm-declaration");
        yes.setDisableOnClick(true);
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, yes);
        dialog.open();
    }

    private Div declared(String id, String verb, Declaration d, boolean learner) {
        var who = new Paragraph(verb + " " + d.signature() + " on "
                + SheetLinks.when(d.declaredAt()) + ", on version " + d.sheetVersionNumber() + ":");
        var statement = new Paragraph(d.statement());
        statement.addClassNames("declaration-statement", LumoUtility.Border.LEFT, LumoUtility.Padding.Left.MEDIUM);
        var box = new Div(who, statement);
        box.setId(id);
        if (d.withdrawn()) {
            var withdrawn = new Paragraph("WITHDRAWN by " + d.withdrawnBy() + " on " + SheetLinks.when(d.withdrawnAt())
                    + ". Reason: " + d.withdrawalReason());
            withdrawn.setId(id + "-withdrawn");
            withdrawn.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontWeight.SEMIBOLD);
            withdrawn.getStyle().set("white-space", "pre-wrap");
            statement.getStyle().set("text-decoration", "line-through");
            box.add(withdrawn);
        } else if (learner) {
            var withdraw = new Button("Withdraw…", e -> withdraw(d));
            withdraw.setId(id + "-withdraw");
            box.add(withdraw);
        }
        return box;
    }

    /** Asks for the reason (required), then withdraws the declaration. */
    private void withdraw(Declaration d) {
        var dialog = new Dialog();
        dialog.setId("withdraw-dialog");
        dialog.setHeaderTitle("Withdraw your declaration?");
        var reason = new TextArea("Reason for withdrawing (required)");
        reason.setId("withdrawal-reason");
        reason.setWidthFull();
        reason.setMaxLength(4000);
        reason.setRequiredIndicatorVisible(true);
        dialog.add(new Paragraph("You withdraw: \u201c" + d.statement() + "\u201d"), note(null, "The declaration stays"
                + " on record, marked withdrawn with the date and your reason, on this page and in the PDF."), reason);
        var cancel = new Button("Cancel", e -> dialog.close());
        var yes = new Button("Withdraw the declaration", e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Give the reason for withdrawing");
                return;
            }
            try {
                declarations.withdraw(d.sheetId(), d.kind(), reason.getValue());
                dialog.close();
                Notifications.success("Withdrawn: " + d.kind().label() + ".");
                reload.run();
            } catch (SheetException | AccessRefusedException ex) {
                reason.setInvalid(true);
                reason.setErrorMessage(ex.getMessage());
            }
        });
        yes.setId("confirm-withdrawal");
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, yes);
        dialog.open();
    }

    private static Div qaCheck(Declaration d) {
        var outcome = new Paragraph("QA outcome: " + d.outcome().label());
        outcome.setId("qa-outcome-made");
        outcome.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var signature = new Paragraph("Signature of QA: " + d.signature() + " · Date of"
                + " QA check: " + SheetLinks.when(d.declaredAt()));
        var box = new Div(outcome, signature);
        if (d.voided()) {
            outcome.getStyle().set("text-decoration", "line-through");
            signature.getStyle().set("text-decoration", "line-through");
            var voided = new Paragraph("QA acceptance VOID since " + SheetLinks.when(d.voidedAt()) + ": "
                    + d.voidReason());
            voided.setId("qa-check-void");
            voided.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontWeight.SEMIBOLD);
            box.add(voided);
        }
        if (d.comment() != null) {
            var comment = new Paragraph("Comment: " + d.comment());
            comment.setId("qa-comment-made");
            comment.getStyle().set("white-space", "pre-wrap");
            box.add(comment);
        }
        box.setId("qa-check-made");
        return box;
    }

    private static Paragraph note(String id, String text) {
        var note = new Paragraph(text);
        if (id != null) {
            note.setId(id);
        }
        note.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        return note;
    }
}
