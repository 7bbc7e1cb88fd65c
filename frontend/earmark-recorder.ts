/**
 * <earmark-recorder>: records a discussion in the browser and tags it live.
 *
 * MediaRecorder cuts the recording into chunks every `timeslice-ms`; each chunk is kept in IndexedDB and
 * sent with `PUT {chunkUrl}/{seq}` (see ChunkQueue), so a dropped connection only delays the upload and a
 * closed tab loses at most the last chunk or two. Stop waits until every chunk is through, then
 * `POST {finishUrl}` with the chunk count. Tags are made with the same prompt and keys as on playback;
 * their times are recording time (from the start, without the paused time).
 *
 * Attributes: csrf-header, csrf-token, timeslice-ms (2000), max-duration-ms, criteria-json, tags-json,
 * plan-json, reaction-delay-ms, readonly.
 * Called by the server: applyTagChange(json) with each committed change to the recording's tags.
 * Before recording starts, it warns when the learner has not had (or not acknowledged) the plan, and starts
 * only once the assessor chooses to record anyway.
 * Server methods ($server): startRecording, createTag, updateTag, deleteTag.
 * Events: recording-started {recordingId}, recording-finished {recordingId}, recording-error {message}.
 * Property: drawnTagCount (tags the list of tags made shows).
 */
import { TaggingSession, type TaggingHost } from './tagging/session';
import { TagRequests } from './tagging/tag-requests';
import { ShortcutHelp, isShortcutEvent, liveTaggingShortcuts } from './tagging/keyboard';
import { button, el, StatusLine } from './tagging/dom';
import { formatClock } from './tagging/time';
import { parseJsonArray, type Criterion, type Tag, type TagServer } from './tagging/types';
import { parsePlan, planWarning, type PlanInfo } from './tagging/plan-panel';
import { ChunkQueue, type QueueStatus } from './recording/chunk-queue';
import { keepEscapeFromReloading, renewCsrf } from './recording/session-token';
import { explainMediaError, openCapture, type Capture, type RecorderMode } from './recording/capture';

type RecorderState = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'stopped';

interface RecorderServer extends TagServer {
  startRecording(json: string): Promise<string>;
}

const MODES: Array<{ value: RecorderMode; label: string }> = [
  { value: 'microphone', label: 'Face to face: sound only (microphone)' },
  { value: 'camera', label: 'Face to face: sound and video (microphone and camera)' },
  { value: 'meeting', label: 'Remote: the meeting’s tab or window, with your microphone' },
];


class EarmarkRecorder extends HTMLElement implements TaggingHost {
  static get observedAttributes(): string[] {
    return ['criteria-json', 'tags-json', 'plan-json', 'reaction-delay-ms', 'readonly'];
  }

  private built = false;
  private session!: TaggingSession;
  /** Where this recording's tags are sent, once it has started. */
  private tagUrls: { tagsUrl: string; changeUrl: string } | null = null;
  private queue!: ChunkQueue;
  private modeSelect!: HTMLSelectElement;
  private startButton!: HTMLButtonElement;
  private pauseButton!: HTMLButtonElement;
  private stopButton!: HTMLButtonElement;
  private level!: HTMLMeterElement;
  private elapsedLabel!: HTMLElement;
  private preview!: HTMLVideoElement;
  private statusLine!: StatusLine;
  private queueLine!: HTMLElement;
  private help!: ShortcutHelp;
  private planNotice!: HTMLElement;
  private planNoticeText!: HTMLElement;
  private plan: PlanInfo | null = null;
  /** The assessor chose to record without the learner having the plan. */
  private recordWithoutPlan = false;

  private state: RecorderState = 'idle';
  private capture: Capture | null = null;
  private recorder: MediaRecorder | null = null;
  private recordingId: number | null = null;
  private seq = 0;
  private accumulatedMs = 0;
  private runningSince: number | null = null;
  private ticker: number | undefined;
  private meterFrame = 0;
  private wakeLock: { release(): Promise<void> } | null = null;
  private recovered = false;
  private queueStatus: QueueStatus = { pending: 0, state: 'idle' };
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyDown(e);
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.state === 'recording' || this.state === 'paused' || this.state === 'stopping' || this.queue.pendingCount > 0) {
      e.preventDefault();
      e.returnValue = '';
    }
  };

  /** How many tags the list of tags made shows. */
  get drawnTagCount(): number {
    return this.session ? this.session.list.count : 0;
  }

  /** How many tag changes the server has pushed since the page opened. */
  get pushedChangeCount(): number {
    return this.built ? this.session.book.pushedChanges : 0;
  }

  /** Called by the server with one committed change to the recording's tags. */
  applyTagChange(json: string): void {
    if (!this.built) {
      this.build();
    }
    this.session.applyServerChange(json);
  }

  private unguardEscape: () => void = () => undefined;

  connectedCallback(): void {
    if (!this.built) {
      this.build();
    }
    window.addEventListener('keydown', this.onKeyDown, true);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.unguardEscape = keepEscapeFromReloading(() => this.state === 'recording' || this.state === 'paused'
      || this.state === 'stopping' || (this.queue?.pendingCount ?? 0) > 0);
    if (!this.recovered) {
      this.recovered = true;
      // After the attributes (the CSRF token) have arrived.
      setTimeout(() => void this.queue.recover(this.recordingId), 0);
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeyDown, true);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.unguardEscape();
    // Leaving the page inside the application (no unload): stop, and let the rest be sent and finished.
    setTimeout(() => {
      if (!this.isConnected && (this.state === 'recording' || this.state === 'paused')) {
        void this.stop('You left the recording page, so the recording stopped.');
      }
    }, 0);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (!this.built) {
      this.build();
    }
    switch (name) {
      case 'criteria-json':
        this.session.setCriteria(parseJsonArray<Criterion>(value, 'criteria-json'));
        break;
      case 'tags-json':
        this.session.setTags(parseJsonArray<Tag>(value, 'tags-json'));
        break;
      case 'plan-json':
        this.plan = parsePlan(value);
        this.session.plan.setPlan(this.plan);
        break;
      case 'reaction-delay-ms':
        this.session.delay.setDefault(value);
        break;
      case 'readonly':
        this.session.setReadonly(value !== null);
        break;
      default:
        break;
    }
  }

  // ---- TaggingHost ----

  now(): number {
    return this.accumulatedMs + (this.runningSince != null ? performance.now() - this.runningSince : 0);
  }

  maxMs(): number | null {
    return null;
  }

  whyNotTagging(): string | null {
    if (this.session.readonly) {
      return 'Tagging is read only here.';
    }
    return this.state === 'recording' || this.state === 'paused' ? null : 'Start recording first: tags are moments of the recording.';
  }

  pauseForNote(): boolean {
    return false;
  }

  resumeAfterNote(): void {
    /* a note never pauses the recording */
  }

  tagsChanged(): void {
    /* the list and the coverage are all this component draws */
  }

  selected(): void {
    /* nothing to seek while recording */
  }

  // ---- building ----

  private build(): void {
    this.built = true;
    this.classList.add('earmark-recorder');
    // Once the recording has started, tags go by plain requests to its address (see tagging/tag-requests.ts).
    const requests = new TagRequests(() => (this.tagUrls ? { ...this.tagUrls, csrf: this.csrfHeaders() } : null),
      () => renewCsrf(this));
    this.session = new TaggingSession(this, () => (this.tagUrls ? requests : (this as unknown as { $server?: TagServer }).$server), {
      compact: true,
      seekable: false,
      idleText: 'While recording: type an AC number to tag the moment, or T · ? lists the shortcuts',
    });
    this.queue = new ChunkQueue(() => this.csrfHeaders(), {
      status: (status) => this.showQueue(status),
      notice: (message) => this.statusLine.say(message),
      error: (message) => this.fail(message),
      finished: (recordingId) => this.dispatchEvent(new CustomEvent('recording-finished', { detail: { recordingId } })),
    }, () => renewCsrf(this));

    this.modeSelect = el('select', 'recorder-mode') as HTMLSelectElement;
    this.modeSelect.setAttribute('aria-label', 'What to record');
    for (const mode of MODES) {
      const option = el('option', undefined, mode.label);
      option.value = mode.value;
      this.modeSelect.append(option);
    }
    this.modeSelect.addEventListener('change', () => this.modeSelect.blur());
    this.startButton = button('recorder-start', 'Start recording');
    this.startButton.addEventListener('click', () => void this.start());
    this.pauseButton = button('recorder-pause', 'Pause');
    this.pauseButton.addEventListener('click', () => this.togglePause());
    this.stopButton = button('recorder-stop', 'Stop');
    this.stopButton.addEventListener('click', () => void this.stop(null));
    this.level = el('meter', 'recorder-level') as HTMLMeterElement;
    this.level.min = 0;
    this.level.max = 1;
    this.level.low = 0.05;
    this.level.high = 0.9;
    this.level.optimum = 0.4;
    this.level.value = 0;
    this.level.setAttribute('aria-label', 'Sound level');
    this.elapsedLabel = el('span', 'recorder-elapsed', '0:00');
    this.elapsedLabel.setAttribute('aria-label', 'Recording time');
    this.elapsedLabel.setAttribute('role', 'timer');
    const helpButton = button('shortcuts-button', '?', 'Keyboard shortcuts (?)');
    helpButton.addEventListener('click', () => this.help.toggle());
    const controls = el('div', 'recorder-controls', [
      this.modeSelect, this.startButton, this.pauseButton, this.stopButton,
      el('span', 'recorder-level-box', ['Level ', this.level]), this.elapsedLabel,
      el('span', 'transport-spacer'), this.session.delay.element, helpButton,
    ]);
    this.preview = el('video', 'recorder-preview') as HTMLVideoElement;
    this.preview.muted = true;
    this.preview.playsInline = true;
    this.preview.autoplay = true;
    this.preview.hidden = true;
    this.statusLine = new StatusLine('recorder-status');
    this.queueLine = el('div', 'recorder-queue', 'All sent');
    this.queueLine.setAttribute('role', 'status');
    this.queueLine.dataset.state = 'idle';
    this.help = new ShortcutHelp('Keyboard shortcuts', liveTaggingShortcuts('Tagging while recording',
      'Write the note of the selected tag (or the last one made); the recording goes on'));
    this.planNoticeText = el('p', 'plan-notice-text');
    const continueButton = button('plan-notice-continue', 'Record anyway');
    continueButton.addEventListener('click', () => {
      this.recordWithoutPlan = true;
      this.planNotice.hidden = true;
      void this.start();
    });
    const cancelButton = button('plan-notice-cancel', 'Not now');
    cancelButton.addEventListener('click', () => {
      this.planNotice.hidden = true;
      this.statusLine.say('Not recording. Share the plan from the discussion’s page, then come back to record.');
    });
    this.planNotice = el('div', 'plan-notice', [
      el('strong', 'plan-notice-title', 'The learner has not had the plan'),
      this.planNoticeText,
      el('div', 'plan-notice-actions', [continueButton, cancelButton]),
    ]);
    this.planNotice.setAttribute('role', 'alertdialog');
    this.planNotice.setAttribute('aria-label', 'The learner has not had the plan');
    this.planNotice.hidden = true;
    const panels = el('div', 'recorder-panels', [this.session.list.element, this.session.coverage.element]);
    const main = el('div', 'tagging-main', [controls, this.planNotice, this.preview, this.statusLine.element, this.queueLine,
      this.session.prompt.element, this.session.status.element, this.help.element, panels]);
    this.replaceChildren(el('div', 'tagging-layout', [main, this.session.plan.aside()]));
    this.setState('idle');
  }

  private csrfHeaders(): Record<string, string> {
    const header = this.getAttribute('csrf-header');
    return header ? { [header]: this.getAttribute('csrf-token') || '' } : {};
  }

  private setState(state: RecorderState): void {
    this.state = state;
    this.dataset.state = state;
    const live = state === 'recording' || state === 'paused';
    this.startButton.disabled = !(state === 'idle' || state === 'stopped');
    this.startButton.textContent = state === 'stopped' ? 'Start a new recording' : 'Start recording';
    this.pauseButton.disabled = !live;
    this.pauseButton.textContent = state === 'paused' ? 'Resume' : 'Pause';
    this.pauseButton.setAttribute('aria-pressed', state === 'paused' ? 'true' : 'false');
    this.stopButton.disabled = !live;
    this.modeSelect.disabled = !(state === 'idle' || state === 'stopped');
  }

  // ---- recording ----

  private async start(): Promise<void> {
    if (!(this.state === 'idle' || this.state === 'stopped')) {
      return;
    }
    const warning = this.recordWithoutPlan ? null : planWarning(this.plan);
    if (warning) {
      // Before anything starts: the assessor decides whether to record without the learner having the plan.
      this.planNoticeText.textContent = `${warning} The guidance expects the learner to have the plan before the discussion. Record anyway, or share the plan from the discussion’s page first.`;
      this.planNotice.hidden = false;
      (this.planNotice.querySelector('.plan-notice-continue') as HTMLButtonElement).focus();
      return;
    }
    const mode = this.modeSelect.value as RecorderMode;
    this.setState('starting');
    this.statusLine.say(mode === 'meeting' ? 'Choose the meeting’s tab or window, with its sound…' : 'Opening the microphone…');
    let capture: Capture;
    try {
      capture = await openCapture(mode);
    } catch (e) {
      this.setState('idle');
      this.fail(explainMediaError(e, mode));
      return;
    }
    const server = (this as unknown as { $server?: RecorderServer }).$server;
    let answer: { ok?: boolean; message?: string; recordingId?: number; chunkUrl?: string; finishUrl?: string; tagsUrl?: string; tagChangeUrl?: string };
    try {
      if (!server || typeof server.startRecording !== 'function') {
        throw new Error('Earmark is not connected to the server: reload the page');
      }
      answer = JSON.parse(await server.startRecording(JSON.stringify({ mode })));
    } catch (e) {
      capture.close();
      this.setState('idle');
      this.fail(`The recording could not start: ${(e as Error)?.message || e}.`);
      return;
    }
    if (!answer || answer.ok !== true || answer.recordingId == null || !answer.chunkUrl || !answer.finishUrl) {
      capture.close();
      this.setState('idle');
      this.fail(answer?.message || 'The server did not start the recording.');
      return;
    }
    const recordingId = answer.recordingId;
    this.tagUrls = answer.tagsUrl && answer.tagChangeUrl ? { tagsUrl: answer.tagsUrl, changeUrl: answer.tagChangeUrl } : null;
    await this.queue.begin({ recordingId, chunkUrl: answer.chunkUrl.replace(/\/$/, ''), finishUrl: answer.finishUrl, startedAt: Date.now(), chunks: null });

    let recorder: MediaRecorder;
    const bits = mode === 'microphone' ? { audioBitsPerSecond: 96000 } : { audioBitsPerSecond: 96000, videoBitsPerSecond: mode === 'meeting' ? 1500000 : 1000000 };
    try {
      recorder = new MediaRecorder(capture.stream, capture.mimeType ? { mimeType: capture.mimeType, ...bits } : bits);
    } catch (e) {
      try {
        recorder = new MediaRecorder(capture.stream);
      } catch {
        capture.close();
        this.setState('idle');
        this.fail(`This browser cannot record this: ${(e as Error)?.message || e}.`);
        return;
      }
    }
    this.capture = capture;
    this.recorder = recorder;
    this.recordingId = recordingId;
    this.seq = 0;
    this.accumulatedMs = 0;
    this.runningSince = null;
    if (capture.preview) {
      this.preview.srcObject = capture.preview;
      this.preview.hidden = false;
      void this.preview.play().catch(() => undefined);
    }
    capture.onEnded((why) => {
      if (this.recorder === recorder && (this.state === 'recording' || this.state === 'paused')) {
        void this.stop(why);
      }
    });
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data && e.data.size > 0) {
        this.queue.add(recordingId, this.seq++, e.data);
      }
    });
    recorder.addEventListener('start', () => {
      this.runningSince = performance.now();
      this.setState('recording');
      this.statusLine.say('Recording. Type an AC number to tag a moment.');
      this.startTicker();
      this.startMeter();
      void this.keepAwake();
      this.dispatchEvent(new CustomEvent('recording-started', { detail: { recordingId } }));
    });
    recorder.addEventListener('error', (e) => {
      const error = (e as unknown as { error?: DOMException }).error;
      this.fail(`The recording stopped because of an error${error ? `: ${error.message}` : ''}.`);
      if (this.state === 'recording' || this.state === 'paused') {
        void this.stop(null);
      }
    });
    const timeslice = Number(this.getAttribute('timeslice-ms')) || 2000;
    try {
      recorder.start(Math.max(250, timeslice));
    } catch (e) {
      capture.close();
      this.capture = null;
      this.recorder = null;
      this.setState('idle');
      this.fail(`The recording could not start: ${(e as Error)?.message || e}.`);
    }
  }

  private togglePause(): void {
    const recorder = this.recorder;
    if (!recorder) {
      return;
    }
    if (this.state === 'recording' && recorder.state === 'recording') {
      recorder.pause();
      if (this.runningSince != null) {
        this.accumulatedMs += performance.now() - this.runningSince;
        this.runningSince = null;
      }
      this.setState('paused');
      this.statusLine.say('Paused. The pause is not part of the recording.');
    } else if (this.state === 'paused' && recorder.state === 'paused') {
      recorder.resume();
      this.runningSince = performance.now();
      this.setState('recording');
      this.statusLine.say('Recording.');
    }
    this.updateElapsed();
  }

  /** Stops, sends what is left, and finishes the recording on the server. `why`: an automatic stop. */
  private async stop(why: string | null): Promise<void> {
    const recorder = this.recorder;
    const recordingId = this.recordingId;
    if (!recorder || recordingId == null || !(this.state === 'recording' || this.state === 'paused')) {
      return;
    }
    if (this.runningSince != null) {
      this.accumulatedMs += performance.now() - this.runningSince;
      this.runningSince = null;
    }
    this.session.prompt.cancel();
    this.setState('stopping');
    this.statusLine.say(why ? `${why} Sending the last parts…` : 'Stopping: sending the last parts…');
    if (recorder.state !== 'inactive') {
      // The last dataavailable comes before stop.
      await new Promise<void>((resolve) => {
        recorder.addEventListener('stop', () => resolve(), { once: true });
        recorder.stop();
      });
    }
    this.stopTicker();
    this.stopMeter();
    this.capture?.close();
    this.capture = null;
    this.preview.srcObject = null;
    this.preview.hidden = true;
    void this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = null;
    this.updateElapsed();
    const chunks = this.seq;
    await this.queue.stopped(recordingId, chunks);
    this.showStopping();
    const result = await this.queue.drained(recordingId);
    if (result === 'refused') {
      this.setState('stopped');
      return;
    }
    if (result === 'dropped') {
      this.setState('stopped');
      this.fail('The server closed the recording before all of it arrived, so the end of the recording is missing.');
      return;
    }
    this.statusLine.say('Every part has arrived: saving the recording…');
    const finished = await this.queue.finish(recordingId);
    this.setState('stopped');
    if (finished.ok) {
      this.statusLine.say(`${why ? `${why} ` : ''}Recording saved (${formatClock(this.accumulatedMs)}).`);
      this.dispatchEvent(new CustomEvent('recording-finished', { detail: { recordingId } }));
    } else {
      this.fail(`The recording could not be saved: ${finished.message}`);
    }
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = window.setInterval(() => {
      this.updateElapsed();
      const max = Number(this.getAttribute('max-duration-ms'));
      if (max > 0 && this.now() >= max && this.state === 'recording') {
        void this.stop(`The recording reached the longest length allowed (${formatClock(max)}), so it stopped.`);
      }
    }, 250);
  }

  private stopTicker(): void {
    window.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private updateElapsed(): void {
    this.elapsedLabel.textContent = formatClock(this.now());
  }

  private startMeter(): void {
    const analyser = this.capture?.analyser;
    if (!analyser) {
      return;
    }
    const samples = new Float32Array(analyser.fftSize);
    let lastUpdate = 0;
    const frame = (time: number) => {
      if (!this.capture || this.capture.analyser !== analyser) {
        return;
      }
      if (time - lastUpdate > 66) {
        lastUpdate = time;
        analyser.getFloatTimeDomainData(samples);
        let peak = 0;
        for (let i = 0; i < samples.length; i++) {
          const v = Math.abs(samples[i]);
          if (v > peak) {
            peak = v;
          }
        }
        // A gentle curve so that speech sits mid-scale.
        this.level.value = this.state === 'paused' ? 0 : Math.min(1, Math.sqrt(peak));
      }
      this.meterFrame = requestAnimationFrame(frame);
    };
    this.meterFrame = requestAnimationFrame(frame);
  }

  private stopMeter(): void {
    cancelAnimationFrame(this.meterFrame);
    this.level.value = 0;
  }

  private async keepAwake(): Promise<void> {
    try {
      const nav = navigator as unknown as { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
      this.wakeLock = nav.wakeLock ? await nav.wakeLock.request('screen') : null;
    } catch {
      this.wakeLock = null;
    }
  }

  // ---- status ----

  private showQueue(status: QueueStatus): void {
    this.queueStatus = status;
    const n = status.pending;
    const parts = `${n} ${n === 1 ? 'part' : 'parts'}`;
    let text: string;
    if (n === 0) {
      text = 'All sent';
    } else if (status.state === 'waiting') {
      text = `${parts} waiting: they will be sent when the connection returns`;
    } else if (status.state === 'refused') {
      text = `${parts} kept in this browser: they will be sent when you open this page again`;
    } else {
      text = `Sending ${parts}…`;
    }
    this.queueLine.textContent = text;
    this.queueLine.dataset.state = n === 0 ? 'idle' : status.state;
    this.queueLine.dataset.pending = String(n);
    if (this.state === 'stopping') {
      this.showStopping();
    }
  }

  private showStopping(): void {
    const id = this.recordingId;
    const left = id == null ? 0 : this.queue.pendingFor(id);
    if (left > 0) {
      const waiting = this.queueStatus.state === 'waiting' ? ' (waiting for the connection)' : '';
      this.statusLine.say(`Stopped at ${formatClock(this.accumulatedMs)}. Sending the last ${left === 1 ? 'part' : `${left} parts`}${waiting}: keep this page open.`);
    }
  }

  private fail(message: string): void {
    this.statusLine.error(message);
    this.dispatchEvent(new CustomEvent('recording-error', { detail: { message } }));
  }

  // ---- keys ----

  private keyDown(e: KeyboardEvent): void {
    if (!isShortcutEvent(e, this)) {
      return;
    }
    let used = false;
    if (e.key === '?' && !e.ctrlKey && !e.metaKey) {
      this.help.toggle();
      used = true;
    } else if (e.key === 'Escape' && this.help.isOpen && !this.session.prompt.isOpen) {
      this.help.toggle(false);
      used = true;
    } else {
      used = this.session.handleKey(e);
    }
    if (used) {
      e.preventDefault();
      e.stopPropagation();
    }
  }
}

customElements.define('earmark-recorder', EarmarkRecorder);

declare global {
  interface HTMLElementTagNameMap {
    'earmark-recorder': EarmarkRecorder;
  }
}
