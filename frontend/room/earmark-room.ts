/**
 * <earmark-room>: the remote discussion room. A waiting room first (microphone and camera check with a level
 * meter and device choice, or a clear message when there is no microphone, permission is denied or the browser
 * cannot make calls), then a WebRTC call with everyone else in the room: the assessor and the learner send and
 * receive; an observing IQA receives only.
 *
 * Signalling goes through the server's view ($server.signal → the other page's receiveSignal), which only passes
 * messages between pages of the same room. Each pair of pages negotiates with the "perfect negotiation" pattern (the
 * page with the greater id is polite), so offers that cross are settled, and an ICE restart follows a dropped
 * network path (at once when the connection fails, after a few seconds when it stays disconnected).
 *
 * Recording: once both parties have agreed to the notice (roomState says so), each party's page records its own
 * microphone with MediaRecorder (a part every `timeslice-ms`), keeps each part in the browser until the server has
 * it (ChunkQueue, as the live recorder does) and tells the server each part's capture time by this browser's clock,
 * after measuring this clock against the server's.
 *
 * With a camera chosen, the party's recording has both the microphone and the camera (VP8 and Opus in WebM). When the
 * link is too slow for video (the video sender is limited by bandwidth, with a low estimate of the outgoing bitrate),
 * the page stops sending its picture, keeps the sound and tells both parties; it sends it again once the link has
 * recovered. Its own recording keeps the camera either way.
 *
 * The assessor tags live (attributes criteria-json, plan-json, reaction-delay-ms: the workspace's AC box, keys and
 * plan panel, from frontend/tagging): the tags go to the assessor's own track, at the time since that track started.
 * The assessor can also show the learner planned questions (one, or the list); every page shows what is shown.
 *
 * Each signal names the sending page's peer connection ("pc") and, once known, the receiver's: a page that has
 * started a fresh connection (after a reload, a rejoin or a long drop) is recognised, and the other page starts a
 * fresh one too instead of trying to continue the old one. A connection not connected after a while is restarted.
 *
 * Attributes: party-role (ASSESSOR, LEARNER, OBSERVER), self-name, notice, ice-servers-json, timeslice-ms,
 * replaced-message (said when the party joined again elsewhere), csrf-header,
 * csrf-token, and for the assessor criteria-json, plan-json, reaction-delay-ms. Called by the server:
 * receiveSignal(fromId, json), roomState(json), roomEnded(message), roomReplaced(message).
 * Server methods: join, alive, signal, consent, serverTime, startTrack, partCaptured, recordingStopped, leave, end,
 * shareQuestions.
 * For tests: peerStates(), audioBytesReceived(), signalLog(), trackElapsedMs(), simulateLink(slow, samples).
 */
import { button, el, StatusLine } from '../tagging/dom';
import { ChunkQueue } from '../recording/chunk-queue';
import { keepEscapeFromReloading, renewCsrf } from '../recording/session-token';
import { TaggingSession, type TaggingHost } from '../tagging/session';
import { TagRequests } from '../tagging/tag-requests';
import { ShortcutHelp, isShortcutEvent, liveTaggingShortcuts } from '../tagging/keyboard';
import { parseJsonArray, type Criterion } from '../tagging/types';
import { parsePlan, type PlanInfo } from '../tagging/plan-panel';

type Role = 'ASSESSOR' | 'LEARNER' | 'OBSERVER';

interface Present {
  id: string;
  role: Role;
  label: string;
  name: string;
  recording: boolean;
}

interface SharedQuestion {
  position: number;
  text: string;
}

interface RoomState {
  present: Present[];
  consents: Role[];
  sessionId?: number;
  open: boolean;
  /** Orders the states (they may arrive out of order): an older one than the last is ignored. */
  version?: number;
  shared?: SharedQuestion[];
}

/** What one page sends another through the room. */
interface SignalMessage {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
  /** The sender's video was paused (the link is too slow) or resumed. */
  video?: 'paused' | 'resumed';
  /** The sending page's peer connection. */
  pc?: string;
  /** The receiver's peer connection the sender knows of (if any). */
  toPc?: string;
}

interface RoomServer {
  join(): Promise<string>;
  alive(): Promise<string>;
  shareQuestions(positionsJson: string): Promise<string>;
  signal(to: string, json: string): Promise<string>;
  consent(): Promise<string>;
  serverTime(): Promise<number>;
  startTrack(offsetMs: number, rttMs: number): Promise<string>;
  partCaptured(recordingId: number, seq: number, startMs: number, endMs: number): Promise<void>;
  recordingStopped(): Promise<void>;
  leave(): Promise<void>;
  end(): Promise<string>;
}

interface Peer {
  id: string;
  role: Role | null;
  pc: RTCPeerConnection;
  /** This page's name for the connection (sent with each signal). */
  pcId: string;
  /** The other page's name for its connection, once a signal from it arrived. */
  remotePcId: string | null;
  /** Whether a candidate of the other side has arrived (noted once, for the signalling log). */
  candidateReceived?: boolean;
  /** When the connection was made or last restarted (performance.now()). */
  since: number;
  /** The video sender is paused because the link is too slow. */
  videoPaused: boolean;
  /** Consecutive stats samples that said "too slow" (or, while paused, "fast enough again"). */
  slowSamples: number;
  fastSamples: number;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Signals are handled one after the other. */
  chain: Promise<void>;
  media: HTMLVideoElement;
  box: HTMLElement;
  caption: HTMLElement;
  restartTimer?: number;
}

type PageState = 'checking' | 'ready' | 'unavailable' | 'joining' | 'in-call' | 'left' | 'ended';

const MICROPHONE: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
/** Enough to see each other in a discussion, and light on the link and on the recording (sent and recorded). */
const CAMERA: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };
const DISCONNECTED_RESTART_MS = 3000;
/** A connection neither connected nor connecting well after this long is restarted (a lost offer or answer). */
const STUCK_RESTART_MS = 10000;
/** A signal from a page the room has not (yet) said is present is kept this long. */
const PENDING_SIGNAL_MS = 15000;
/** How often the video senders' statistics are read. */
const VIDEO_WATCH_MS = 2000;
/** Below this estimate of the outgoing bitrate (bits/s), a bandwidth-limited picture is not worth sending. */
const VIDEO_MIN_BPS = 250000;
/** Samples in a row before the picture is paused (6 s) or sent again (10 s, above twice the minimum). */
const VIDEO_SLOW_SAMPLES = 3;
const VIDEO_FAST_SAMPLES = 5;
const VIDEO_PAUSED_TEXT = 'Video paused: the connection is too slow; sound continues.';
/** How often the page tells the room it is still there (the server lets a page go after 20 s of silence). */
const HEARTBEAT_MS = 5000;

const STYLE = `
earmark-room { display: block; }
earmark-room .room-row { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: .5rem 0; }
earmark-room .room-preview, earmark-room .room-remote video { width: 320px; max-width: 100%; background: #222; border-radius: 6px; }
earmark-room .room-remotes { display: flex; flex-wrap: wrap; gap: 1rem; }
earmark-room .room-remote figcaption { font-size: .9rem; }
earmark-room .room-recording { font-weight: 600; padding: .4rem .6rem; border-radius: 6px; background: #eee; color: #222; }
earmark-room .room-recording[data-on="true"] { background: #b00020; color: #fff; }
earmark-room .room-observing { font-weight: 600; padding: .4rem .6rem; border-radius: 6px; background: #fff3cd; color: #3d2e00; }
earmark-room .room-notice { border: 1px solid #888; border-radius: 6px; padding: .75rem; max-width: 48rem; }
earmark-room .room-error { color: #b00020; font-weight: 600; }
earmark-room .error { color: #b00020; }
earmark-room .room-video-notice { font-weight: 600; padding: .4rem .6rem; border-radius: 6px; background: #e8f0fe; color: #102a56; }
earmark-room .room-shared { border: 2px solid #1a5fb4; border-radius: 6px; padding: .75rem; max-width: 48rem; }
earmark-room .room-shared ol { font-size: 1.15rem; }
earmark-room .room-share li { margin: .25rem 0; }
earmark-room .room-tagging { border-top: 1px solid #ccc; margin-top: 1rem; padding-top: .5rem; }
`;

function newId(): string {
  return Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 6);
}

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A sentence from a getUserMedia failure. */
function explain(e: unknown, camera: boolean): string {
  const name = (e as DOMException)?.name || '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Earmark was not allowed to use your microphone${camera ? ' or camera' : ''}. Allow it in the browser (the icon in the address bar), then press "Check again".`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return camera ? 'That camera was not found. Choose another, or "No camera (sound only)".' : 'No microphone was found. Connect one, then press "Check again": the discussion needs your voice.';
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${camera ? 'camera or microphone' : 'microphone'} could not be opened: another application may be using it. Close it, then press "Check again".`;
    default:
      return `Your microphone could not be opened: ${(e as Error)?.message || e}`;
  }
}

class EarmarkRoom extends HTMLElement implements TaggingHost {
  private built = false;
  private state: PageState = 'checking';
  private partyRole: Role = 'LEARNER';
  private selfId: string | null = null;
  private local: MediaStream | null = null;
  private audioContext: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private meterFrame = 0;
  private peers = new Map<string, Peer>();
  private pendingSignals: Array<[string, string, number]> = [];
  private lastVersion = -1;
  private readonly log: string[] = [];
  private watchdog: number | undefined;
  private videoWatch: number | undefined;
  // live tagging (the assessor) and the shared questions
  private session: TaggingSession | null = null;
  private help: ShortcutHelp | null = null;
  private tagging: HTMLElement | null = null;
  private tagUrls: { tagsUrl: string; changeUrl: string } | null = null;
  /** When this page's own track started (epoch ms, the recorder's start): tags are times since then. */
  private trackStartedAt: number | null = null;
  private plan: PlanInfo | null = null;
  private shareBox: HTMLElement | null = null;
  private shareState: HTMLElement | null = null;
  private sharedBox!: HTMLElement;
  private sharedList!: HTMLOListElement;
  private sharedTitle!: HTMLElement;
  private videoNotice!: HTMLElement;
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyDown(e);
  private current: RoomState = { present: [], consents: [], open: false };
  private queue!: ChunkQueue;
  private recorder: MediaRecorder | null = null;
  private recordingId: number | null = null;
  private trackStarting = false;
  private seq = 0;
  private lastMark = 0;
  private heartbeat: number | undefined;

  // waiting room
  private waiting!: HTMLElement;
  private micSelect!: HTMLSelectElement;
  private camSelect!: HTMLSelectElement;
  private preview!: HTMLVideoElement;
  private level!: HTMLMeterElement;
  private checkAgain!: HTMLButtonElement;
  private joinButton!: HTMLButtonElement;
  private problem!: HTMLElement;
  // call
  private call!: HTMLElement;
  private recordingLine!: HTMLElement;
  private observingLine!: HTMLElement;
  private presenceLine!: HTMLElement;
  private noticeBox!: HTMLElement;
  private consentButton!: HTMLButtonElement;
  private consentState!: HTMLElement;
  private remotes!: HTMLElement;
  private leaveButton!: HTMLButtonElement;
  private endButton!: HTMLButtonElement;
  private status!: StatusLine;
  private queueLine!: HTMLElement;

  private readonly onPageHide = () => {
    if (this.state === 'in-call') {
      void this.server()?.leave();
    }
  };

  private unguardEscape: () => void = () => undefined;

  connectedCallback(): void {
    if (!this.built) {
      this.build();
      setTimeout(() => void this.check(), 0);
      setTimeout(() => void this.queue.recover(null), 0);
    }
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('keydown', this.onKeyDown, true);
    this.unguardEscape = keepEscapeFromReloading(() => this.recorder !== null || (this.queue?.pendingCount ?? 0) > 0);
  }

  disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('keydown', this.onKeyDown, true);
    this.unguardEscape();
    setTimeout(() => {
      if (!this.isConnected && this.state === 'in-call') {
        void this.leave('You left the room page, so you left the call.');
      }
    }, 0);
  }

  // ---- called by the server ----

  receiveSignal(from: string, json: string): void {
    const behind = this.pendingSignals.some(([f]) => f === from);
    if (!this.selfId || !this.current.present.some((p) => p.id === from) || behind) {
      // Not joined yet, or the state naming the sender is still on its way: kept until it arrives (or for a while).
      // A signal from a sender with signals still kept waits behind them: applied before the offer they hold, a
      // candidate would be refused (no remote description yet) and lost, and ICE would never begin.
      this.pendingSignals.push([from, json, performance.now()]);
      this.note(`signal from ${from.slice(0, 8)} kept (${!this.selfId ? 'not joined yet' : behind
        ? 'behind earlier ones' : 'sender not known yet'})`);
      if (this.selfId) {
        setTimeout(() => this.flushSignals(), 500);
      }
      return;
    }
    const message = JSON.parse(json) as SignalMessage;
    let peer = this.peers.get(from) || this.createPeer(from, this.roleOf(from));
    if (message.pc && peer.remotePcId && message.pc !== peer.remotePcId) {
      if (!message.description) {
        this.note(`candidate of an old connection of ${from.slice(0, 8)} ignored`);
        return;
      }
      // The other page started a fresh connection (it reloaded, rejoined or gave up the old one): start afresh too,
      // rather than offering the old connection's state to a connection that never knew it.
      this.note(`${from.slice(0, 8)} started a fresh connection: starting a fresh one too`);
      this.closePeer(peer);
      peer = this.createPeer(from, this.roleOf(from));
    }
    if (message.toPc && message.toPc !== peer.pcId) {
      this.note(`signal for an old connection to ${from.slice(0, 8)} ignored`);
      return;
    }
    if (message.pc && !peer.remotePcId) {
      peer.remotePcId = message.pc;
    }
    const target = peer;
    target.chain = target.chain.then(() => this.handleSignal(target, message)).catch((e) => {
      this.note(`signal failed: ${(e as Error)?.message || e}`);
      console.warn('Earmark room: signal', e);
    });
  }

  roomState(json: string): void {
    const next = JSON.parse(json) as RoomState;
    if (next.version != null) {
      if (next.version <= this.lastVersion) {
        this.note(`state ${next.version} ignored: ${this.lastVersion} is newer`);
        return;
      }
      this.lastVersion = next.version;
    }
    this.current = next;
    this.showShared();
    if (this.state !== 'in-call' || !this.selfId) {
      return;
    }
    this.applyState();
  }

  roomReplaced(message: string): void {
    if (this.state === 'in-call' || this.state === 'joining') {
      void this.leave(message, 'left');
    }
  }

  roomEnded(message: string): void {
    if (this.state === 'in-call' || this.state === 'joining') {
      void this.leave(message, 'ended');
    } else {
      this.status.say(message);
    }
  }

  // ---- for tests ----

  peerStates(): Array<{ id: string; role: Role | null; state: string; ice: string; signaling: string }> {
    return [...this.peers.values()].map((p) => ({ id: p.id, role: p.role, state: p.pc.connectionState, ice: p.pc.iceConnectionState, signaling: p.pc.signalingState }));
  }

  /** What happened to this page's connections, newest last (for tests and for a support request). */
  signalLog(): string[] {
    return [...this.log];
  }

  /** The time since this page's own track started (what a tag made now is placed at, before the reaction delay). */
  trackElapsedMs(): number | null {
    return this.trackStartedAt == null ? null : epochNow() - this.trackStartedAt;
  }

  // ---- TaggingHost (the assessor's live tags: times of their own track) ----

  now(): number {
    return this.trackElapsedMs() ?? 0;
  }

  maxMs(): number | null {
    return null;
  }

  whyNotTagging(): string | null {
    if (this.state !== 'in-call') {
      return 'Join the call first: tags are moments of your recording.';
    }
    return this.trackStartedAt != null && this.tagUrls ? null
      : 'Tags are moments of your recording: they can be made once you have both agreed and your recording has started.';
  }

  pauseForNote(): boolean {
    return false;
  }

  resumeAfterNote(): void {
    /* a note never pauses the call */
  }

  tagsChanged(): void {
    /* the list and the coverage are all the room draws */
  }

  selected(): void {
    /* nothing to seek in a call */
  }

  private note(what: string): void {
    this.log.push(`${(performance.now() / 1000).toFixed(2)} ${what}`);
    if (this.log.length > 400) {
      this.log.splice(0, this.log.length - 400);
    }
  }

  async audioBytesReceived(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const peer of this.peers.values()) {
      let bytes = 0;
      const stats = await peer.pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && (s.kind === 'audio' || s.mediaType === 'audio')) {
          bytes += s.bytesReceived || 0;
        }
      });
      result[peer.role || peer.id] = bytes;
    }
    return result;
  }

  // ---- building ----

  private server(): RoomServer | undefined {
    return (this as unknown as { $server?: RoomServer }).$server;
  }

  private build(): void {
    this.built = true;
    this.partyRole = (this.getAttribute('party-role') as Role) || 'LEARNER';
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.queue = new ChunkQueue(() => this.csrfHeaders(), {
      status: (s) => {
        this.queueLine.textContent = s.pending === 0 ? 'Every recorded part has reached Earmark.'
          : `${s.pending} recorded ${s.pending === 1 ? 'part' : 'parts'} kept in this browser until Earmark has ${s.pending === 1 ? 'it' : 'them'}${s.state === 'waiting' ? ' (the connection is down: trying again)' : ''}.`;
        this.queueLine.dataset.pending = String(s.pending);
      },
      notice: (m) => this.status.say(m),
      error: (m) => this.status.error(m),
      finished: () => undefined,
    }, () => renewCsrf(this));

    // Waiting room.
    this.micSelect = el('select', 'room-microphone');
    this.micSelect.id = 'room-microphone';
    this.camSelect = el('select', 'room-camera');
    this.camSelect.id = 'room-camera';
    this.micSelect.addEventListener('change', () => void this.check());
    this.camSelect.addEventListener('change', () => void this.check());
    this.preview = el('video', 'room-preview');
    this.preview.muted = true;
    this.preview.playsInline = true;
    this.preview.autoplay = true;
    this.preview.hidden = true;
    this.level = el('meter', 'room-level');
    this.level.id = 'room-level';
    this.level.min = 0;
    this.level.max = 1;
    this.level.low = 0.05;
    this.level.high = 0.9;
    this.level.optimum = 0.4;
    this.level.value = 0;
    this.level.setAttribute('aria-label', 'Your microphone\'s level');
    this.checkAgain = button('room-check-again', 'Check again');
    this.checkAgain.addEventListener('click', () => void this.check());
    this.joinButton = button('room-join', this.partyRole === 'OBSERVER' ? 'Join as observer (receive only)' : 'Join the call');
    this.joinButton.id = 'room-join';
    this.joinButton.disabled = true;
    this.joinButton.addEventListener('click', () => void this.join());
    this.problem = el('p', 'room-error');
    this.problem.id = 'room-problem';
    this.problem.setAttribute('role', 'alert');
    this.problem.hidden = true;
    const micLabel = el('label', undefined, ['Microphone ', this.micSelect]);
    const camLabel = el('label', undefined, ['Camera ', this.camSelect]);
    this.waiting = el('section', 'room-waiting', this.partyRole === 'OBSERVER'
      ? [el('h2', undefined, 'Before you join'), el('p', undefined, 'You join receive-only: your camera and microphone are not used, and both parties see "IQA observing".'), this.problem, el('div', 'room-row', [this.joinButton])]
      : [el('h2', undefined, 'Check your microphone and camera'),
        el('p', undefined, 'Speak: the level should move. Choose another microphone if it does not.'),
        el('div', 'room-row', [micLabel, el('span', undefined, ['Level ', this.level]), camLabel]),
        this.preview, this.problem, el('div', 'room-row', [this.checkAgain, this.joinButton])]);
    this.waiting.id = 'room-waiting';

    // Call.
    this.recordingLine = el('div', 'room-recording');
    this.recordingLine.id = 'room-recording';
    this.recordingLine.setAttribute('role', 'status');
    this.observingLine = el('div', 'room-observing');
    this.observingLine.id = 'room-observing';
    this.observingLine.setAttribute('role', 'status');
    this.observingLine.hidden = true;
    this.presenceLine = el('p', 'room-presence');
    this.presenceLine.id = 'room-presence';
    this.presenceLine.setAttribute('aria-live', 'polite');
    this.consentButton = button('room-consent', 'I agree to be recorded');
    this.consentButton.id = 'room-consent';
    this.consentButton.addEventListener('click', () => void this.consent());
    this.consentState = el('p', 'room-consent-state');
    this.consentState.id = 'room-consent-state';
    this.noticeBox = el('section', 'room-notice', [el('h3', undefined, 'Recording notice'), el('p', 'room-notice-text', this.getAttribute('notice') || ''), this.consentButton, this.consentState]);
    this.noticeBox.id = 'room-notice';
    this.noticeBox.hidden = this.partyRole === 'OBSERVER';
    this.remotes = el('div', 'room-remotes');
    this.remotes.id = 'room-remotes';
    this.leaveButton = button('room-leave', 'Leave the call');
    this.leaveButton.id = 'room-leave';
    this.leaveButton.addEventListener('click', () => void this.leave(null));
    this.endButton = button('room-end', 'End the discussion for everyone');
    this.endButton.id = 'room-end';
    this.endButton.hidden = this.partyRole !== 'ASSESSOR';
    this.endButton.addEventListener('click', () => void this.endForEveryone());
    this.queueLine = el('p', 'room-queue');
    this.queueLine.id = 'room-queue';
    this.queueLine.setAttribute('role', 'status');
    this.videoNotice = el('div', 'room-video-notice');
    this.videoNotice.id = 'room-video-notice';
    this.videoNotice.setAttribute('role', 'status');
    this.videoNotice.hidden = true;
    this.sharedTitle = el('h3', undefined, 'Question from your assessor');
    this.sharedList = el('ol', 'room-shared-list');
    this.sharedBox = el('section', 'room-shared', [this.sharedTitle, this.sharedList]);
    this.sharedBox.id = 'room-shared';
    this.sharedBox.setAttribute('aria-live', 'polite');
    this.sharedBox.hidden = true;
    const parts: HTMLElement[] = [this.recordingLine, this.observingLine, this.videoNotice, this.presenceLine, this.noticeBox,
      this.sharedBox, this.remotes, el('div', 'room-row', [this.leaveButton, this.endButton]), this.queueLine];
    if (this.partyRole === 'ASSESSOR' && this.getAttribute('criteria-json')) {
      parts.push(this.buildTagging());
    }
    this.call = el('section', 'room-call', parts);
    this.call.id = 'room-call';
    this.call.hidden = true;

    this.status = new StatusLine('room-status');
    this.status.element.id = 'room-status';
    this.replaceChildren(style, this.waiting, this.call, this.status.element);
    this.setState('checking');
  }

  /** The assessor's live tagging (the workspace's AC box, keys and plan panel) and the questions to show the learner. */
  private buildTagging(): HTMLElement {
    const requests = new TagRequests(() => (this.tagUrls ? { ...this.tagUrls, csrf: this.csrfHeaders() } : null),
      () => renewCsrf(this));
    const session = new TaggingSession(this, () => (this.tagUrls ? requests : undefined), {
      compact: true,
      seekable: false,
      idleText: 'While recording: type an AC number to tag the moment, or T · ? lists the shortcuts',
    });
    this.session = session;
    session.setCriteria(parseJsonArray<Criterion>(this.getAttribute('criteria-json'), 'criteria-json'));
    this.plan = parsePlan(this.getAttribute('plan-json'));
    session.plan.setPlan(this.plan);
    session.delay.setDefault(this.getAttribute('reaction-delay-ms'));
    this.help = new ShortcutHelp('Keyboard shortcuts', liveTaggingShortcuts('Tagging during the call',
      'Write the note of the selected tag (or the last one made)'));
    const helpButton = button('shortcuts-button', '?', 'Keyboard shortcuts (?)');
    helpButton.addEventListener('click', () => this.help?.toggle());
    const panels = el('div', 'recorder-panels', [session.list.element, session.coverage.element]);
    const main = el('div', 'tagging-main', [el('h3', undefined, 'Tag as you listen'),
      el('div', 'room-row', [session.delay.element, helpButton]), session.prompt.element, session.status.element,
      this.help.element, this.buildShare(), panels]);
    this.tagging = el('section', 'room-tagging', [el('div', 'tagging-layout', [main, session.plan.aside()])]);
    this.tagging.id = 'room-tagging';
    return this.tagging;
  }

  /** The assessor's controls to show the learner planned questions: each one, the list, or none. */
  private buildShare(): HTMLElement {
    const questions = this.plan?.questions || [];
    this.shareState = el('p', 'room-share-state');
    this.shareState.id = 'room-share-state';
    this.shareState.setAttribute('role', 'status');
    if (questions.length === 0) {
      this.shareBox = el('section', 'room-share', [el('h4', undefined, 'Show planned questions to the learner'),
        el('p', undefined, 'This discussion has no planned questions to show.')]);
      return this.shareBox;
    }
    const list = el('ol', 'room-share-list');
    for (const q of questions) {
      const show = button('room-share-one', 'Show', `Show question ${q.position} to the learner`);
      show.dataset.position = String(q.position);
      show.addEventListener('click', () => void this.share([q.position]));
      const item = el('li', undefined, [el('span', undefined, `${q.text} `), show]);
      item.value = q.position;
      list.append(item);
    }
    const all = button('room-share-all', 'Show the list');
    all.id = 'room-share-all';
    all.addEventListener('click', () => void this.share(questions.map((q) => q.position)));
    const stop = button('room-share-stop', 'Stop showing');
    stop.id = 'room-share-stop';
    stop.addEventListener('click', () => void this.share([]));
    this.shareBox = el('section', 'room-share', [el('h4', undefined, 'Show planned questions to the learner'), list,
      el('div', 'room-row', [all, stop]), this.shareState]);
    this.shareBox.id = 'room-share';
    return this.shareBox;
  }

  private async share(positions: number[]): Promise<void> {
    const server = this.server();
    if (!server || this.state !== 'in-call') {
      this.status.say('Join the call first: then the learner sees what you show.');
      return;
    }
    const answer = JSON.parse(await server.shareQuestions(JSON.stringify(positions))) as { ok: boolean; message?: string };
    if (!answer.ok) {
      this.status.error(answer.message || 'The questions could not be shown.');
    }
  }

  /** What the assessor shows (pushed with the room's state): the same on every page of the room. */
  private showShared(): void {
    const shared = this.current.shared || [];
    this.sharedBox.hidden = shared.length === 0;
    const mine = this.partyRole === 'ASSESSOR';
    this.sharedTitle.textContent = mine ? (shared.length === 1 ? 'You are showing this question' : 'You are showing the planned questions')
      : (shared.length === 1 ? 'Question from your assessor' : 'The planned questions');
    this.sharedList.replaceChildren(...shared.map((q) => {
      const item = el('li', 'room-shared-question', q.text);
      item.value = q.position;
      return item;
    }));
    if (this.shareState) {
      this.shareState.textContent = shared.length === 0 ? 'The learner sees no planned question.'
        : `The learner sees ${shared.length === 1 ? `question ${shared[0].position}` : `questions ${shared.map((q) => q.position).join(', ')}`}.`;
    }
  }

  private keyDown(e: KeyboardEvent): void {
    const session = this.session;
    if (!session || !this.help || this.state !== 'in-call' || !isShortcutEvent(e, this)) {
      return;
    }
    let used: boolean;
    if (e.key === '?' && !e.ctrlKey && !e.metaKey) {
      this.help.toggle();
      used = true;
    } else if (e.key === 'Escape' && this.help.isOpen && !session.prompt.isOpen) {
      this.help.toggle(false);
      used = true;
    } else {
      used = session.handleKey(e);
    }
    if (used) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private csrfHeaders(): Record<string, string> {
    const header = this.getAttribute('csrf-header');
    return header ? { [header]: this.getAttribute('csrf-token') || '' } : {};
  }

  private setState(state: PageState): void {
    this.state = state;
    this.dataset.state = state;
  }

  private showProblem(message: string | null): void {
    this.problem.textContent = message || '';
    this.problem.hidden = !message;
  }

  // ---- waiting room ----

  private async check(): Promise<void> {
    if (this.state === 'in-call' || this.state === 'joining') {
      return;
    }
    if (typeof RTCPeerConnection === 'undefined') {
      this.setState('unavailable');
      this.showProblem('This browser cannot make calls (it has no WebRTC). Open Earmark in a current Chrome, Edge, Firefox or Safari.');
      this.joinButton.disabled = true;
      return;
    }
    if (this.partyRole === 'OBSERVER') {
      this.setState('ready');
      this.joinButton.disabled = false;
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.setState('unavailable');
      this.showProblem('This page cannot use a microphone: it must be opened over HTTPS (or on localhost) in a current browser.');
      return;
    }
    this.releaseLocal();
    this.setState('checking');
    this.joinButton.disabled = true;
    const micId = this.micSelect.value;
    const camId = this.camSelect.value;
    const wantCamera = camId !== '' && camId !== 'none';
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: micId ? { ...MICROPHONE, deviceId: { exact: micId } } : MICROPHONE, video: wantCamera ? { deviceId: { exact: camId }, ...CAMERA } : false });
    } catch (e) {
      if (wantCamera) {
        // The camera is optional: try the microphone alone before giving up.
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio: micId ? { ...MICROPHONE, deviceId: { exact: micId } } : MICROPHONE });
          this.camSelect.value = 'none';
          this.status.say(`${explain(e, true)} Joining with sound only.`);
        } catch (e2) {
          this.setState('unavailable');
          this.showProblem(explain(e2, false));
          return;
        }
      } else {
        this.setState('unavailable');
        this.showProblem(explain(e, false));
        return;
      }
    }
    if (stream.getAudioTracks().length === 0) {
      stream.getTracks().forEach((t) => t.stop());
      this.setState('unavailable');
      this.showProblem('No microphone was found. Connect one, then press "Check again": the discussion needs your voice.');
      return;
    }
    this.local = stream;
    this.showProblem(null);
    await this.listDevices();
    this.startMeter(stream);
    if (stream.getVideoTracks().length > 0) {
      this.preview.srcObject = new MediaStream(stream.getVideoTracks());
      this.preview.hidden = false;
    } else {
      this.preview.srcObject = null;
      this.preview.hidden = true;
    }
    stream.getAudioTracks()[0].addEventListener('ended', () => {
      this.status.error('Your microphone stopped (unplugged, or taken by another application). Choose another microphone or reconnect it.');
    });
    this.setState('ready');
    this.joinButton.disabled = false;
  }

  private async listDevices(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    const mic = this.local?.getAudioTracks()[0]?.getSettings().deviceId || this.micSelect.value;
    const cam = this.camSelect.value || 'none';
    this.micSelect.replaceChildren();
    this.camSelect.replaceChildren();
    const none = el('option', undefined, 'No camera (sound only)');
    none.value = 'none';
    this.camSelect.append(none);
    let mics = 0;
    let cams = 0;
    for (const d of devices) {
      const option = el('option', undefined, d.label || (d.kind === 'audioinput' ? `Microphone ${++mics}` : `Camera ${++cams}`));
      option.value = d.deviceId;
      if (d.kind === 'audioinput') {
        this.micSelect.append(option);
      } else if (d.kind === 'videoinput') {
        this.camSelect.append(option);
      }
    }
    if (mic) {
      this.micSelect.value = mic;
    }
    this.camSelect.value = [...this.camSelect.options].some((o) => o.value === cam) ? cam : 'none';
  }

  private startMeter(stream: MediaStream): void {
    cancelAnimationFrame(this.meterFrame);
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = new AudioContext();
    this.analyser = this.audioContext.createAnalyser();
    this.analyser.fftSize = 1024;
    this.audioContext.createMediaStreamSource(stream).connect(this.analyser);
    void this.audioContext.resume().catch(() => undefined);
    const data = new Float32Array(this.analyser.fftSize);
    const tick = () => {
      if (!this.analyser) {
        return;
      }
      this.analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) {
        sum += v * v;
      }
      this.level.value = Math.min(1, Math.sqrt(sum / data.length) * 3);
      this.meterFrame = requestAnimationFrame(tick);
    };
    tick();
  }

  private releaseLocal(): void {
    this.local?.getTracks().forEach((t) => t.stop());
    this.local = null;
  }

  // ---- the call ----

  private async join(): Promise<void> {
    const server = this.server();
    if (!server || this.state !== 'ready') {
      return;
    }
    this.setState('joining');
    this.joinButton.disabled = true;
    try {
      const answer = JSON.parse(await server.join()) as { ok: boolean; memberId?: string; message?: string };
      if (!answer.ok || !answer.memberId) {
        this.setState('ready');
        this.joinButton.disabled = false;
        this.showProblem(answer.message || 'Earmark did not let you join.');
        return;
      }
      this.selfId = answer.memberId;
    } catch (e) {
      this.setState('ready');
      this.joinButton.disabled = false;
      this.showProblem(`You could not join: ${(e as Error)?.message || e}. Reload the page and try again.`);
      return;
    }
    this.waiting.hidden = true;
    this.call.hidden = false;
    this.setState('in-call');
    this.status.say('In the call.');
    this.note(`joined as ${this.selfId.slice(0, 8)}`);
    this.applyState();
    this.flushSignals();
    this.heartbeat = window.setInterval(() => void this.stillHere(), HEARTBEAT_MS);
    this.watchdog = window.setInterval(() => this.restartStuck(), STUCK_RESTART_MS / 2);
    this.videoWatch = window.setInterval(() => void this.watchVideo(), VIDEO_WATCH_MS);
  }

  /**
   * Tells the room this page is still here. After a long network drop the room has let this page go: it joins again
   * as a new member and negotiates fresh connections (its recording goes on meanwhile).
   */
  private async stillHere(): Promise<void> {
    const server = this.server();
    if (!server || this.state !== 'in-call') {
      return;
    }
    let presence: string;
    try {
      presence = await server.alive();
    } catch {
      return; // the connection is down: the push channel reconnects, then this is asked again
    }
    if (presence === 'PRESENT' || this.state !== 'in-call') {
      return;
    }
    if (presence === 'REPLACED') {
      void this.leave(this.getAttribute('replaced-message') || 'This page has left the call.', 'left');
      return;
    }
    this.note('no longer a member of the room: joining again');
    // Until the new id is known, states are kept but not applied: a connection made now would take its politeness
    // from the old id, and the other page from the new one (both impolite, say, and crossing offers never settle).
    this.selfId = null;
    this.status.say('The connection to Earmark was lost for a while: joining the call again…');
    for (const peer of [...this.peers.values()]) {
      this.closePeer(peer);
    }
    try {
      const answer = JSON.parse(await server.join()) as { ok: boolean; memberId?: string; message?: string };
      if (answer.ok && answer.memberId) {
        this.selfId = answer.memberId;
        this.note(`joined again as ${this.selfId.slice(0, 8)}`);
        this.applyState();
        this.status.say('Back in the call.', 5000);
      } else {
        this.status.error(answer.message || 'You could not join the call again: reload the page.');
      }
    } catch {
      /* tried again at the next beat */
    }
  }

  /** Handles the kept signals whose sender the room now says is present; keeps the others for a while. */
  private flushSignals(): void {
    if (!this.selfId) {
      return;
    }
    const waiting = this.pendingSignals;
    this.pendingSignals = [];
    const now = performance.now();
    for (const [from, json, at] of waiting) {
      if (this.current.present.some((p) => p.id === from)) {
        this.receiveSignal(from, json);
      } else if (now - at < PENDING_SIGNAL_MS) {
        this.pendingSignals.push([from, json, at]);
      } else {
        this.note(`signal from ${from.slice(0, 8)} dropped: the room never said it was present`);
      }
    }
    if (this.pendingSignals.length > 0) {
      window.setTimeout(() => this.flushSignals(), 1000);
    }
  }

  private roleOf(id: string): Role | null {
    return this.current.present.find((p) => p.id === id)?.role || null;
  }

  private applyState(): void {
    const s = this.current;
    const others = s.present.filter((p) => p.id !== this.selfId);
    // Peers: everyone else, except observer with observer (neither sends anything).
    for (const p of others) {
      if (!this.peers.has(p.id) && !(this.partyRole === 'OBSERVER' && p.role === 'OBSERVER')) {
        this.createPeer(p.id, p.role);
      }
    }
    for (const [id, peer] of this.peers) {
      if (!others.some((p) => p.id === id)) {
        this.closePeer(peer);
      }
    }
    this.flushSignals();
    // Who is here.
    this.presenceLine.textContent = `In the room: ${s.present.map((p) => `${p.name} (${p.id === this.selfId ? 'you, ' : ''}${p.label})`).join(', ')}.`;
    const observers = s.present.filter((p) => p.role === 'OBSERVER');
    this.observingLine.hidden = observers.length === 0;
    this.observingLine.textContent = observers.length === 0 ? '' : `IQA observing: ${observers.map((o) => o.name).join(', ')} (receive only).`;
    // Recording.
    const recording = s.present.filter((p) => p.recording);
    const on = recording.length > 0;
    this.recordingLine.dataset.on = String(on);
    this.dataset.recording = String(this.recordingId != null);
    if (on) {
      this.recordingLine.textContent = `● Recording: ${recording.map((p) => `${p.name} (${p.label})`).join(', ')}.`;
    } else if (!s.open) {
      this.recordingLine.textContent = 'Not recording: the room is not open.';
    } else {
      const waitingFor = (['ASSESSOR', 'LEARNER'] as Role[]).filter((r) => !s.consents.includes(r)).map((r) => (r === 'ASSESSOR' ? 'the assessor' : 'the learner'));
      this.recordingLine.textContent = waitingFor.length > 0
        ? `Not recording yet: waiting for ${waitingFor.join(' and ')} to agree to the recording notice.`
        : 'Both agreed to the recording notice: recording starts…';
    }
    // Consent.
    if (this.partyRole !== 'OBSERVER') {
      const agreed = s.consents.includes(this.partyRole);
      this.consentButton.hidden = agreed;
      this.consentButton.disabled = !s.open;
      this.consentState.textContent = agreed
        ? (s.consents.length >= 2 ? 'You have both agreed.' : 'You agreed. Recording starts when the other party agrees too.')
        : 'Nothing is recorded until you and the other party have both agreed.';
      if (agreed && s.consents.includes('ASSESSOR') && s.consents.includes('LEARNER') && s.open
        && this.recordingId == null && !this.trackStarting) {
        void this.startRecording();
      }
    }
  }

  private createPeer(id: string, role: Role | null): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers() });
    const media = el('video', 'room-remote-media');
    media.autoplay = true;
    media.playsInline = true;
    const caption = el('figcaption');
    const box = el('figure', 'room-remote', [media, caption]);
    box.dataset.peer = id;
    const peer: Peer = { id, role, pc, pcId: newId(), remotePcId: null, since: performance.now(), videoPaused: false,
      slowSamples: 0, fastSamples: 0, polite: (this.selfId || '') > id, makingOffer: false, ignoreOffer: false,
      chain: Promise.resolve(), media, box, caption };
    this.peers.set(id, peer);
    this.note(`connection ${peer.pcId} to ${id.slice(0, 8)} (${role}), ${peer.polite ? 'polite' : 'impolite'}`);
    if (role !== 'OBSERVER') {
      this.remotes.append(box);
    }
    const present = this.current.present.find((p) => p.id === id);
    caption.textContent = present ? `${present.name} (${present.label})` : 'Connecting…';
    if (this.local && this.partyRole !== 'OBSERVER') {
      for (const track of this.local.getTracks()) {
        pc.addTrack(track, this.local);
      }
    }
    pc.addEventListener('negotiationneeded', async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        this.note(`offer to ${id.slice(0, 8)} (${pc.signalingState})`);
        await this.send(peer, { description: pc.localDescription?.toJSON() });
      } catch (e) {
        this.note(`offer failed: ${(e as Error)?.message || e}`);
        console.warn('Earmark room: offer', e);
      } finally {
        peer.makingOffer = false;
      }
    });
    let candidatesSent = 0;
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) {
        if (candidatesSent++ === 0) {
          this.note(`first candidate to ${id.slice(0, 8)}`);
        }
        void this.send(peer, { candidate: e.candidate.toJSON() });
      }
    });
    pc.addEventListener('signalingstatechange', () => this.note(`${id.slice(0, 8)} signalling ${pc.signalingState}`));
    pc.addEventListener('track', (e) => {
      const stream = e.streams[0] || new MediaStream([e.track]);
      if (media.srcObject !== stream) {
        media.srcObject = stream;
        void media.play().catch(() => undefined);
      }
    });
    pc.addEventListener('connectionstatechange', () => this.connectionChanged(peer));
    pc.addEventListener('iceconnectionstatechange', () => this.connectionChanged(peer));
    return peer;
  }

  private connectionChanged(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) {
      return;
    }
    const state = peer.pc.connectionState;
    this.note(`${peer.id.slice(0, 8)} connection ${state}, ice ${peer.pc.iceConnectionState}`);
    const name = this.current.present.find((p) => p.id === peer.id)?.name || 'the other person';
    peer.box.dataset.connection = state;
    if (state === 'failed' || peer.pc.iceConnectionState === 'failed') {
      this.status.say(`The connection to ${name} was lost: reconnecting…`);
      window.clearTimeout(peer.restartTimer);
      peer.since = performance.now();
      peer.pc.restartIce();
    } else if (state === 'disconnected') {
      window.clearTimeout(peer.restartTimer);
      peer.restartTimer = window.setTimeout(() => {
        if (peer.pc.connectionState === 'disconnected') {
          this.status.say(`The connection to ${name} dropped: reconnecting…`);
          peer.pc.restartIce();
        }
      }, DISCONNECTED_RESTART_MS);
    } else if (state === 'connected') {
      window.clearTimeout(peer.restartTimer);
      this.status.say(`Connected to ${name}.`, 5000);
    }
  }

  private async handleSignal(peer: Peer, message: SignalMessage): Promise<void> {
    const pc = peer.pc;
    if (pc.signalingState === 'closed') {
      return;
    }
    if (message.video) {
      this.videoChanged(peer, message.video === 'paused');
    } else if (message.description) {
      const offerCollision = message.description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
      peer.ignoreOffer = !peer.polite && offerCollision;
      this.note(`${message.description.type} from ${peer.id.slice(0, 8)} (${pc.signalingState}${offerCollision ? ', collision' : ''}${peer.ignoreOffer ? ', ignored' : ''})`);
      if (peer.ignoreOffer) {
        return;
      }
      if (message.description.type === 'answer' && pc.signalingState !== 'have-local-offer') {
        return; // an answer to an offer this page has rolled back
      }
      await pc.setRemoteDescription(message.description);
      if (message.description.type === 'offer') {
        await pc.setLocalDescription();
        await this.send(peer, { description: pc.localDescription?.toJSON() });
      }
    } else if (message.candidate) {
      if (!peer.candidateReceived) {
        peer.candidateReceived = true;
        this.note(`first candidate from ${peer.id.slice(0, 8)} (${pc.signalingState}, remote description ${pc.remoteDescription ? 'set' : 'not set'})`);
      }
      try {
        await pc.addIceCandidate(message.candidate);
      } catch (e) {
        if (!peer.ignoreOffer) {
          throw e;
        }
      }
    }
  }

  private async send(peer: Peer, message: SignalMessage): Promise<void> {
    const server = this.server();
    if (!server || this.peers.get(peer.id) !== peer) {
      return;
    }
    const answer = await server.signal(peer.id, JSON.stringify({ ...message, pc: peer.pcId, toPc: peer.remotePcId || undefined }));
    if (answer && answer !== 'ok') {
      this.note(`signal to ${peer.id.slice(0, 8)} refused: ${answer}`);
      console.warn('Earmark room: signal refused', answer);
    }
  }

  private closePeer(peer: Peer): void {
    window.clearTimeout(peer.restartTimer);
    peer.pc.close();
    peer.media.srcObject = null;
    peer.box.remove();
    if (this.peers.get(peer.id) === peer) {
      this.peers.delete(peer.id);
    }
    this.note(`connection ${peer.pcId} to ${peer.id.slice(0, 8)} closed`);
  }

  /**
   * A connection still not connected long after it was made or restarted (an offer or answer lost on the way, or a
   * path that never worked) starts again: an offer left unanswered is rolled back, then ICE restarts, which with
   * perfect negotiation sends a fresh offer.
   */
  private restartStuck(): void {
    const now = performance.now();
    for (const peer of this.peers.values()) {
      const state = peer.pc.connectionState;
      if (state === 'connected' || state === 'closed' || now - peer.since < STUCK_RESTART_MS || peer.makingOffer) {
        continue;
      }
      peer.since = now;
      if (peer.pc.iceConnectionState === 'new' && peer.pc.signalingState === 'stable') {
        // Negotiated, yet ICE never began (no candidate of the other side ever applied): an ICE restart on this
        // connection was seen to stay stuck the same way, so start a fresh connection, which the other page meets
        // with a fresh one of its own (a description from a connection id it does not know).
        this.note(`${peer.id.slice(0, 8)} not connected after ${STUCK_RESTART_MS / 1000} s and ICE never began: a fresh connection`);
        const { id, role } = peer;
        this.closePeer(peer);
        this.createPeer(id, role);
        continue;
      }
      this.note(`${peer.id.slice(0, 8)} not connected after ${STUCK_RESTART_MS / 1000} s (${state}, ${peer.pc.signalingState}): restarting`);
      const pc = peer.pc;
      peer.chain = peer.chain.then(async () => {
        if (pc.signalingState === 'have-local-offer') {
          await pc.setLocalDescription({ type: 'rollback' });
        }
        pc.restartIce();
      }).catch((e) => this.note(`restart failed: ${(e as Error)?.message || e}`));
    }
  }

  // ---- video: paused when the link is too slow, sent again when it has recovered ----

  private videoSender(peer: Peer): RTCRtpSender | undefined {
    return peer.pc.getTransceivers().find((t) => t.sender && (t.sender.track?.kind === 'video' || t.receiver.track?.kind === 'video'))?.sender;
  }

  private async watchVideo(): Promise<void> {
    const video = this.local?.getVideoTracks()[0];
    if (!video || this.state !== 'in-call') {
      return;
    }
    for (const peer of [...this.peers.values()]) {
      const sender = this.videoSender(peer);
      if (!sender || peer.pc.connectionState !== 'connected') {
        continue;
      }
      let limited = false;
      let available: number | null = null;
      const stats = await peer.pc.getStats().catch(() => null);
      stats?.forEach((r) => {
        if (r.type === 'outbound-rtp' && r.kind === 'video' && r.qualityLimitationReason === 'bandwidth') {
          limited = true;
        }
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded' && typeof r.availableOutgoingBitrate === 'number') {
          available = r.availableOutgoingBitrate;
        }
      });
      this.videoSample(peer, sender, video, limited, available);
    }
  }

  /** One statistics sample of a peer's video: pauses after a few slow ones, resumes after more fast ones. */
  private videoSample(peer: Peer, sender: RTCRtpSender, video: MediaStreamTrack, limited: boolean, available: number | null): void {
    if (!peer.videoPaused) {
      const slow = available != null && available < VIDEO_MIN_BPS && (limited || available < VIDEO_MIN_BPS / 2);
      peer.slowSamples = slow ? peer.slowSamples + 1 : 0;
      if (peer.slowSamples >= VIDEO_SLOW_SAMPLES) {
        peer.videoPaused = true;
        peer.fastSamples = 0;
        this.note(`video to ${peer.id.slice(0, 8)} paused (${available} bit/s available)`);
        void sender.replaceTrack(null).catch(() => undefined);
        void this.send(peer, { video: 'paused' });
        this.showVideoNotice();
      }
    } else {
      const fast = available != null && available >= 2 * VIDEO_MIN_BPS;
      peer.fastSamples = fast ? peer.fastSamples + 1 : 0;
      if (peer.fastSamples >= VIDEO_FAST_SAMPLES) {
        peer.videoPaused = false;
        peer.slowSamples = 0;
        this.note(`video to ${peer.id.slice(0, 8)} resumed (${available} bit/s available)`);
        void sender.replaceTrack(video).catch(() => undefined);
        void this.send(peer, { video: 'resumed' });
        this.showVideoNotice();
      }
    }
  }

  /** The other page paused or resumed its picture. */
  private videoChanged(peer: Peer, paused: boolean): void {
    peer.box.dataset.videoPaused = String(paused);
    this.showVideoNotice();
  }

  private showVideoNotice(): void {
    const mine = [...this.peers.values()].some((p) => p.videoPaused);
    const theirs = [...this.peers.values()].filter((p) => p.box.dataset.videoPaused === 'true')
      .map((p) => this.current.present.find((x) => x.id === p.id)?.name || 'the other person');
    const lines: string[] = [];
    if (mine) {
      lines.push(`${VIDEO_PAUSED_TEXT} (your picture)`);
    }
    for (const name of theirs) {
      lines.push(`${VIDEO_PAUSED_TEXT} (${name}'s picture)`);
    }
    this.videoNotice.hidden = lines.length === 0;
    this.videoNotice.textContent = lines.join(' ');
    this.videoNotice.dataset.paused = String(lines.length > 0);
  }

  /** For tests: treats the link to every peer as too slow (or fast again) for the given number of samples. */
  simulateLink(slow: boolean, samples: number): void {
    const video = this.local?.getVideoTracks()[0];
    if (!video) {
      return;
    }
    for (const peer of this.peers.values()) {
      const sender = this.videoSender(peer);
      for (let i = 0; sender && i < samples; i++) {
        this.videoSample(peer, sender, video, slow, slow ? 50000 : 2000000);
      }
    }
  }

  private iceServers(): RTCIceServer[] {
    try {
      return JSON.parse(this.getAttribute('ice-servers-json') || '[]') as RTCIceServer[];
    } catch {
      return [];
    }
  }

  private async consent(): Promise<void> {
    const server = this.server();
    if (!server) {
      return;
    }
    this.consentButton.disabled = true;
    const answer = JSON.parse(await server.consent()) as { ok: boolean; message?: string };
    if (!answer.ok) {
      this.consentButton.disabled = false;
      this.status.error(answer.message || 'Your agreement was not recorded.');
    }
  }

  // ---- recording this party's own microphone ----

  /** This browser's clock minus the server's, from the exchange with the shortest round trip of five. */
  private async measureClock(server: RoomServer): Promise<{ offset: number; rtt: number }> {
    let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
    for (let i = 0; i < 5; i++) {
      const t0 = epochNow();
      const serverMs = await server.serverTime();
      const t1 = epochNow();
      if (t1 - t0 < best.rtt) {
        best = { offset: (t0 + t1) / 2 - serverMs, rtt: t1 - t0 };
      }
    }
    return { offset: Math.round(best.offset), rtt: Math.round(best.rtt) };
  }

  private async startRecording(): Promise<void> {
    const server = this.server();
    const local = this.local;
    if (!server || !local || local.getAudioTracks().length === 0) {
      return;
    }
    this.trackStarting = true;
    try {
      const clock = await this.measureClock(server);
      const answer = JSON.parse(await server.startTrack(clock.offset, clock.rtt)) as { ok: boolean; message?: string; recordingId?: number; chunkUrl?: string; finishUrl?: string; tagsUrl?: string; tagChangeUrl?: string };
      if (!answer.ok || answer.recordingId == null || !answer.chunkUrl || !answer.finishUrl) {
        this.status.error(answer.message || 'Your recording could not start.');
        return;
      }
      const recordingId = answer.recordingId;
      await this.queue.begin({ recordingId, chunkUrl: answer.chunkUrl, finishUrl: answer.finishUrl, startedAt: Date.now(), chunks: null });
      // With a camera: sound and picture (the live recordings' ingest takes WebM with VP8/VP9 and Opus, as the live
      // recorder's camera mode sends). The picture paused in the call for a slow link is still recorded here.
      const camera = local.getVideoTracks()[0];
      const own = new MediaStream(camera ? [...local.getAudioTracks(), camera] : local.getAudioTracks());
      const type = (camera ? ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4']
        : ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4']).find((t) => MediaRecorder.isTypeSupported(t));
      const rates = camera ? { audioBitsPerSecond: 96000, videoBitsPerSecond: 1000000 } : { audioBitsPerSecond: 96000 };
      const recorder = new MediaRecorder(own, type ? { mimeType: type, ...rates } : rates);
      this.recorder = recorder;
      this.recordingId = recordingId;
      this.seq = 0;
      this.dataset.recordingType = recorder.mimeType || type || '';
      // The track starts when start() is called (the recorder takes the microphone's samples from then on); its
      // 'start' event comes tens of milliseconds later (over 100 ms on a busy machine), and a track placed by that
      // lagged behind the other party's on the common timeline (docs/benchmarks.md, "Remote room").
      let startCalledAt = 0;
      recorder.addEventListener('start', () => {
        this.lastMark = startCalledAt;
        this.trackStartedAt = startCalledAt;
        this.tagUrls = answer.tagsUrl && answer.tagChangeUrl ? { tagsUrl: answer.tagsUrl, changeUrl: answer.tagChangeUrl } : null;
        // A new track (after a rejoin) has its own tags.
        this.session?.setTags([]);
        this.dataset.recording = 'true';
        this.status.say(camera ? 'You are being recorded from your own microphone and camera.' : 'You are being recorded from your own microphone.');
      });
      recorder.addEventListener('dataavailable', (e) => {
        if (!e.data || e.data.size === 0) {
          return;
        }
        const end = epochNow();
        const start = this.lastMark;
        this.lastMark = end;
        const seq = this.seq++;
        this.queue.add(recordingId, seq, e.data);
        void server.partCaptured(recordingId, seq, Math.round(start), Math.round(end)).catch(() => undefined);
      });
      recorder.addEventListener('error', () => {
        this.status.error('Your recording stopped because of an error; the call goes on.');
      });
      startCalledAt = epochNow();
      recorder.start(Math.max(250, Number(this.getAttribute('timeslice-ms')) || 2000));
    } catch (e) {
      this.status.error(`Your recording could not start: ${(e as Error)?.message || e}.`);
    } finally {
      this.trackStarting = false;
    }
  }

  /** Stops the recorder and sends what is left, then finishes the recording on the server. */
  private async stopRecording(): Promise<void> {
    const recorder = this.recorder;
    const recordingId = this.recordingId;
    if (!recorder || recordingId == null) {
      return;
    }
    this.recorder = null;
    this.trackStartedAt = null;
    this.tagUrls = null;
    if (recorder.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        recorder.addEventListener('stop', () => resolve(), { once: true });
        recorder.stop();
      });
    }
    this.dataset.recording = 'false';
    void this.server()?.recordingStopped().catch(() => undefined);
    await this.queue.stopped(recordingId, this.seq);
    this.status.say('Sending the last parts of your recording…');
    const result = await this.queue.drained(recordingId);
    if (result === 'sent') {
      const finished = await this.queue.finish(recordingId);
      this.status.say(finished.ok ? 'Your recording has reached Earmark completely.' : `Your recording: ${finished.message}`);
      this.dataset.recording = finished.ok ? 'finished' : 'false';
    }
    this.recordingId = null;
  }

  private async leave(message: string | null, state: PageState = 'left'): Promise<void> {
    if (this.state !== 'in-call' && this.state !== 'joining') {
      return;
    }
    this.setState(state);
    window.clearInterval(this.heartbeat);
    window.clearInterval(this.watchdog);
    window.clearInterval(this.videoWatch);
    this.session?.prompt.cancel();
    this.status.say(message || 'You left the call.');
    this.recordingLine.textContent = message || 'You left the call.';
    for (const peer of [...this.peers.values()]) {
      this.closePeer(peer);
    }
    void this.server()?.leave().catch(() => undefined);
    await this.stopRecording();
    this.releaseLocal();
    cancelAnimationFrame(this.meterFrame);
    this.analyser = null;
    void this.audioContext?.close().catch(() => undefined);
    this.leaveButton.disabled = true;
    this.endButton.disabled = true;
    this.consentButton.disabled = true;
    this.recordingLine.dataset.on = 'false';
    this.recordingLine.textContent = `${message || (state === 'ended' ? 'The discussion has ended.' : 'You left the call.')} Nothing more is recorded.`;
  }

  private async endForEveryone(): Promise<void> {
    const server = this.server();
    if (!server) {
      return;
    }
    const answer = JSON.parse(await server.end()) as { ok: boolean; message?: string };
    if (!answer.ok) {
      this.status.error(answer.message || 'The discussion could not be ended.');
    }
  }
}

customElements.define('earmark-room', EarmarkRoom);
