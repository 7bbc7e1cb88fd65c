package app.earmark.security;

import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import org.springframework.security.web.WebAttributes;

/** The sign-in page. The form posts to Spring Security's {@code /login}. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Earmark")
@AnonymousAllowed
@JsModule("./accessibility.ts")
class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final CurrentUser currentUser;
    private final Clock clock;

    LoginView(CurrentUser currentUser, Clock clock) {
        this.currentUser = currentUser;
        this.clock = clock;
        addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.AlignItems.CENTER,
                LumoUtility.JustifyContent.CENTER, LumoUtility.Padding.LARGE);
        setSizeFull();

        form.setI18n(messages("Wrong username or password",
                "Check them and try again. Ask your centre administrator if you are locked out."));
        form.setForgotPasswordButtonVisible(false);
        form.setAction("login");

        var title = new H1("Earmark");
        var tagline = new Paragraph("Professional discussions, recorded and mapped to the assessment criteria.");
        tagline.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(title, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (currentUser.find().isPresent()) {
            event.forwardTo("");
            return;
        }
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        if (failed && lastFailure() instanceof SignInLockedException locked
                && clock.instant().isBefore(locked.retryAt())) {
            form.setI18n(messages("Too many failed sign-ins", locked.messageFor(clock.instant())));
        }
        form.setError(failed);
    }

    /** Why the last sign-in failed, as Spring Security's failure handler left it in the session. */
    private static Object lastFailure() {
        var session = VaadinSession.getCurrent() == null ? null : VaadinSession.getCurrent().getSession();
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    private static LoginI18n messages(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
