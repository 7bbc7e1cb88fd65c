package app.earmark.security;

import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What a page's scripts send their own requests with (a recorder's parts, tags, tus uploads): the session's CSRF token
 * ({@code csrf-header}, {@code csrf-token}) and who is signed in ({@code signed-in-as}), as attributes of the
 * component's element. After the session ends, the page asks for a new session's token only if it is the same
 * person's ({@link SessionTokens}, session-token.ts): it never goes on as whoever signed in next in that browser.
 */
public final class PageTokens {

    private PageTokens() {
    }

    /** Puts the current request's CSRF token and the signed-in username on {@code element}, if there are any. */
    public static void putOn(Element element) {
        var request = VaadinServletRequest.getCurrent();
        if (request != null && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            element.setAttribute("csrf-header", csrf.getHeaderName());
            element.setAttribute("csrf-token", csrf.getToken());
        }
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            element.setAttribute("signed-in-as", signedIn.getName());
        }
    }
}
