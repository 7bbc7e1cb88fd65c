/**
 * The recorder's outbox. Every chunk of a recording is first kept in IndexedDB (key [recordingId, seq]),
 * then sent with `PUT {chunkUrl}/{seq}`; only a 2xx answer removes it. A failed send is retried with
 * backoff, and at once when the browser comes back online. A closed tab or a crash therefore loses at most
 * the chunk being recorded: what was kept is sent the next time the recorder opens ({@link recover}).
 * The server answers 409 once it has closed a recording: its remaining chunks are dropped, and the page
 * says so. Each recording's URLs (and, after Stop, its chunk count) are kept too, so that a recording
 * stopped while offline is finished (`POST {finishUrl}`) by whichever page gets its chunks through.
 * A request without a session (401, or a redirect, which is never followed) keeps its chunk and is tried
 * again: the person is told to sign in again, and the chunks go once they have. Signing in again (in another tab:
 * this page goes on recording) makes a new session with a new CSRF token, so a request refused with 403 asks for the
 * new token once ({@link renewAuth}) and is sent again with it.
 */
import { createStore, del, entries, get, keys, set, type UseStore } from 'idb-keyval';

export interface RecordingInfo {
  recordingId: number;
  chunkUrl: string;
  finishUrl: string;
  startedAt: number;
  /** Set on Stop: how many chunks the recording has, so that it can be finished. */
  chunks: number | null;
}

interface PendingChunk {
  recordingId: number;
  seq: number;
  chunkUrl: string;
  /** Resolves once the chunk is in IndexedDB (or storing it failed). */
  stored: Promise<boolean>;
}

export type QueueState = 'idle' | 'sending' | 'waiting' | 'refused';

export interface QueueStatus {
  pending: number;
  state: QueueState;
}

export interface QueueEvents {
  status(status: QueueStatus): void;
  /** Something the assessor should know, not an error (e.g. an earlier recording's parts were sent). */
  notice(message: string): void;
  /** An error the assessor must act on. */
  error(message: string): void;
  /** A recording was finished by this queue (after recovery, or after Stop once the chunks got through). */
  finished(recordingId: number): void;
}

export type DrainResult = 'sent' | 'dropped' | 'refused';

export type FinishResult = { ok: true } | { ok: false; message: string; closed?: boolean };

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 20000, 30000];
const REQUEST_TIMEOUT_MS = 120000;

/** Not a problem of the connection: asking again will not help. */
function isFinalRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

/**
 * The request reached Earmark without a session: it ended, or the server restarted (or, with several nodes, the
 * node died). Earmark answers 401; a redirect (to the login page) is never followed and means the same.
 */
function signedOut(response: Response): boolean {
  return response.status === 401 || response.type === 'opaqueredirect';
}

const SIGNED_OUT = 'You are signed out of Earmark (the server restarted, or your session ended). ';

async function messageOf(response: Response): Promise<string> {
  try {
    const text = (await response.text()).trim();
    if (!text) {
      return `HTTP ${response.status}`;
    }
    try {
      const json = JSON.parse(text);
      if (json && typeof json.message === 'string') {
        return json.message;
      }
    } catch {
      /* not JSON */
    }
    return text.length > 300 ? `HTTP ${response.status}` : text;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export class ChunkQueue {
  private readonly chunkStore: UseStore;
  private readonly recordingStore: UseStore;
  private pending: PendingChunk[] = [];
  /** Chunks whose copy in IndexedDB could not be made (or is not made yet): sent from memory. */
  private memory = new Map<string, Blob>();
  private recordings = new Map<number, RecordingInfo>();
  private refused = new Set<number>();
  private finishing = new Set<number>();
  private sending = false;
  private state: QueueState = 'idle';
  private attempt = 0;
  /** Whether the person has been told they are signed out (once, until a part gets through again). */
  private toldSignedOut = false;
  private retryTimer: number | undefined;
  private drainWaiters: Array<{ recordingId: number; resolve: (r: DrainResult) => void }> = [];
  private dropped = new Set<number>();
  private storageWarned = false;
  /** Web Locks held for the recordings this page sends (so that another tab leaves them alone). */
  private held = new Map<number, () => void>();

  /**
   * @param auth the headers that carry the page's CSRF token
   * @param renewAuth asks for the signed-in session's token after a 403 (see session-token.ts); true if it got one
   */
  constructor(private readonly auth: () => Record<string, string>, private readonly events: QueueEvents,
    private readonly renewAuth: () => Promise<boolean> = async () => false) {
    this.chunkStore = createStore('earmark-recorder-chunks', 'chunks');
    this.recordingStore = createStore('earmark-recorder-recordings', 'recordings');
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      if (this.pending.length > 0) {
        this.setState('waiting');
      }
    });
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  pendingFor(recordingId: number): number {
    return this.pending.filter((c) => c.recordingId === recordingId).length;
  }

  /** Remembers a new recording's URLs before its first chunk. */
  async begin(info: RecordingInfo): Promise<void> {
    this.recordings.set(info.recordingId, info);
    this.hold(info.recordingId);
    this.refused.delete(info.recordingId);
    this.dropped.delete(info.recordingId);
    try {
      await set(info.recordingId, info, this.recordingStore);
    } catch (e) {
      this.warnStorage(e);
    }
  }

  /** Records how many chunks a stopped recording has (so that a later page can finish it). */
  async stopped(recordingId: number, chunks: number): Promise<void> {
    const info = this.recordings.get(recordingId);
    if (!info) {
      return;
    }
    info.chunks = chunks;
    try {
      await set(recordingId, info, this.recordingStore);
    } catch (e) {
      this.warnStorage(e);
    }
  }

  /** Keeps a chunk and sends it. Called synchronously from `dataavailable`, so the order is kept. */
  add(recordingId: number, seq: number, blob: Blob): void {
    const info = this.recordings.get(recordingId);
    if (!info) {
      throw new Error(`Recording ${recordingId} was not begun`);
    }
    const key = this.memoryKey(recordingId, seq);
    this.memory.set(key, blob);
    const stored = set([recordingId, seq], { recordingId, seq, chunkUrl: info.chunkUrl, blob, savedAt: Date.now() }, this.chunkStore)
      .then(() => {
        // Safe on disk: let the memory go (a long outage must not fill the memory).
        if (this.pending.some((c) => c.recordingId === recordingId && c.seq === seq)) {
          this.memory.delete(key);
        }
        return true;
      }, (e) => {
        this.warnStorage(e);
        return false;
      });
    this.pending.push({ recordingId, seq, chunkUrl: info.chunkUrl, stored });
    this.publish();
    this.pump();
  }

  /** Resolves when every chunk of the recording has been sent ('sent'), dropped (409) or refused. */
  drained(recordingId: number): Promise<DrainResult> {
    if (this.refused.has(recordingId)) {
      return Promise.resolve('refused');
    }
    if (this.pendingFor(recordingId) === 0) {
      return Promise.resolve(this.dropped.has(recordingId) ? 'dropped' : 'sent');
    }
    return new Promise((resolve) => this.drainWaiters.push({ recordingId, resolve }));
  }

  /** Finishes a recording: `POST {finishUrl}` with the chunk count, retried while the connection is down. */
  async finish(recordingId: number): Promise<FinishResult> {
    const info = this.recordings.get(recordingId);
    if (!info || info.chunks == null) {
      return { ok: false, message: 'The recording is not stopped yet.' };
    }
    this.finishing.add(recordingId);
    try {
      for (let attempt = 0; ; attempt++) {
        if (!navigator.onLine) {
          await this.untilOnline();
        }
        try {
          const response = await this.authorised(info.finishUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ chunks: info.chunks }),
          });
          if (response.ok) {
            await this.forget(recordingId);
            return { ok: true };
          }
          if (signedOut(response)) {
            // Tried again below, as after a dropped connection.
            this.tellSignedOut();
          } else {
            const message = await messageOf(response);
            if (response.status === 409) {
              await this.forget(recordingId);
              return { ok: false, message, closed: true };
            }
            if (isFinalRefusal(response.status)) {
              await this.forget(recordingId);
              return { ok: false, message };
            }
          }
        } catch {
          /* the connection: try again */
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]));
      }
    } finally {
      this.finishing.delete(recordingId);
    }
  }

  /**
   * Sends what an earlier page left in IndexedDB; finishes recordings that were stopped. Returns the
   * number of chunks found.
   */
  async recover(activeRecordingId: number | null): Promise<number> {
    let found: Array<[IDBValidKey, { recordingId: number; seq: number; chunkUrl: string }]> = [];
    let infos: Array<[IDBValidKey, RecordingInfo]> = [];
    try {
      infos = await entries<IDBValidKey, RecordingInfo>(this.recordingStore);
      const chunkKeys = await keys<[number, number]>(this.chunkStore);
      found = chunkKeys
        .filter((k) => Array.isArray(k) && k.length === 2 && k[0] !== activeRecordingId)
        .map((k) => [k, { recordingId: k[0], seq: k[1], chunkUrl: '' }]);
    } catch (e) {
      this.warnStorage(e);
      return 0;
    }
    // Recordings another open tab is recording or sending are its own business.
    const elsewhere = await this.ownedElsewhere();
    infos = infos.filter(([, info]) => info && !elsewhere.has(info.recordingId));
    found = found.filter(([, chunk]) => !elsewhere.has(chunk.recordingId));
    for (const [, info] of infos) {
      if (info.recordingId !== activeRecordingId && !this.recordings.has(info.recordingId)) {
        this.recordings.set(info.recordingId, info);
        this.hold(info.recordingId);
      }
    }
    const known = new Set(this.pending.map((c) => this.memoryKey(c.recordingId, c.seq)));
    let count = 0;
    for (const [key, chunk] of found) {
      if (known.has(this.memoryKey(chunk.recordingId, chunk.seq))) {
        continue;
      }
      let chunkUrl = this.recordings.get(chunk.recordingId)?.chunkUrl;
      if (!chunkUrl) {
        const stored = await get<{ chunkUrl: string }>(key, this.chunkStore).catch(() => undefined);
        chunkUrl = stored?.chunkUrl;
      }
      if (!chunkUrl) {
        continue;
      }
      this.pending.push({ recordingId: chunk.recordingId, seq: chunk.seq, chunkUrl, stored: Promise.resolve(true) });
      count++;
    }
    this.pending.sort((a, b) => a.recordingId - b.recordingId || a.seq - b.seq);
    const recovered = new Set(this.pending.filter((c) => c.recordingId !== activeRecordingId).map((c) => c.recordingId));
    if (count > 0) {
      this.events.notice(`Sending ${count} ${count === 1 ? 'part' : 'parts'} of an earlier recording that had not reached the server…`);
    }
    // Recordings stopped on an earlier page: finish them once their chunks are through.
    for (const [, info] of infos) {
      if (!info || info.recordingId === activeRecordingId) {
        continue;
      }
      const id = info.recordingId;
      if (info.chunks != null) {
        void this.drained(id).then(async (result) => {
          if (result !== 'sent') {
            return;
          }
          const outcome = await this.finish(id);
          if (outcome.ok) {
            this.events.notice('An earlier recording has been sent completely and saved.');
            this.events.finished(id);
          } else if (!outcome.closed) {
            this.events.error(`An earlier recording could not be finished: ${outcome.message}`);
          }
        });
      } else if (!recovered.has(id)) {
        // Nothing left to send and never stopped (the page closed while recording): nothing more to do here.
        void this.forget(id);
      } else {
        void this.drained(id).then((result) => {
          if (result === 'sent') {
            this.events.notice('The earlier recording\'s remaining parts reached the server.');
            void this.forget(id);
          }
        });
      }
    }
    this.publish();
    this.pump();
    return count;
  }

  /** Tries again now (the browser came back online, or the assessor asked). */
  retryNow(): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    this.pump();
  }

  private async pump(): Promise<void> {
    if (this.sending || this.retryTimer !== undefined) {
      return;
    }
    this.sending = true;
    try {
      for (;;) {
        const chunk = this.pending.find((c) => !this.refused.has(c.recordingId));
        if (!chunk) {
          break;
        }
        this.setState('sending');
        const result = await this.send(chunk);
        if (result === 'retry') {
          this.setState('waiting');
          const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
          this.attempt++;
          this.retryTimer = window.setTimeout(() => {
            this.retryTimer = undefined;
            this.pump();
          }, delay);
          return;
        }
        this.attempt = 0;
      }
      this.setState(this.pending.length > 0 ? 'refused' : 'idle');
    } finally {
      this.sending = false;
    }
  }

  private async send(chunk: PendingChunk): Promise<'done' | 'retry'> {
    const key = this.memoryKey(chunk.recordingId, chunk.seq);
    let blob = this.memory.get(key);
    if (!blob) {
      await chunk.stored;
      blob = this.memory.get(key);
    }
    if (!blob) {
      try {
        const record = await get<{ blob: Blob }>([chunk.recordingId, chunk.seq], this.chunkStore);
        blob = record?.blob;
      } catch (e) {
        this.warnStorage(e);
      }
    }
    if (!blob) {
      // Lost (storage cleared by the browser): nothing to send.
      console.warn(`Earmark: chunk ${chunk.seq} of recording ${chunk.recordingId} is missing`);
      await this.removeChunk(chunk);
      return 'done';
    }
    if (!navigator.onLine) {
      return 'retry';
    }
    let response: Response;
    try {
      response = await this.authorised(`${chunk.chunkUrl}/${chunk.seq}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: blob,
      });
    } catch {
      return 'retry';
    }
    if (response.ok) {
      if (this.toldSignedOut) {
        this.toldSignedOut = false;
        this.events.notice('Signed in again: the parts kept in this browser are being sent.');
      }
      await this.removeChunk(chunk);
      return 'done';
    }
    if (signedOut(response)) {
      // Kept, and tried again: it goes through once the person has signed in again (in this or another tab).
      this.tellSignedOut();
      return 'retry';
    }
    const message = await messageOf(response);
    if (response.status === 409) {
      await this.dropRecording(chunk.recordingId, message);
      return 'done';
    }
    if (isFinalRefusal(response.status)) {
      this.refused.add(chunk.recordingId);
      const waiting = this.pendingFor(chunk.recordingId);
      this.events.error(`The server refused part ${chunk.seq + 1} of the recording (${message}). `
        + `${waiting} ${waiting === 1 ? 'part is' : 'parts are'} kept in this browser and will be sent when you open this page again.`);
      this.resolveWaiters();
      return 'done';
    }
    return 'retry';
  }

  private async removeChunk(chunk: PendingChunk): Promise<void> {
    this.pending = this.pending.filter((c) => c !== chunk);
    this.memory.delete(this.memoryKey(chunk.recordingId, chunk.seq));
    this.publish();
    this.resolveWaiters();
    // Only after it is stored can it be deleted for good (else the late write would bring it back).
    await chunk.stored;
    try {
      await del([chunk.recordingId, chunk.seq], this.chunkStore);
    } catch (e) {
      this.warnStorage(e);
    }
  }

  private async dropRecording(recordingId: number, message: string): Promise<void> {
    const dropped = this.pending.filter((c) => c.recordingId === recordingId);
    this.pending = this.pending.filter((c) => c.recordingId !== recordingId);
    this.dropped.add(recordingId);
    for (const chunk of dropped) {
      this.memory.delete(this.memoryKey(chunk.recordingId, chunk.seq));
      await chunk.stored;
      await del([chunk.recordingId, chunk.seq], this.chunkStore).catch(() => undefined);
    }
    if (!this.finishing.has(recordingId)) {
      await this.forget(recordingId);
    }
    this.events.notice(`The server has already closed this recording (${message}), so ${dropped.length} `
      + `${dropped.length === 1 ? 'part' : 'parts'} kept in this browser could not be added and ${dropped.length === 1 ? 'was' : 'were'} discarded.`);
    this.publish();
    this.resolveWaiters();
  }

  private async forget(recordingId: number): Promise<void> {
    this.recordings.delete(recordingId);
    this.held.get(recordingId)?.();
    this.held.delete(recordingId);
    try {
      await del(recordingId, this.recordingStore);
    } catch (e) {
      this.warnStorage(e);
    }
  }

  private lockName(recordingId: number): string {
    return `earmark-recording-${recordingId}`;
  }

  /** Holds a Web Lock for the recording until it is forgotten (released by the browser if the tab dies). */
  private hold(recordingId: number): void {
    const locks = navigator.locks;
    if (!locks || this.held.has(recordingId)) {
      return;
    }
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held.set(recordingId, release);
    void locks.request(this.lockName(recordingId), () => released).catch(() => undefined);
  }

  private async ownedElsewhere(): Promise<Set<number>> {
    const owned = new Set<number>();
    try {
      const state = navigator.locks ? await navigator.locks.query() : null;
      for (const lock of state?.held || []) {
        const match = /^earmark-recording-(\d+)$/.exec(lock.name || '');
        if (match && !this.held.has(Number(match[1]))) {
          owned.add(Number(match[1]));
        }
      }
    } catch {
      /* no Web Locks: every tab recovers what it finds (chunks are idempotent PUTs) */
    }
    return owned;
  }

  private resolveWaiters(): void {
    this.drainWaiters = this.drainWaiters.filter((w) => {
      if (this.refused.has(w.recordingId)) {
        w.resolve('refused');
        return false;
      }
      if (this.pendingFor(w.recordingId) === 0) {
        w.resolve(this.dropped.has(w.recordingId) ? 'dropped' : 'sent');
        return false;
      }
      return true;
    });
  }

  private tellSignedOut(): void {
    if (this.toldSignedOut) {
      return;
    }
    this.toldSignedOut = true;
    const waiting = this.pending.length;
    this.events.error(SIGNED_OUT + `${waiting} ${waiting === 1 ? 'part of the recording is' : 'parts of the recording are'}`
      + ' kept in this browser: sign in again (in another tab while this page records), and they are sent.');
  }

  /**
   * A request with the page's CSRF token; refused with 403, it asks for the signed-in session's token and is sent
   * again once with that (the person signed in again elsewhere after this page's session ended).
   */
  private async authorised(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const response = await this.request(url, { ...init, headers: { ...this.auth(), ...init.headers } });
    // Earmark's own refusals (who may record, a page of another site) are plain text; the CSRF check's is not.
    const ownRefusal = (response.headers.get('Content-Type') || '').startsWith('text/plain');
    if (response.status !== 403 || ownRefusal) {
      return response;
    }
    if (!(await this.renewAuth())) {
      // No token of this page's person to be had (not signed in again yet, or someone else is): as signed out, the
      // chunk is kept and tried again, rather than refused for the rest of the page's life.
      return new Response(SIGNED_OUT, { status: 401 });
    }
    return this.request(url, { ...init, headers: { ...this.auth(), ...init.headers } });
  }

  private request(url: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    // A redirect is never followed: its target's answer is not this request's.
    return fetch(url, {
      ...init, credentials: 'same-origin', cache: 'no-store', redirect: 'manual', signal: controller.signal,
    }).finally(() => window.clearTimeout(timer));
  }

  private untilOnline(): Promise<void> {
    return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
  }

  private setState(state: QueueState): void {
    this.state = state;
    this.publish();
  }

  private publish(): void {
    let state = this.state;
    if (this.pending.length === 0) {
      state = 'idle';
    }
    this.events.status({ pending: this.pending.length, state });
  }

  private memoryKey(recordingId: number, seq: number): string {
    return `${recordingId}/${seq}`;
  }

  private warnStorage(e: unknown): void {
    if (!this.storageWarned) {
      this.storageWarned = true;
      console.warn('Earmark: IndexedDB is not available', e);
      this.events.error('This browser could not keep a safety copy of the recording (storage is full or blocked). '
        + 'The recording is still sent as it goes, but a closed tab would lose what was not sent yet.');
    }
  }
}
