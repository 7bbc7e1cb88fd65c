package app.earmark.security;

import app.earmark.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A person's own personal API tokens: create one (shown once), see when each was last used, revoke.
 * Every signed-in person has this page; it shows only their own tokens.
 */
@Route("account/tokens")
@PageTitle("API tokens · Earmark")
@Menu(order = 95, icon = "vaadin:key", title = "API tokens")
@PermitAll
class ApiTokensView extends Main {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.systemDefault());

    /** The validities offered, in the order shown. */
    enum Validity {
        DAYS_30("30 days", Duration.ofDays(30)),
        DAYS_90("90 days", Duration.ofDays(90)),
        YEAR("1 year", Duration.ofDays(365)),
        NEVER("No expiry", null);

        final String label;
        final Duration duration;

        Validity(String label, Duration duration) {
            this.label = label;
            this.duration = duration;
        }
    }

    private final ApiTokens tokens;
    private final Grid<ApiTokens.TokenSummary> grid = new Grid<>();
    private final Div issued = new Div();

    ApiTokensView(ApiTokens tokens) {
        this.tokens = tokens;
        addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        setSizeFull();

        var intro = new Paragraph("A personal API token lets a program read what you may read in Earmark, through"
                + " the JSON API (" + "Authorization: Bearer ea_…), without your password. Tokens only read. Keep a"
                + " token secret; revoke it when the program no longer needs it.");

        var name = new TextField("Name");
        name.setId("token-name");
        name.setPlaceholder("e.g. Centre reports");
        name.setMaxLength(100);
        name.setWidth("20rem");
        var validity = new Select<Validity>();
        validity.setId("token-validity");
        validity.setLabel("Expires after");
        validity.setItems(Validity.values());
        validity.setItemLabelGenerator(v -> v.label);
        validity.setValue(Validity.DAYS_90);
        var create = new Button("Create token", e -> {
            try {
                var created = tokens.create(name.getValue(), validity.getValue().duration);
                name.clear();
                showIssued(created);
                refresh();
            } catch (ApiTokens.ApiTokenException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        name.addValueChangeListener(e -> name.setInvalid(false));
        var form = new HorizontalLayout(name, validity, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        issued.setId("issued-token");
        issued.setVisible(false);

        grid.setId("token-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ApiTokens.TokenSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(t -> t.hint() + "…").setHeader("Token").setAutoWidth(true);
        grid.addColumn(t -> when(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(t -> t.expiresAt() == null ? "Never" : when(t.expiresAt())).setHeader("Expires")
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "Never" : when(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        grid.addColumn(ApiTokens.TokenSummary::status).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::revokeButton).setKey("revoke").setHeader("").setAutoWidth(true).setFlexGrow(0);

        add(new H2("API tokens"), intro, form, issued, grid);
        refresh();
    }

    private void showIssued(ApiTokens.IssuedToken created) {
        issued.removeAll();
        var token = new TextField("Your new token \"" + created.summary().name() + "\"");
        token.setId("issued-token-value");
        token.setValue(created.token());
        token.setReadOnly(true);
        token.setWidthFull();
        var note = new Span("Copy it now: Earmark keeps only a fingerprint of it and cannot show it again.");
        note.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        issued.add(token, note);
        issued.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.Background.CONTRAST_5,
                LumoUtility.BorderRadius.MEDIUM);
        issued.setVisible(true);
    }

    private Button revokeButton(ApiTokens.TokenSummary token) {
        var revoke = new Button("Revoke", e -> {
            var confirm = new ConfirmDialog("Revoke \"" + token.name() + "\"?",
                    "Programs using this token can no longer read anything with it. This cannot be undone.",
                    "Revoke", ok -> {
                        tokens.revoke(token.id());
                        Notifications.success("The token \"" + token.name() + "\" is revoked.");
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        revoke.setEnabled(token.revokedAt() == null && "Active".equals(token.status()));
        revoke.getElement().setAttribute("aria-label", "Revoke " + token.name());
        return revoke;
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
