package app.earmark.sheets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declarations on one signed version of a result sheet, for showing and printing beside it: the
 * learner's authenticity confirmation, their refusal of use for standardisation, and the QA check.
 */
public record SheetDeclarations(long sheetId, List<Declaration> all) {

    public SheetDeclarations {
        all = List.copyOf(all);
    }

    /** A version nobody has declared on (a draft, say). */
    public static SheetDeclarations none(long sheetId) {
        return new SheetDeclarations(sheetId, List.of());
    }

    /** The IQA's verification comments by learning-outcome number: the sheet's own, then the QA check's over them. */
    public Map<Integer, String> verificationComments(SheetView sheet) {
        Map<Integer, String> comments = new HashMap<>(sheet.content().verificationComments());
        qaCheck().map(Declaration::verificationComments).ifPresent(comments::putAll);
        return comments;
    }

    public Optional<Declaration> of(DeclarationKind kind) {
        return all.stream().filter(d -> d.kind() == kind).findFirst();
    }

    public Optional<Declaration> authenticity() {
        return of(DeclarationKind.LEARNER_AUTHENTICITY);
    }

    public Optional<Declaration> standardisationOptOut() {
        return of(DeclarationKind.STANDARDISATION_OPT_OUT);
    }

    public Optional<Declaration> qaCheck() {
        return of(DeclarationKind.QA_CHECK);
    }
}
