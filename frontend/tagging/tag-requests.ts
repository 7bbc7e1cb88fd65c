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
  constructor(private readonly urls: () => TagRequestUrls | null) {}

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
    const urls = this.urls();
    if (!urls) {
      throw new Error('the page does not know where to send tags');
    }
    const response = await fetch(url(urls), {
      method,
      credentials: 'same-origin',
      redirect: 'error',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...urls.csrf },
      body: json,
    });
    const type = response.headers.get('Content-Type') || '';
    if (!type.includes('json')) {
      throw new Error(response.status === 401 || response.status === 403
        ? 'you may have been signed out (reload the page)'
        : `the server answered ${response.status}`);
    }
    return response.text();
  }
}

function idOf(json: string): number {
  const id = (JSON.parse(json) as { id?: number }).id;
  if (typeof id !== 'number') {
    throw new Error('the change does not say which tag it is for');
  }
  return id;
}
