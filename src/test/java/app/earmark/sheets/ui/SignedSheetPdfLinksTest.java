package app.earmark.sheets.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.sheets.AcResult;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.Anchor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PDF of every signed version of a result sheet is linked from the sheet page, the learner's page and the evidence
 * record of the discussions that assessed the unit; a draft has no PDF link.
 */
class SignedSheetPdfLinksTest extends ViewTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    ResultSheets sheets;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private static List<String> pdfLinks(String within) {
        return _find(_get(Component.class, spec -> spec.withId(within)), Anchor.class,
                spec -> spec.withClasses("sheet-pdf")).stream().map(Anchor::getHref).toList();
    }

    private static String pdf(SheetView sheet) {
        return "/exports/sheets/" + sheet.id() + ".pdf";
    }

    @Test
    void everySignedVersionHasItsPdfLinkedWhereverTheSheetIsShown() {
        // Other test classes share the database: the learner's page lists every unit's signed sheets.
        List.of("8587-301", "8587-302", "8587-303", "8587-304", "8587-305").forEach(code -> fixtures.clear("learner", code));
        long discussion = fixtures.discussion("learner", "8587-300");
        SheetView first = fixtures.signedPass("learner", "8587-300");
        SheetView amendment = signedIn.as("assessor", () -> sheets.amend(first.id()));
        SheetView second = fixtures.sign(fixtures.save(amendment, false, SheetFixtures.allPass(first.unit())),
                AcResult.PASS);
        SheetView draft = signedIn.as("assessor", () -> sheets.amend(second.id()));
        long learner = trail.userId("learner");

        String sheetPage = "learners/" + learner + "/units/" + first.unit().id() + "/sheet";
        openAs("learner", sheetPage);
        UI.getCurrent().navigate(sheetPage, QueryParameters.of("version", "2"));
        assertThat(pdfLinks("signed-pdf")).containsExactly(pdf(second));

        openAs("assessor", "learners/" + learner);
        assertThat(pdfLinks("learner-sheets")).containsExactly(pdf(second), pdf(first))
                .doesNotContain(pdf(draft));

        openAs("learner", "discussions/" + discussion);
        assertThat(pdfLinks("evidence-signed-sheets")).containsExactly(pdf(second), pdf(first));
        assertThat(_find(_get(Component.class, spec -> spec.withId("evidence-signed-sheets")), Anchor.class,
                spec -> spec.withClasses("sheet-pdf")).get(0).getText()).startsWith("PDF of version 2 (signed: Pass, ");
    }
}
