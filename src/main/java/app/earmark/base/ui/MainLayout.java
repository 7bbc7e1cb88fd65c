package app.earmark.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The frame around every signed-in page: the navigation built from the views' {@code @Menu}
 * annotations (filtered by what the person may open), and who is signed in with a sign-out button.
 * The layout imports no view.
 */
@Layout
@AnonymousAllowed
@JsModule("./accessibility.ts")
public final class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);
        var brand = new Span("Earmark");
        brand.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD, LumoUtility.Padding.MEDIUM);
        addToDrawer(navigation());
        // Landmarks: the bar is the page's banner, the menu its navigation, each view its <main>.
        var banner = new Header(KeyboardAccess.skipLink("Skip to content", "main"), new DrawerToggle(), brand,
                searchBox(authentication), userBar(authentication));
        banner.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Width.FULL);
        addToNavbar(banner);
    }

    private static SideNav navigation() {
        var nav = new SideNav();
        nav.setId("main-nav");
        nav.getElement().setAttribute("aria-label", "Main menu");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        return nav;
    }

    private static SideNavItem item(MenuEntry entry) {
        return entry.icon() == null
                ? new SideNavItem(entry.title(), entry.path())
                : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
    }

    /**
     * The search box on every page: Enter opens {@code /search?q=…} (by path: the layout imports no view). Alt+/
     * focuses it from anywhere; the workspace's tagging keys are single keys and Ctrl combinations, never Alt.
     */
    private static Component searchBox(AuthenticationContext authentication) {
        var field = new TextField();
        field.setId("top-search");
        field.setPlaceholder("Search (Alt+/)");
        field.setAriaLabel("Search the evidence (Alt+/)");
        field.setClearButtonVisible(true);
        field.setMaxLength(500);
        field.setPrefixComponent(new Icon("vaadin", "search"));
        // In the browser, not through a server round trip: Alt+/ by the key's position (Slash) or its character, so
        // it works whatever the keyboard layout makes of Alt+/. Registered once per page, however often the bar is
        // attached.
        field.getElement().executeJs("if (!window.earmarkSearchKey) { window.earmarkSearchKey = true;"
                + " document.addEventListener('keydown', e => { if (e.altKey && !e.ctrlKey && !e.metaKey"
                + " && (e.code === 'Slash' || e.key === '/')) { const f = document.getElementById('top-search');"
                + " if (f) { e.preventDefault(); f.focus(); } } }, true); }");
        field.addKeyDownListener(Key.ENTER, e -> field.getUI().ifPresent(ui -> ui.navigate("search",
                QueryParameters.of("q", field.getValue()))));
        field.setVisible(authentication.isAuthenticated());
        return field;
    }

    private static HorizontalLayout userBar(AuthenticationContext authentication) {
        var bar = new HorizontalLayout();
        bar.setWidthFull();
        bar.setJustifyContentMode(HorizontalLayout.JustifyContentMode.END);
        bar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        bar.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        authentication.getAuthenticatedUser(UserDetails.class).ifPresent(user -> {
            var name = new Span(user.getUsername());
            name.setId("signed-in-user");
            var roles = new Span(user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .map(a -> a.replace("ROLE_", "")).sorted().collect(Collectors.joining(", ")));
            roles.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            var who = new Div(name, new Span(" · "), roles);
            var signOut = new Button("Sign out", e -> signOut(e.getSource(), authentication));
            signOut.setId("sign-out");
            signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bar.add(new Avatar(user.getUsername()), who, signOut);
        });
        return bar;
    }

    /**
     * Signs out in two steps, so that the push connection is never closed from both ends at once. Invalidating the
     * session closes every UI of it and, with it, its push connection from the server (Vaadin's
     * {@code AtmospherePushConnection.disconnect()}); if that happens while the browser is closing the same
     * connection (it leaves the page on the answer), Atmosphere handles the browser's close for a resource the
     * server has just destroyed and logs "AtmosphereResponse … has been closed" or a NullPointerException. So this
     * page's push connection is closed first, on its own (nothing is pushed to it after that), and the session ends
     * only in the browser's next request, which the browser sends after it has started that close. Closing the
     * session's UIs pushes nothing to them either ({@link QuietClosingPushConnection}), so no write can meet the
     * browser's close.
     */
    private static void signOut(Button button, AuthenticationContext authentication) {
        button.setEnabled(false);
        button.getUI().ifPresent(ui -> {
            ui.getPushConfiguration().setPushMode(PushMode.DISABLED);
            ui.getPage().executeJs("return true").then(done -> authentication.logout(),
                    failed -> authentication.logout());
        });
    }
}
