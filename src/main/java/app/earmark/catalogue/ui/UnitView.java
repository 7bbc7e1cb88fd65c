package app.earmark.catalogue.ui;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.catalogue.Unit;
import app.earmark.catalogue.UnitDefinition;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One unit version in full: facts, aim, and every learning outcome with its ACs, marks, sufficiency
 * descriptors, depth and assessment guidance; with links to the unit's other versions.
 */
@Route("catalogue/units/:code/:version?")
@PermitAll
class UnitView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final Catalogue catalogue;
    private String title = "Unit · Earmark";

    UnitView(Catalogue catalogue) {
        this.catalogue = catalogue;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getRouteParameters().get("code").orElseThrow(NotFoundException::new);
        Optional<Unit> unit = event.getRouteParameters().getInteger("version")
                .flatMap(version -> catalogue.unit(code, version))
                .or(() -> event.getRouteParameters().get("version").isPresent() ? Optional.empty()
                        : catalogue.unit(code));
        if (unit.isEmpty()) {
            event.rerouteToError(NotFoundException.class, "There is no unit " + code + " with that version.");
            return;
        }
        removeAll();
        show(unit.get());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(Unit unit) {
        UnitDefinition d = unit.definition();
        title = unit.code() + " · Earmark";
        var heading = new H1(unit.code() + " · " + d.title());
        heading.setId("unit-title");
        add(new RouterLink("← Catalogue", CatalogueView.class), heading, facts(unit));
        if (d.isProvisional()) {
            var badge = new Span("Provisional: the source gives no official unit number");
            badge.getElement().getThemeList().add("badge contrast");
            add(badge);
        }
        if (d.aim() != null) {
            add(new Paragraph(d.aim()));
        }
        d.learningOutcomes().forEach(lo -> add(outcome(d, lo)));
        if (d.isMarked()) {
            var total = new Paragraph("Total marks: " + d.totalMarks() + ". Every AC must reach its minimum: any AC"
                    + " below its minimum is an automatic referral, whatever the total.");
            total.setId("marks-rule");
            add(total);
        }
        if (d.source() != null || d.notes() != null) {
            var provenance = new Div();
            if (d.source() != null) {
                provenance.add(new Paragraph("Source: " + d.source()));
            }
            if (d.notes() != null) {
                provenance.add(new Paragraph("Transcription notes: " + d.notes()));
            }
            provenance.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            add(new Details("Where this comes from", provenance));
        }
        add(versions(unit));
    }

    private static Span facts(Unit unit) {
        UnitDefinition d = unit.definition();
        List<String> facts = new ArrayList<>();
        facts.add("Level " + d.level());
        if (d.credits() != null) {
            facts.add(d.credits() + " credits");
        }
        if (d.glh() != null) {
            facts.add("GLH " + d.glh());
        }
        if (d.uan() != null) {
            facts.add("UAN " + d.uan());
        }
        if (d.assessmentMethod() != null) {
            facts.add(d.assessmentMethod());
        }
        facts.add(d.sheet().label());
        facts.add("version " + d.version());
        var line = new Span(String.join(" · ", facts));
        line.setId("unit-facts");
        line.addClassNames(LumoUtility.TextColor.SECONDARY);
        return line;
    }

    private static Section outcome(UnitDefinition unit, LearningOutcome lo) {
        var section = new Section(new H3("Learning outcome " + lo.number() + ": " + lo.title()));
        section.addClassNames(LumoUtility.Margin.Top.LARGE);
        lo.assessmentCriteria().forEach(ac -> section.add(criterion(unit, ac)));
        if (!lo.indicativeContent().isEmpty()) {
            section.add(new Details("Indicative content", bullets(lo.indicativeContent())));
        }
        return section;
    }

    private static Div criterion(UnitDefinition unit, AssessmentCriterion ac) {
        var card = new Div();
        card.setId("ac-" + ac.number().replace('.', '-'));
        card.addClassNames("criterion", LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Padding.MEDIUM, LumoUtility.Margin.Bottom.MEDIUM);
        var label = new Span(ac.label());
        label.addClassNames(LumoUtility.FontWeight.BOLD);
        var text = new Span(" " + ac.text());
        text.addClassName("ac-text");
        card.add(new Div(label, text));
        if (unit.isMarked()) {
            var marks = new Span(ac.marks() + " marks (minimum " + ac.minimum() + ")");
            marks.addClassName("ac-marks");
            marks.getElement().getThemeList().add("badge");
            card.add(marks);
        }
        if (!ac.descriptors().isEmpty()) {
            var columns = new FlexLayout();
            columns.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            columns.getStyle().set("gap", "var(--lumo-space-m)");
            columns.add(descriptor("Referral", ac.descriptors().referral()),
                    descriptor("Pass", ac.descriptors().pass()),
                    descriptor("Good Pass", ac.descriptors().goodPass()));
            card.add(columns);
        }
        if (ac.depth() != null) {
            card.add(new Details("Depth", multiline(ac.depth())));
        }
        if (ac.guidance() != null) {
            card.add(new Details("Assessment guidance", multiline(ac.guidance())));
        }
        return card;
    }

    private static Component descriptor(String level, List<String> bullets) {
        if (bullets.isEmpty()) {
            return new Div();
        }
        var column = new Div(new H4(level), bullets(bullets));
        column.addClassName("descriptor-" + level.toLowerCase().replace(' ', '-'));
        column.getStyle().set("flex", "1 1 16rem");
        return column;
    }

    private static UnorderedList bullets(List<String> texts) {
        var list = new UnorderedList();
        texts.forEach(t -> list.add(new ListItem(t)));
        return list;
    }

    private static Div multiline(String text) {
        var div = new Div();
        text.lines().forEach(line -> div.add(new Paragraph(line)));
        return div;
    }

    private Component versions(Unit shown) {
        var list = new UnorderedList();
        list.setId("unit-versions");
        for (Unit version : catalogue.versions(shown.code())) {
            String text = "Version " + version.version() + " · " + version.origin().name().toLowerCase() + " by "
                    + version.storedBy() + " · SHA-256 " + version.contentHash().substring(0, 12) + "…";
            if (version.id() == shown.id()) {
                list.add(new ListItem(text + " (shown)"));
            } else {
                var link = new RouterLink(text, UnitView.class, new com.vaadin.flow.router.RouteParameters(
                        java.util.Map.of("code", version.code(), "version", String.valueOf(version.version()))));
                list.add(new ListItem(link));
            }
        }
        return new Section(new H4("Versions"), list);
    }
}
