package app.earmark.catalogue.ui;

import app.earmark.base.ui.KeyboardAccess;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.CatalogueImport;
import app.earmark.catalogue.CombinationRule;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Qualifications, their units and rules of combination; units outside any qualification. */
@Route("catalogue")
@PageTitle("Catalogue · Earmark")
@Menu(order = 20, icon = "vaadin:book", title = "Catalogue")
@PermitAll
class CatalogueView extends Main {

    private final Catalogue catalogue;
    private final Div content = new Div();

    CatalogueView(Catalogue catalogue, CatalogueImport catalogueImport, CurrentUser currentUser) {
        this.catalogue = catalogue;
        addClassNames(LumoUtility.Padding.MEDIUM);
        var header = new HorizontalLayout(new H1("Qualification catalogue"));
        header.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        if (currentUser.require().hasRole(Role.ADMIN)) {
            var importButton = new Button("Import a unit", VaadinIcon.UPLOAD.create(),
                    e -> new ImportUnitDialog(catalogueImport, this::refresh).open());
            importButton.setId("import-unit");
            importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var importQualification = new Button("Import a qualification", VaadinIcon.UPLOAD.create(),
                    e -> ImportUnitDialog.qualification(catalogueImport, this::refresh).open());
            importQualification.setId("import-qualification");
            header.add(importButton, importQualification);
        }
        add(header, content);
        refresh();
    }

    private void refresh() {
        content.removeAll();
        catalogue.qualifications().forEach(q -> content.add(qualification(q)));
        List<Unit> standalone = catalogue.standaloneUnits();
        if (!standalone.isEmpty()) {
            var section = new Section(new H3("Units outside a qualification"),
                    new Paragraph("Provisional units transcribed from sheets without a unit number, and units a centre"
                            + " imported."),
                    units(standalone));
            section.setId("standalone-units");
            content.add(section);
        }
    }

    private Section qualification(Qualification q) {
        var d = q.definition();
        var section = new Section();
        section.setId("qualification-" + q.code());
        section.addClassNames(LumoUtility.Margin.Bottom.XLARGE);
        section.add(new H3(q.code() + " · " + q.title()));
        var facts = new ArrayList<String>();
        facts.add("Level " + d.level());
        if (d.awardingBody() != null) {
            facts.add(d.awardingBody());
        }
        if (d.credits() != null) {
            facts.add(d.credits() + " credits");
        }
        if (d.glh() != null) {
            facts.add("GLH " + d.glh());
        }
        if (d.tqt() != null) {
            facts.add("TQT " + d.tqt());
        }
        facts.add("version " + d.version());
        var factLine = new Span(String.join(" · ", facts));
        factLine.addClassNames(LumoUtility.TextColor.SECONDARY);
        section.add(factLine, units(q.units()));
        if (!d.rulesOfCombination().isEmpty()) {
            var rules = new Div(new H4("Rules of combination"));
            rules.addClassName("rules-of-combination");
            d.rulesOfCombination().forEach(rule -> rules.add(rule(rule)));
            section.add(rules);
        }
        return section;
    }

    private static Div rule(CombinationRule rule) {
        var items = new UnorderedList();
        if (!rule.mandatory().isEmpty()) {
            items.add(new ListItem("All of: " + String.join(", ", rule.mandatory())));
        }
        if (!rule.oneGroupOf().isEmpty()) {
            items.add(new ListItem("And every unit of one of: " + rule.oneGroupOf().stream()
                    .map(g -> g.name() + " (" + String.join(" + ", g.units()) + ")")
                    .collect(Collectors.joining(" or "))));
        }
        if (rule.minimumCredits() != null) {
            items.add(new ListItem("At least " + rule.minimumCredits() + " credits"));
        }
        var title = new Span(rule.award());
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var description = new Paragraph(rule.description() == null ? "" : rule.description());
        description.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        var box = new Div(title);
        box.addClassName("combination-rule");
        box.getElement().setAttribute("data-award", rule.award());
        if (rule.unconfirmed()) {
            var badge = new Span("Provisional");
            badge.addClassName("provisional-badge");
            badge.getElement().getThemeList().add("badge contrast");
            badge.addClassNames(LumoUtility.Margin.Left.SMALL);
            var reason = new Paragraph("Provisional rule: " + rule.provisional());
            reason.addClassName("provisional-reason");
            reason.addClassNames(LumoUtility.FontSize.SMALL);
            box.add(badge, items, reason, description);
        } else {
            box.add(items, description);
        }
        return box;
    }

    private Grid<Unit> units(List<Unit> units) {
        var grid = new Grid<Unit>();
        grid.addClassName("units-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setAllRowsVisible(true);
        grid.addColumn(Unit::code).setHeader("Unit").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> u.title() + (u.definition().isProvisional() ? " (provisional)" : ""))
                .setHeader("Title").setFlexGrow(3);
        grid.addColumn(u -> u.definition().level()).setHeader("Level").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> orDash(u.definition().credits())).setHeader("Credits").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> orDash(u.definition().glh())).setHeader("GLH").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> orDash(u.definition().uan())).setHeader("UAN").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> u.definition().criteria().count()).setHeader("ACs").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> u.definition().isMarked() ? "Marks" : "Pass / Referral").setHeader("Assessed by")
                .setAutoWidth(true);
        grid.setItems(units);
        KeyboardAccess.openRows(grid, unit -> grid.getUI().ifPresent(ui -> ui.navigate(UnitView.class,
                new RouteParameters("code", unit.code()))));
        return grid;
    }

    private static String orDash(Object value) {
        return value == null ? "–" : value.toString();
    }
}
