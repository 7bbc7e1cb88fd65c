/**
 * Tags sent to the server by plain same-origin requests (`POST {tagsUrl}`, `PUT`/`DELETE {changeUrl}/{id}`,
 * JSON in and out, with the session's CSRF token), not through Vaadin: the request leaves at once (Vaadin
 * defers its sends to a later task) and the answer is read without Vaadin's round trip. The answers are those
 * of the `$server` methods: `{"ok":true,"tag":…}` or `{"ok":false,"message":…}` (with a 4xx status).
 */
import type { TagServer } from './types';

export interface TagRequestUrls {
  /** Where new tags go (the recording's). */
  tagsUrl: string;
  /** Where changes and deletions go; the tag's id is added. */
  changeUrl: string;
  /** The CSRF header and token, if the server sent them. */
  csrf: Record<string, string>;
}

export class TagRequests implements TagServer {
  /**
   * @param renewAuth asks for the signed-in session's CSRF token after a 403 (the page's session ended and the
   *   person signed in again elsewhere; see recording/session-token.ts): true if it got one, and the request is sent
   *   again once with it
   */
  constructor(private readonly urls: () => TagRequestUrls | null,
    private readonly renewAuth: () => Promise<boolean> = async () => false) {}

  createTag(json: string): Promise<string> {
    return this.send('POST', (u) => u.tagsUrl, json);
  }

  updateTag(json: string): Promise<string> {
    return this.send('PUT', (u) => `${u.changeUrl}/${idOf(json)}`, json);
  }

  deleteTag(json: string): Promise<string> {
    return this.send('DELETE', (u) => `${u.changeUrl}/${idOf(json)}`, json);
  }

  private async send(method: string, url: (urls: TagRequestUrls) => string, json: string): Promise<string> {
    let response = await this.request(method, url, json);
    let answer = await answerOf(response);
    if (answer === null && response.status === 403 && (await this.renewAuth())) {
      response = await this.request(method, url, json);
      answer = await answerOf(response);
    }
    if (answer === null) {
      throw new Error(response.status === 401 || response.status === 403
        ? 'you are signed out of Earmark: sign in again (in another tab if this page is recording) and tag again'
        : `the server answered ${response.status}`);
    }
    return answer;
  }

  private request(method: string, url: (urls: TagRequestUrls) => string, json: string): Promise<Response> {
    const urls = this.urls();
    if (!urls) {
      throw new Error('the page does not know where to send tags');
    }
    return fetch(url(urls), {
      method,
      credentials: 'same-origin',
      redirect: 'error',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...urls.csrf },
      body: json,
    });
  }
}

/**
 * The tag endpoint's own answer (JSON with `ok`), or null for anything else: a refusal before the endpoint (a CSRF
 * token the session does not know: Spring's error JSON, or a page), or no session.
 */
async function answerOf(response: Response): Promise<string | null> {
  if (!(response.headers.get('Content-Type') || '').includes('json')) {
    return null;
  }
  const text = await response.text();
  try {
    return typeof JSON.parse(text)?.ok === 'boolean' ? text : null;
  } catch {
    return null;
  }
}

function idOf(json: string): number {
  const id = (JSON.parse(json) as { id?: number }).id;
  if (typeof id !== 'number') {
    throw new Error('the change does not say which tag it is for');
  }
  return id;
}
