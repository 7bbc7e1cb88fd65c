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
 * Attributes: party-role (ASSESSOR, LEARNER, OBSERVER), self-name, notice, ice-servers-json, timeslice-ms, csrf-header,
 * csrf-token. Called by the server: receiveSignal(fromId, json), roomState(json), roomEnded(message).
 * Server methods: join, signal, consent, serverTime, startTrack, partCaptured, recordingStopped, leave, end.
 * For tests: peerStates() and audioBytesReceived().
 */
import { button, el, StatusLine } from '../tagging/dom';
import { ChunkQueue } from '../recording/chunk-queue';

type Role = 'ASSESSOR' | 'LEARNER' | 'OBSERVER';

interface Present {
  id: string;
  role: Role;
  label: string;
  name: string;
  recording: boolean;
}

interface RoomState {
  present: Present[];
  consents: Role[];
  sessionId?: number;
  open: boolean;
}

interface RoomServer {
  join(): Promise<string>;
  alive(): Promise<boolean>;
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
const DISCONNECTED_RESTART_MS = 3000;
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
`;

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

class EarmarkRoom extends HTMLElement {
  private built = false;
  private state: PageState = 'checking';
  private partyRole: Role = 'LEARNER';
  private selfId: string | null = null;
  private local: MediaStream | null = null;
  private audioContext: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private meterFrame = 0;
  private peers = new Map<string, Peer>();
  private pendingSignals: Array<[string, string]> = [];
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

  connectedCallback(): void {
    if (!this.built) {
      this.build();
      setTimeout(() => void this.check(), 0);
      setTimeout(() => void this.queue.recover(null), 0);
    }
    window.addEventListener('pagehide', this.onPageHide);
  }

  disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    setTimeout(() => {
      if (!this.isConnected && this.state === 'in-call') {
        void this.leave('You left the room page, so you left the call.');
      }
    }, 0);
  }

  // ---- called by the server ----

  receiveSignal(from: string, json: string): void {
    if (!this.selfId || !this.current.present.some((p) => p.id === from)) {
      // Not joined yet, or the state naming the sender is still on its way.
      this.pendingSignals.push([from, json]);
      if (this.selfId) {
        setTimeout(() => this.flushSignals(), 500);
      }
      return;
    }
    const peer = this.peers.get(from) || this.createPeer(from, this.roleOf(from));
    peer.chain = peer.chain.then(() => this.handleSignal(peer, json)).catch((e) => console.warn('Earmark room: signal', e));
  }

  roomState(json: string): void {
    this.current = JSON.parse(json) as RoomState;
    if (this.state !== 'in-call' || !this.selfId) {
      return;
    }
    this.applyState();
  }

  roomEnded(message: string): void {
    if (this.state === 'in-call' || this.state === 'joining') {
      void this.leave(message, 'ended');
    } else {
      this.status.say(message);
    }
  }

  // ---- for tests ----

  peerStates(): Array<{ id: string; role: Role | null; state: string; ice: string }> {
    return [...this.peers.values()].map((p) => ({ id: p.id, role: p.role, state: p.pc.connectionState, ice: p.pc.iceConnectionState }));
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
    });

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
    this.call = el('section', 'room-call', [this.recordingLine, this.observingLine, this.presenceLine, this.noticeBox,
      this.remotes, el('div', 'room-row', [this.leaveButton, this.endButton]), this.queueLine]);
    this.call.id = 'room-call';
    this.call.hidden = true;

    this.status = new StatusLine('room-status');
    this.status.element.id = 'room-status';
    this.replaceChildren(style, this.waiting, this.call, this.status.element);
    this.setState('checking');
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
      stream = await navigator.mediaDevices.getUserMedia({ audio: micId ? { ...MICROPHONE, deviceId: { exact: micId } } : MICROPHONE, video: wantCamera ? { deviceId: { exact: camId } } : false });
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
    this.applyState();
    this.flushSignals();
    this.heartbeat = window.setInterval(() => void this.stillHere(), HEARTBEAT_MS);
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
    let present: boolean;
    try {
      present = await server.alive();
    } catch {
      return; // the connection is down: the push channel reconnects, then this is asked again
    }
    if (present || this.state !== 'in-call') {
      return;
    }
    this.status.say('The connection to Earmark was lost for a while: joining the call again…');
    for (const peer of [...this.peers.values()]) {
      this.closePeer(peer);
    }
    try {
      const answer = JSON.parse(await server.join()) as { ok: boolean; memberId?: string; message?: string };
      if (answer.ok && answer.memberId) {
        this.selfId = answer.memberId;
        this.applyState();
        this.status.say('Back in the call.', 5000);
      } else {
        this.status.error(answer.message || 'You could not join the call again: reload the page.');
      }
    } catch {
      /* tried again at the next beat */
    }
  }

  private flushSignals(): void {
    const waiting = this.pendingSignals;
    this.pendingSignals = [];
    for (const [from, json] of waiting) {
      if (this.current.present.some((p) => p.id === from)) {
        this.receiveSignal(from, json);
      }
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
    const peer: Peer = { id, role, pc, polite: (this.selfId || '') > id, makingOffer: false, ignoreOffer: false, chain: Promise.resolve(), media, box, caption };
    this.peers.set(id, peer);
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
        await this.send(id, { description: pc.localDescription });
      } catch (e) {
        console.warn('Earmark room: offer', e);
      } finally {
        peer.makingOffer = false;
      }
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) {
        void this.send(id, { candidate: e.candidate });
      }
    });
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
    const state = peer.pc.connectionState;
    const name = this.current.present.find((p) => p.id === peer.id)?.name || 'the other person';
    peer.box.dataset.connection = state;
    if (state === 'failed' || peer.pc.iceConnectionState === 'failed') {
      this.status.say(`The connection to ${name} was lost: reconnecting…`);
      window.clearTimeout(peer.restartTimer);
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

  private async handleSignal(peer: Peer, json: string): Promise<void> {
    const message = JSON.parse(json) as { description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };
    const pc = peer.pc;
    if (message.description) {
      const offerCollision = message.description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
      peer.ignoreOffer = !peer.polite && offerCollision;
      if (peer.ignoreOffer) {
        return;
      }
      await pc.setRemoteDescription(message.description);
      if (message.description.type === 'offer') {
        await pc.setLocalDescription();
        await this.send(peer.id, { description: pc.localDescription });
      }
    } else if (message.candidate) {
      try {
        await pc.addIceCandidate(message.candidate);
      } catch (e) {
        if (!peer.ignoreOffer) {
          throw e;
        }
      }
    }
  }

  private async send(to: string, message: unknown): Promise<void> {
    const server = this.server();
    if (!server) {
      return;
    }
    const answer = await server.signal(to, JSON.stringify(message));
    if (answer && answer !== 'ok') {
      console.warn('Earmark room: signal refused', answer);
    }
  }

  private closePeer(peer: Peer): void {
    window.clearTimeout(peer.restartTimer);
    peer.pc.close();
    peer.media.srcObject = null;
    peer.box.remove();
    this.peers.delete(peer.id);
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
      const answer = JSON.parse(await server.startTrack(clock.offset, clock.rtt)) as { ok: boolean; message?: string; recordingId?: number; chunkUrl?: string; finishUrl?: string };
      if (!answer.ok || answer.recordingId == null || !answer.chunkUrl || !answer.finishUrl) {
        this.status.error(answer.message || 'Your recording could not start.');
        return;
      }
      const recordingId = answer.recordingId;
      await this.queue.begin({ recordingId, chunkUrl: answer.chunkUrl, finishUrl: answer.finishUrl, startedAt: Date.now(), chunks: null });
      const audio = new MediaStream(local.getAudioTracks());
      const type = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
      const recorder = new MediaRecorder(audio, type ? { mimeType: type, audioBitsPerSecond: 96000 } : { audioBitsPerSecond: 96000 });
      this.recorder = recorder;
      this.recordingId = recordingId;
      this.seq = 0;
      recorder.addEventListener('start', () => {
        this.lastMark = epochNow();
        this.dataset.recording = 'true';
        this.status.say('You are being recorded from your own microphone.');
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
