package app.earmark.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import app.earmark.base.ui.NotFoundView;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The checks of the access-matrix tests: one person asks for one address (or page, or service call) and the answer is
 * compared with whether they may. Every wrong cell is collected, so that one run names them all. A refusal must be a
 * proper one (anonymous: 401 or a redirect to sign in; signed in: 403 or 404; never a 500), and for a neighbour's id
 * it must be the same answer as for an id that does not exist, so that ids cannot be probed.
 */
public final class AccessMatrix {

    /** One row of a matrix: what the person is, their username and password; anonymous has neither. */
    public record Who(String role, String username, String password) {

        public static Who anonymous() {
            return new Who("anonymous", null, null);
        }

        public boolean isAnonymous() {
            return username == null;
        }
    }

    /** What an address answered. */
    public record Answer(int status, String body) {

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final MockMvc mvc;
    private final UserDetailsService accounts;
    private final List<String> wrong = new ArrayList<>();

    public AccessMatrix(MockMvc mvc, UserDetailsService accounts) {
        this.mvc = mvc;
        this.accounts = accounts;
    }

    /** The wrong cells found so far, each as "who what -> answer (expected …)". */
    public List<String> wrong() {
        return wrong;
    }

    /** Notes a wrong cell found by a check of the caller's own. */
    public void wrong(String cell) {
        wrong.add(cell);
    }

    /**
     * GET as the person: under {@code /api/} with HTTP Basic (as an integration asks), elsewhere with a signed-in
     * session's user (as the browser asks).
     */
    public Answer get(Who who, String url) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(url);
        if (!who.isAnonymous()) {
            request = url.startsWith("/api/") ? request.with(httpBasic(who.username(), who.password()))
                    : request.with(user(accounts.loadUserByUsername(who.username())));
        }
        var response = mvc.perform(request).andReturn().getResponse();
        return new Answer(response.getStatus(), response.getContentType() != null
                && (response.getContentType().startsWith("application/json")
                        || response.getContentType().startsWith("text/")) ? response.getContentAsString() : "");
    }

    /**
     * One cell of a change asked for with a method the address does not offer for changes (POST, PUT, PATCH or
     * DELETE), sent as Earmark's own page would (same origin, with the session's CSRF token): it must be refused
     * properly (anonymous: 401, 403 or a redirect to sign in; signed in: 403, 404 or 405), never done, never a 500.
     */
    public Answer checkNoChange(Who who, String method, String url) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(
                org.springframework.http.HttpMethod.valueOf(method), url)
                .header("Origin", "http://localhost").with(csrf());
        if (!who.isAnonymous()) {
            request = url.startsWith("/api/") ? request.with(httpBasic(who.username(), who.password()))
                    : request.with(user(accounts.loadUserByUsername(who.username())));
        }
        var response = mvc.perform(request).andReturn().getResponse();
        Answer answer = new Answer(response.getStatus(), "");
        boolean proper = who.isAnonymous() ? Set.of(401, 403, 302).contains(answer.status())
                : Set.of(403, 404, 405).contains(answer.status());
        if (!proper) {
            wrong.add(who.role() + " " + method + " " + url + " -> " + answer.status() + " (expected a refusal)");
        }
        return answer;
    }

    /** One cell: the address succeeds exactly when allowed, and a refusal is a proper one. */
    public Answer check(Who who, String url, boolean allowed) throws Exception {
        Answer answer = get(who, url);
        boolean properRefusal = who.isAnonymous() ? (answer.status() == 401 || answer.status() == 302)
                : (answer.status() == 403 || answer.status() == 404);
        if (answer.succeeded() != allowed || (!answer.succeeded() && !properRefusal)) {
            wrong.add(who.role() + " GET " + url + " -> " + answer.status() + " (expected "
                    + (allowed ? "success" : "a refusal") + ")");
        }
        return answer;
    }

    /**
     * One cell of a neighbour's id, and, when refused, that the answer is the one for the guessed id (the same status,
     * and the same body once each id is written as {@code {id}}).
     */
    public void checkLikeMissing(Who who, String url, long id, String guessedUrl, long guessedId, boolean allowed)
            throws Exception {
        Answer answer = check(who, url, allowed);
        if (answer.succeeded()) {
            return;
        }
        Answer missing = get(who, guessedUrl);
        String told = withoutId(answer.body(), id);
        String toldForMissing = withoutId(missing.body(), guessedId);
        if (answer.status() != missing.status() || !told.equals(toldForMissing)) {
            wrong.add(who.role() + " GET " + url + " -> " + answer.status() + " " + answer.body()
                    + " tells more than for a missing id: " + missing.status() + " " + missing.body());
        }
    }

    /** The text with the id (as a whole number, not a part of another such as a status) written as {@code {id}}. */
    static String withoutId(String text, long id) {
        return text.replaceAll("(?<![0-9])" + id + "(?![0-9])", "{id}");
    }

    /** What a service call did: returned (null), or refused with this message. */
    public static String refusal(Callable<?> call) throws Exception {
        try {
            call.call();
            return null;
        } catch (AccessDeniedException e) {
            return e.getMessage() == null ? "" : e.getMessage();
        }
    }

    /**
     * One cell of a service call made as the person: it returns exactly when allowed and is otherwise refused (an
     * access refusal, not some other failure, which is left to fail the test); with a guessed call, a refusal says
     * what it says for the guessed id.
     */
    public void checkCall(Who who, String what, boolean allowed, Callable<?> call, long id, Callable<?> guessed,
            long guessedId) throws Exception {
        String refused = refusal(call);
        if ((refused == null) != allowed) {
            wrong.add(who.role() + " " + what + " -> " + (refused == null ? "done" : "refused: " + refused)
                    + " (expected " + (allowed ? "done" : "a refusal") + ")");
            return;
        }
        if (refused != null && guessed != null) {
            String forMissing = refusal(guessed);
            if (forMissing == null || !withoutId(refused, id).equals(withoutId(forMissing, guessedId))) {
                wrong.add(who.role() + " " + what + " refused with \"" + refused + "\" but a guessed id with \""
                        + forMissing + "\"");
            }
        }
    }

    /**
     * How the page shown now (Karibu) refuses: "not found" (the router's not-found view), "sign in" (the sign-in
     * page instead), the page's {@code access-refused} message, or null when the page is shown.
     */
    public static String pageRefusal() {
        var chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        if (chain.stream().anyMatch(NotFoundView.class::isInstance)) {
            return "not found";
        }
        if (chain.stream().anyMatch(view -> view.getClass().getSimpleName().equals("LoginView"))) {
            return "sign in";
        }
        return LocatorJ._find(Paragraph.class, spec -> spec.withId("access-refused")).stream().findFirst()
                .map(Paragraph::getText).orElse(null);
    }

    /** Whether the page shown now (Karibu) is a refusal. */
    public static boolean refusedPage() {
        return pageRefusal() != null;
    }

    /**
     * One page cell, once the page is open: shown exactly when allowed; when refused and a refusal for a guessed id
     * is given, the same refusal.
     */
    public void checkPage(Who who, String path, boolean allowed, String refusalForGuessed, long id, long guessedId) {
        String refusal = pageRefusal();
        if ((refusal == null) != allowed) {
            wrong.add(who.role() + (refusal == null ? " sees /" : " is refused (" + refusal + ") /") + path);
            return;
        }
        if (refusal != null && refusalForGuessed != null && !withoutId(refusal, id)
                .equals(withoutId(refusalForGuessed, guessedId))) {
            wrong.add(who.role() + " is refused /" + path + " with \"" + refusal + "\" but a guessed id with \""
                    + refusalForGuessed + "\"");
        }
    }
}
