package app.earmark.catalogue.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.ViewTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;

class CatalogueViewTest extends ViewTest {

    @Test
    void onlyAnAdministratorIsOfferedTheImport() {
        openAs("admin", "catalogue");
        _assertOne(Button.class, spec -> spec.withId("import-unit"));
        openAs("assessor", "catalogue");
        _assertNone(Button.class, spec -> spec.withId("import-unit"));
    }

    @Test
    void listsBothQualificationsAndTheProvisionalUnit() {
        openAs("learner", "catalogue");
        assertThat(_find(Grid.class, spec -> spec.withClasses("units-grid"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(_get(com.vaadin.flow.component.html.Section.class, spec -> spec.withId("standalone-units"))
                .getElement().getTextRecursively()).contains("Units outside a qualification");
    }

    @Test
    void aUnitPageShowsEveryAcWithItsMarks() {
        openAs("assessor", "catalogue/units/8580-503");
        assertThat(_find(Span.class, spec -> spec.withClasses("ac-marks"))).hasSize(9)
                .first().extracting(Span::getText).isEqualTo("16 marks (minimum 8)");
    }
}
