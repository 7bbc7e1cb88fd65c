/**
 * A page whose own session ended (the server restarted, its node died, the person was signed out) goes on working in
 * the browser: a recording keeps recording and keeps its parts. Once the person has signed in again, in another tab,
 * the browser's cookie names the new session, but the page still holds the old session's CSRF token, so its requests
 * are refused (403). This asks Earmark for the signed-in session's token (`GET /session/csrf`, same origin only) and
 * puts it on the element's `csrf-header` and `csrf-token` attributes, where the page's requests take it from.
 * False if there is none to be had (still signed out: 401), or if it is not the session of the person the page was
 * opened for (its `signed-in-as`, PageTokens on the server).
 */
export async function renewCsrf(element: HTMLElement): Promise<boolean> {
  try {
    const response = await fetch('/session/csrf', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' });
    if (!response.ok) {
      return false;
    }
    const body = await response.json();
    if (typeof body?.header !== 'string' || typeof body?.token !== 'string') {
      return false;
    }
    const openedFor = element.getAttribute('signed-in-as');
    if (!openedFor || body.username !== openedFor) {
      // Someone else signed in in this browser: this page does not go on as them (for it, that is being signed out).
      return false;
    }
    element.setAttribute('csrf-header', body.header);
    element.setAttribute('csrf-token', body.token);
    return true;
  } catch {
    return false;
  }
}

/**
 * Once the page's session has ended, Vaadin's notice (`.v-system-error`, see SessionEndedMessage) reloads the page on
 * Escape pressed anywhere on it, which would stop a recording: the key that cancels a tag. While `active()` (the page
 * records), Escape is kept from reaching that listener on the document; the page's own handlers (on the window, in
 * the capture phase, and on its inputs) have had it by then. Returns the function that removes the guard.
 */
export function keepEscapeFromReloading(active: () => boolean): () => void {
  const guard = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && active() && document.querySelector('.v-system-error')) {
      e.stopPropagation();
    }
  };
  document.body.addEventListener('keydown', guard);
  return () => document.body.removeEventListener('keydown', guard);
}
