package app.earmark.catalogue.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.ViewTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
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
    void theInferred8580DiplomaRuleCarriesAProvisionalBadgeAndItsReason() {
        openAs("assessor", "catalogue");
        var rules = _find(Div.class, spec -> spec.withClasses("combination-rule"));
        var shipped = rules.stream().filter(r -> r.getParent().flatMap(Component::getParent)
                .flatMap(Component::getId).filter(id -> id.equals("qualification-8580")
                        || id.equals("qualification-8587")).isPresent()).toList();
        var diploma = rules.stream().filter(r -> "Diploma".equals(r.getElement().getAttribute("data-award")))
                .filter(r -> r.getParent().flatMap(Component::getParent).flatMap(Component::getId)
                        .equals(java.util.Optional.of("qualification-8580")))
                .findFirst().orElseThrow();
        assertThat(_get(diploma, Span.class, spec -> spec.withClasses("provisional-badge")).getText())
                .isEqualTo("Provisional");
        assertThat(_get(diploma, Paragraph.class, spec -> spec.withClasses("provisional-reason")).getText())
                .startsWith("Provisional rule: The source lists the Diploma as 'three mandatory units (total credit"
                        + " value 37)' without naming them; Earmark infers units 502 and 503 plus 500 or 501");
        // Rules the sources state carry no badge: the 8580 Certificate and the 8587 Certificate.
        assertThat(shipped).hasSize(3).filteredOn(r -> !_find(r, Span.class, spec -> spec.withClasses("provisional-badge"))
                .isEmpty()).containsExactly(diploma);
    }

    @Test
    void aUnitPageShowsEveryAcWithItsMarks() {
        openAs("assessor", "catalogue/units/8580-503");
        assertThat(_find(Span.class, spec -> spec.withClasses("ac-marks"))).hasSize(9)
                .first().extracting(Span::getText).isEqualTo("16 marks (minimum 8)");
    }
}
