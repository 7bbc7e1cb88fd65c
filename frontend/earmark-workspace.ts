/**
 * <earmark-workspace>: tagging a recording on playback. The player, a zoomable waveform with the tags on
 * it (peaks.js), a transport line, the tag prompt, the tags in time order and the coverage of the ACs.
 * Keyboard first: every shortcut is listed in the help overlay ("?").
 *
 * Attributes (set by the server): media-url, media-kind (audio|video), poster-url, peaks-url,
 * peaks-samples-per-pixel, duration-ms, criteria-json, tags-json (the tags when the page opens), plan-json,
 * reaction-delay-ms, readonly; tags-url, tag-change-url, csrf-header, csrf-token (where tags are sent, see
 * tagging/tag-requests.ts; without tags-url they go through Vaadin's $server).
 * Called by the server: applyTagChange(json) with each committed change to the recording's tags (one tag, or
 * one deleted id).
 * Server methods ($server, JSON strings in and out): createTag, updateTag, deleteTag.
 * Events: workspace-ready {ms, drawnTagCount, waveform} once the recording, the waveform and the tags are drawn.
 * Properties: drawnTagCount (tags the waveform draws), pushedChangeCount (changes the server pushed);
 * waveformState() (the time range in view and the labels as drawn). Static: formatCounter (the time counter form).
 */
import { TaggingSession, type TaggingHost } from './tagging/session';
import type { BookChange } from './tagging/tag-book';
import { ShortcutHelp, isShortcutEvent } from './tagging/keyboard';
import { button, el } from './tagging/dom';
import { formatClock, formatCounter } from './tagging/time';
import { parseJsonArray, type Criterion, type Tag, type TagServer } from './tagging/types';
import { parsePlan } from './tagging/plan-panel';
import { TagWaveform, fetchPeaks } from './workspace/tag-waveform';
import { TagRequests } from './tagging/tag-requests';
import { renewCsrf } from './recording/session-token';
// Mute / solo a party on the workspace's player: added beneath it by the talk-time module (a WorkspaceAddition, so
// Vaadin's bundle does not know the workspace route needs it).
import './workspace/party-mixer';

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

const HELP = [
  {
    title: 'Playback',
    shortcuts: [
      { keys: ['Space', 'K'], does: 'Play or pause' },
      { keys: ['←', '→'], does: 'Back or forward 5 seconds (with Shift: 1 second)' },
      { keys: ['[', ']'], does: 'Slower or faster (0.5× to 2×)' },
      { keys: [',', '.'], does: 'Jump to the previous or next tag (and select it)' },
      { keys: ['+', '−'], does: 'Zoom the waveform in or out' },
    ],
  },
  {
    title: 'Tagging',
    shortcuts: [
      { keys: ['an AC number, e.g. 3.1'], does: 'Starts a tag at that moment less the reaction delay; type more ACs separated by spaces or commas' },
      { keys: ['Tab'], does: 'Complete the suggested AC' },
      { keys: ['Enter'], does: 'Save the tag (or the note, or the ACs)' },
      { keys: ['Esc'], does: 'Cancel' },
      { keys: ['T'], does: 'Tag the current moment (less the reaction delay), then type the ACs' },
      { keys: ['I', 'O'], does: 'Mark the in and the out point of a span, then type the ACs' },
      { keys: ['N'], does: 'Write the note of the selected tag (or the last one made); pauses playback until Enter or Esc' },
      { keys: ['E'], does: 'Change the ACs of the selected tag' },
      { keys: ['Q'], does: 'Go to the planned questions: Tab moves between their ACs, Enter tags this moment with one' },
      { keys: ['Alt+←', 'Alt+→'], does: 'Move the selected tag by 0.5 second (with Shift: 0.1 second)' },
      { keys: ['Delete', 'Backspace'], does: 'Delete the selected tag' },
      { keys: ['Ctrl+Z'], does: 'Undo your last change' },
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo' },
      { keys: ['drag a marker'], does: 'Move a tag (or a span’s ends) on the waveform' },
    ],
  },
  { title: 'Help', shortcuts: [{ keys: ['?'], does: 'Show or hide this list' }] },
];

class EarmarkWorkspace extends HTMLElement implements TaggingHost {
  static get observedAttributes(): string[] {
    return ['media-url', 'media-kind', 'poster-url', 'peaks-url', 'peaks-samples-per-pixel', 'duration-ms',
      'criteria-json', 'tags-json', 'plan-json', 'reaction-delay-ms', 'readonly'];
  }

  /** The time counter of a tag as Earmark writes it everywhere ("0m 01s", "1h 02m 43s"). */
  static formatCounter(ms: number): string {
    return formatCounter(ms);
  }

  private built = false;
  private session!: TaggingSession;
  private waveform: TagWaveform | null = null;
  private mediaBox!: HTMLElement;
  private player: HTMLMediaElement | null = null;
  private zoomviewBox!: HTMLElement;
  private overviewBox!: HTMLElement;
  private waveformMessage!: HTMLElement;
  private timeLabel!: HTMLElement;
  private speedSelect!: HTMLSelectElement;
  private spanMark!: HTMLElement;
  private help!: ShortcutHelp;
  private inMarkMs: number | null = null;
  private mediaSignature = '';
  private setupScheduled = false;
  private connectedAt = 0;
  private readySent = false;
  private wasPlayingBeforeNote = false;
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyDown(e);

  /** How many tags the waveform currently draws. */
  get drawnTagCount(): number {
    return this.waveform ? this.waveform.count : 0;
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

  /** What the waveform shows: the time range in view and the tags' labels as drawn; null before it is drawn. */
  waveformState(): ReturnType<TagWaveform['viewState']> {
    return this.waveform ? this.waveform.viewState() : null;
  }

  connectedCallback(): void {
    if (!this.built) {
      this.build();
    }
    this.connectedAt = performance.now();
    performance.mark('earmark-workspace:connected');
    window.addEventListener('keydown', this.onKeyDown, true);
    this.scheduleMediaSetup();
  }

  disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeyDown, true);
    // Vaadin may move the element (detach, then attach at once): only a lasting removal frees the waveform.
    setTimeout(() => {
      if (this.isConnected) {
        return;
      }
      // A detached media element would go on playing.
      this.player?.pause();
      if (this.waveform) {
        this.waveform.destroy();
        this.waveform = null;
        this.mediaSignature = '';
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
        this.session.plan.setPlan(parsePlan(value));
        break;
      case 'reaction-delay-ms':
        this.session.delay.setDefault(value);
        break;
      case 'readonly':
        this.session.setReadonly(value !== null);
        this.mediaSignature = '';
        this.scheduleMediaSetup();
        break;
      case 'duration-ms':
        this.updateTime();
        break;
      default:
        this.scheduleMediaSetup();
    }
  }

  // ---- TaggingHost ----

  now(): number {
    return this.player ? this.player.currentTime * 1000 : 0;
  }

  maxMs(): number | null {
    const d = this.player?.duration;
    if (d != null && Number.isFinite(d) && d > 0) {
      return Math.round(d * 1000);
    }
    const attr = Number(this.getAttribute('duration-ms'));
    return Number.isFinite(attr) && attr > 0 ? attr : null;
  }

  whyNotTagging(): string | null {
    if (this.session.readonly) {
      return 'This workspace is read only.';
    }
    return this.player ? null : 'The recording is not loaded yet.';
  }

  pauseForNote(): boolean {
    if (this.player && !this.player.paused) {
      this.player.pause();
      this.wasPlayingBeforeNote = true;
      return true;
    }
    this.wasPlayingBeforeNote = false;
    return false;
  }

  resumeAfterNote(): void {
    if (this.player && this.wasPlayingBeforeNote) {
      this.wasPlayingBeforeNote = false;
      void this.player.play().catch(() => undefined);
    }
  }

  tagsChanged(change: BookChange): void {
    if (!this.waveform) {
      return;
    }
    if (change.removedId != null) {
      this.waveform.removeTag(change.removedId);
    }
    if (change.tag) {
      this.waveform.syncTag(change.tag, this.session.criteria);
    } else if (change.removedId == null) {
      this.waveform.sync(this.session.book.tags, this.session.criteria, this.session.selectedId);
    }
  }

  selected(id: number | null, seek: boolean): void {
    this.waveform?.select(id, (tagId) => this.session.book.get(tagId), this.session.criteria);
    const tag = this.session.book.get(id);
    if (tag && seek) {
      this.seekTo(tag.startMs);
    }
  }

  // ---- building ----

  private build(): void {
    this.built = true;
    this.classList.add('earmark-workspace');
    const requests = new TagRequests(() => {
      const tagsUrl = this.getAttribute('tags-url');
      const header = this.getAttribute('csrf-header');
      return tagsUrl ? {
        tagsUrl,
        changeUrl: this.getAttribute('tag-change-url') || '',
        csrf: header ? { [header]: this.getAttribute('csrf-token') || '' } : {},
      } : null;
    }, () => renewCsrf(this));
    const server = (): TagServer | undefined => (this.hasAttribute('tags-url') ? requests : (this as unknown as { $server?: TagServer }).$server);
    this.session = new TaggingSession(this, server, {
      compact: false,
      seekable: true,
      idleText: 'Type an AC number to tag this moment, or T · ? lists the shortcuts',
    });
    this.mediaBox = el('div', 'workspace-media');
    this.zoomviewBox = el('div', 'waveform-zoomview');
    this.overviewBox = el('div', 'waveform-overview');
    this.waveformMessage = el('p', 'waveform-message');
    this.waveformMessage.setAttribute('role', 'status');
    const waveformBox = el('div', 'workspace-waveform', [this.zoomviewBox, this.overviewBox, this.waveformMessage]);

    this.timeLabel = el('span', 'transport-time', '0:00 / 0:00');
    this.timeLabel.setAttribute('aria-label', 'Position and length');
    this.speedSelect = el('select', 'transport-speed') as HTMLSelectElement;
    for (const s of SPEEDS) {
      const option = el('option', undefined, `${s}×`);
      option.value = String(s);
      option.selected = s === 1;
      this.speedSelect.append(option);
    }
    this.speedSelect.addEventListener('change', () => {
      this.setSpeed(Number(this.speedSelect.value));
      // Give the keys back to the shortcuts.
      this.speedSelect.blur();
    });
    const speed = el('label', 'transport-speed-label', ['Speed ', this.speedSelect]);
    const zoomOut = button('zoom-out', '−', 'Zoom out (−)');
    zoomOut.addEventListener('click', () => this.waveform?.zoomOut());
    const zoomIn = button('zoom-in', '+', 'Zoom in (+)');
    zoomIn.addEventListener('click', () => this.waveform?.zoomIn());
    const helpButton = button('shortcuts-button', '?', 'Keyboard shortcuts (?)');
    helpButton.addEventListener('click', () => this.help.toggle());
    this.spanMark = el('span', 'span-mark');
    this.spanMark.hidden = true;
    const transport = el('div', 'workspace-transport', [
      this.timeLabel, speed, el('span', 'transport-zoom', [zoomOut, zoomIn]), this.spanMark,
      el('span', 'transport-spacer'), this.session.delay.element, helpButton,
    ]);

    this.help = new ShortcutHelp('Keyboard shortcuts', HELP);
    const panels = el('div', 'workspace-panels', [this.session.list.element, this.session.coverage.element]);
    const main = el('div', 'tagging-main', [this.mediaBox, waveformBox, transport, this.session.prompt.element, this.session.status.element, this.help.element, panels]);
    this.replaceChildren(el('div', 'tagging-layout', [main, this.session.plan.aside()]));
  }

  private scheduleMediaSetup(): void {
    if (this.setupScheduled) {
      return;
    }
    this.setupScheduled = true;
    // Vaadin sets attributes one by one: set up once they have all arrived.
    queueMicrotask(() => {
      this.setupScheduled = false;
      if (this.isConnected) {
        this.setupMedia();
      }
    });
  }

  private setupMedia(): void {
    const url = this.getAttribute('media-url') || '';
    const kind = this.getAttribute('media-kind') === 'video' ? 'video' : 'audio';
    const poster = this.getAttribute('poster-url') || '';
    const peaksUrl = this.getAttribute('peaks-url') || '';
    const spp = Number(this.getAttribute('peaks-samples-per-pixel')) || 1024;
    const signature = [url, kind, poster, peaksUrl, spp, this.session.readonly].join('|');
    if (signature === this.mediaSignature || !url) {
      return;
    }
    this.mediaSignature = signature;
    this.waveform?.destroy();
    this.waveform = null;

    if (!this.player || this.player.localName !== kind || this.player.getAttribute('src') !== url) {
      const player = document.createElement(kind);
      player.id = 'player';
      player.className = 'recording-player';
      player.controls = true;
      player.preload = 'metadata';
      player.src = url;
      if (kind === 'video' && poster) {
        (player as HTMLVideoElement).poster = poster;
      }
      for (const type of ['timeupdate', 'seeked', 'durationchange', 'loadedmetadata', 'play', 'pause']) {
        player.addEventListener(type, () => this.updateTime());
      }
      player.addEventListener('ratechange', () => {
        this.speedSelect.value = String(player.playbackRate);
      });
      player.addEventListener('error', () => {
        this.waveformMessage.textContent = 'The recording could not be played in this browser.';
      });
      this.player?.pause();
      this.mediaBox.replaceChildren(player);
      this.player = player;
    } else if (kind === 'video') {
      (this.player as HTMLVideoElement).poster = poster;
    }
    this.updateTime();
    if (peaksUrl) {
      this.startWaveform(peaksUrl, spp);
    } else {
      this.waveformMessage.textContent = 'No waveform for this recording.';
      this.ready(false);
    }
  }

  private startWaveform(peaksUrl: string, spp: number): void {
    const player = this.player!;
    const waveform = new TagWaveform(this.zoomviewBox, this.overviewBox, {
      moved: (id, startMs, endMs) => this.session.move(id, startMs, endMs),
      clicked: (id) => this.session.select(id, false),
    });
    this.waveform = waveform;
    this.waveformMessage.textContent = 'Loading the waveform…';
    performance.mark('earmark-workspace:setup');
    // The waveform does not wait for the media's metadata (peaks.js's own player would).
    Promise.all([fetchPeaks(peaksUrl), this.laidOut(this.zoomviewBox)]).then(([peaks]) => {
      if (this.waveform !== waveform) {
        return undefined;
      }
      performance.mark('earmark-workspace:loaded');
      return waveform.init({ mediaElement: player, durationMs: this.maxMs(), peaks, samplesPerPixel: spp }, this.session.book.tags, this.session.criteria,
        this.session.selectedId, !this.session.readonly).then(() => {
        if (this.waveform !== waveform) {
          return;
        }
        this.waveformMessage.textContent = '';
        // Tags that arrived while the waveform loaded.
        waveform.sync(this.session.book.tags, this.session.criteria, this.session.selectedId);
        this.ready(true);
      });
    }).catch((err: Error) => {
      if (this.waveform !== waveform) {
        return;
      }
      this.waveformMessage.textContent = err.message;
      this.waveform = null;
      waveform.destroy();
      this.ready(false);
    });
  }

  /** Resolves once the element has a size (not in a hidden tab or a collapsed panel). */
  private laidOut(box: HTMLElement): Promise<void> {
    if (box.clientWidth > 0 && box.clientHeight > 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const observer = new ResizeObserver(() => {
        if (box.clientWidth > 0 && box.clientHeight > 0) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(box);
    });
  }

  private ready(waveform: boolean): void {
    if (this.readySent) {
      return;
    }
    this.readySent = true;
    requestAnimationFrame(() => {
      performance.mark('earmark-workspace:ready');
      const ms = Math.round(performance.now() - this.connectedAt);
      this.dataset.readyMs = String(ms);
      this.dispatchEvent(new CustomEvent('workspace-ready', { detail: { ms, drawnTagCount: this.drawnTagCount, waveform } }));
    });
  }

  // ---- playback ----

  private updateTime(): void {
    if (!this.timeLabel) {
      return;
    }
    const position = this.player ? this.player.currentTime * 1000 : 0;
    const total = this.maxMs() ?? 0;
    this.timeLabel.textContent = `${formatClock(position)} / ${formatClock(total)}`;
  }

  private seekTo(ms: number): void {
    if (!this.player) {
      return;
    }
    const max = this.maxMs();
    const clamped = Math.max(0, max != null ? Math.min(ms, max) : ms);
    this.player.currentTime = clamped / 1000;
    this.waveform?.reveal(clamped);
    this.updateTime();
  }

  private togglePlay(): void {
    if (!this.player) {
      return;
    }
    if (this.player.paused) {
      void this.player.play().catch((e) => this.session.status.error(`Playback did not start: ${e.message}`));
    } else {
      this.player.pause();
    }
  }

  private setSpeed(speed: number): void {
    if (this.player && SPEEDS.includes(speed)) {
      this.player.playbackRate = speed;
    }
    this.speedSelect.value = String(speed);
    this.session.status.say(`Speed ${speed}×`, 2000);
  }

  private stepSpeed(direction: 1 | -1): void {
    const current = this.player ? this.player.playbackRate : 1;
    let index = SPEEDS.findIndex((s) => Math.abs(s - current) < 0.001);
    if (index < 0) {
      index = SPEEDS.indexOf(1);
    }
    this.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, index + direction))]);
  }

  private jumpToTag(direction: 1 | -1): void {
    const now = this.now();
    const tags = this.session.book.tags;
    let target: Tag | undefined;
    if (direction < 0) {
      for (let i = tags.length - 1; i >= 0; i--) {
        if (tags[i].startMs < now - 300) {
          target = tags[i];
          break;
        }
      }
    } else {
      target = tags.find((t) => t.startMs > now + 50);
    }
    if (target) {
      this.session.select(target.id, true);
    } else {
      this.session.status.say(direction < 0 ? 'No earlier tag.' : 'No later tag.', 2500);
    }
  }

  // ---- spans ----

  private markIn(): void {
    this.inMarkMs = this.session.delayedNow();
    this.spanMark.hidden = false;
    this.spanMark.textContent = `In ${formatCounter(this.inMarkMs)}: press O at the end of the span (Esc clears)`;
  }

  private markOut(text = ''): void {
    if (this.inMarkMs == null) {
      this.session.status.say('Press I first, where the span starts; then O where it ends.', 5000);
      return;
    }
    const start = this.inMarkMs;
    this.session.startCreate(start, this.session.delayedNow(), text, () => this.clearInMark());
  }

  private clearInMark(): void {
    this.inMarkMs = null;
    this.spanMark.hidden = true;
    this.spanMark.textContent = '';
  }

  // ---- keys ----

  private keyDown(e: KeyboardEvent): void {
    if (!isShortcutEvent(e, this)) {
      return;
    }
    if (this.handleKey(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private handleKey(e: KeyboardEvent): boolean {
    const key = e.key;
    // AltGr (reported as Ctrl+Alt on some systems) types [ ] + on many keyboards.
    const plain = (!e.ctrlKey && !e.metaKey && !e.altKey) || e.getModifierState('AltGraph');
    if (key === '?' && !e.ctrlKey && !e.metaKey) {
      this.help.toggle();
      return true;
    }
    if (key === 'Escape' && !this.session.prompt.isOpen) {
      let used = false;
      if (this.help.isOpen) {
        this.help.toggle(false);
        used = true;
      }
      if (this.inMarkMs != null) {
        this.clearInMark();
        used = true;
      }
      return used;
    }
    if ((key === 'ArrowLeft' || key === 'ArrowRight') && !e.ctrlKey && !e.metaKey) {
      const direction = key === 'ArrowLeft' ? -1 : 1;
      if (e.altKey) {
        this.session.nudge(direction * (e.shiftKey ? 100 : 500));
      } else {
        this.seekTo(this.now() + direction * (e.shiftKey ? 1000 : 5000));
      }
      return true;
    }
    if (plain) {
      switch (key) {
        case ' ':
        case 'k':
        case 'K':
          this.togglePlay();
          return true;
        case '[':
          this.stepSpeed(-1);
          return true;
        case ']':
          this.stepSpeed(1);
          return true;
        case ',':
          this.jumpToTag(-1);
          return true;
        case '.':
          this.jumpToTag(1);
          return true;
        case '+':
        case '=':
          this.waveform?.zoomIn();
          return true;
        case '-':
        case '_':
        case '−':
          this.waveform?.zoomOut();
          return true;
        default:
          break;
      }
      if (!this.session.readonly) {
        if (key === 'i' || key === 'I') {
          this.markIn();
          return true;
        }
        if (key === 'o' || key === 'O') {
          this.markOut();
          return true;
        }
        if (this.inMarkMs != null && (/^[0-9]$/.test(key) || key === 't' || key === 'T')) {
          // A span from the in point to this key press.
          this.markOut(/^[0-9]$/.test(key) ? key : '');
          return true;
        }
      }
    }
    return this.session.handleKey(e);
  }
}

customElements.define('earmark-workspace', EarmarkWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'earmark-workspace': EarmarkWorkspace;
  }
}
