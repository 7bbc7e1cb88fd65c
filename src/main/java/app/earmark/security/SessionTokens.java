package app.earmark.security;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in session's CSRF token, for a page whose own session ended while it kept working in the browser (a
 * recording goes on through a server restart or a node's death): once the person has signed in again, in another
 * tab, the page's scripts ask for the new session's token here and send what they kept with it, if it is the same
 * person's ({@link PageTokens}: a page never goes on as someone else who signed in next). Same-origin only, as
 * every script request (no CORS), and without a session it is answered 401 ({@link SignedOutScriptRequests}).
 */
@RestController
class SessionTokens {

    static final String PATH = "/session/csrf";

    /** The token, and whose session it is: a page takes it only for the person it was opened for. */
    @GetMapping(PATH)
    ResponseEntity<Map<String, String>> token(CsrfToken csrf, Authentication signedIn) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("header", csrf.getHeaderName(), "token", csrf.getToken(), "username", signedIn.getName()));
    }
}
