package app.earmark.support;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import app.earmark.base.ui.NotFoundView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Browserless view tests (Karibu-Testing): the real views, services and security rules, without a
 * browser or servlet container. For what needs a real browser, see {@link BrowserTest}.
 */
@EarmarkSpringTest
public abstract class ViewTest {

    private static final Routes ROUTES = discoverRoutes();

    @Autowired
    private ApplicationContext context;
    @Autowired
    private UserDetailsService accounts;
    @Autowired
    private SecurityContextHolderStrategy securityContexts;

    /** Signs in as the demo account and navigates to the path, as a browser would. */
    protected void openAs(String username, String path) {
        var user = accounts.loadUserByUsername(username);
        var security = SecurityContextHolder.createEmptyContext();
        security.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        // Earmark reads this application's holder; some Vaadin code reads the JVM-wide one: set both.
        securityContexts.setContext(security);
        SecurityContextHolder.setContext(security);
        var authentication = security.getAuthentication();
        MockVaadin.setMockRequestFactory(session -> {
            var request = new FakeRequest(session);
            request.setUserPrincipalInt(authentication);
            request.setUserInRole((principal, role) -> user.getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
            return request;
        });
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
        UI.getCurrent().navigate(path);
    }

    /** Navigates to the path with nobody signed in, as a browser without a session would. */
    protected void openAnonymously(String path) {
        securityContexts.clearContext();
        SecurityContextHolder.clearContext();
        MockVaadin.setMockRequestFactory(session -> new FakeRequest(session));
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
        UI.getCurrent().navigate(path);
    }

    /**
     * Karibu's own discovery skips package-private classes, and Earmark's views are package-private by
     * design; Spring's scanner finds them.
     */
    @SuppressWarnings("unchecked")
    private static Routes discoverRoutes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Layout.class));
        Set<Class<? extends Component>> views = new HashSet<>();
        Set<Class<? extends HasErrorParameter<?>>> errorViews = new HashSet<>();
        for (var candidate : scanner.findCandidateComponents("app.earmark")) {
            views.add((Class<? extends Component>) ClassUtils.resolveClassName(candidate.getBeanClassName(), null));
        }
        errorViews.add(NotFoundView.class);
        return new Routes(views, errorViews, true);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        securityContexts.clearContext();
        SecurityContextHolder.clearContext();
    }
}
