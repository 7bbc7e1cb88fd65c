/**
 * <earmark-live-player>: plays a live recording a few seconds behind, for an observing IQA. It asks
 * `parts-url?from=n` for the parts the recorder has sent so far (the recorder's WebM pieces, which
 * concatenated from part 0 make one stream), appends them to a MediaSource, and keeps playback near the live
 * edge. The assessor's and learner's browsers do nothing more than record.
 *
 * A part that never reached Earmark (the recorder's browser lost it) would hold playback at it for the rest of the
 * recording: once a later part has arrived and the missing one has not for `gap-wait-ms`, the player goes on from
 * the first cluster after it (`cluster=true`: a part may start in the middle of a cluster, and a cluster carries its
 * own time) and jumps over the hole the part leaves. The recording itself keeps everything that arrived. The first
 * part (it carries the stream's header) cannot be done without: the player says so and goes on waiting.
 *
 * Attributes: parts-url, poll-ms (500), behind-ms (how far behind the newest sound to start playing, 1000),
 *   gap-wait-ms (how long a missing part is waited for while a later one has arrived, 4000).
 * Properties: currentTime (seconds into the recording being heard), analyser (the WebAudio AnalyserNode the
 *   sound passes through, for the level meter).
 * Events: live-ended {} when the recording has stopped, live-error {message}.
 * data-state: waiting | playing | ended | error.
 */

const NEXT_PART = 'Earmark-Next-Part';
const NEXT_AFTER_GAP = 'Earmark-Next-After-Gap';
const LISTENING = 'Listening live, a few seconds behind.';

/** The MIME type with codecs of a MediaRecorder WebM stream, from the codec ids in its first bytes. */
function webmType(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const codecs: string[] = [];
  if (text.includes('V_VP9')) codecs.push('vp9');
  else if (text.includes('V_VP8')) codecs.push('vp8');
  else if (text.includes('V_MPEG4/ISO/AVC')) codecs.push('avc1.42E01E');
  if (text.includes('A_OPUS')) codecs.push('opus');
  const video = codecs.some((c) => c !== 'opus');
  return `${video ? 'video' : 'audio'}/webm;codecs="${codecs.join(',')}"`;
}

class EarmarkLivePlayer extends HTMLElement {
  private media: HTMLVideoElement | null = null;
  private status: HTMLElement | null = null;
  private meter: HTMLElement | null = null;
  private playButton: HTMLButtonElement | null = null;
  private source: MediaSource | null = null;
  private buffer: SourceBuffer | null = null;
  private next = 0;
  /** The part found missing (while a later one has arrived), and since when; -1: none. */
  private gapAt = -1;
  private gapSince = 0;
  /** Going on after a missing part: the next answer starts at a cluster, and the parser starts afresh there. */
  private resync = false;
  private stopped = false;
  private timer: number | undefined;
  private audio: AudioContext | null = null;
  /** Whether playback has started once: after that, a pause is the IQA's own and is left alone. */
  private started = false;
  analyser: AnalyserNode | null = null;
  private meterFrame: number | undefined;

  connectedCallback(): void {
    if (this.media) {
      return;
    }
    this.innerHTML = '';
    const media = document.createElement('video');
    media.className = 'live-media';
    media.setAttribute('aria-label', 'Live recording, a few seconds behind');
    media.controls = true;
    media.playsInline = true;
    const status = document.createElement('p');
    status.className = 'live-status';
    status.setAttribute('role', 'status');
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'live-play';
    play.textContent = 'Play the live sound';
    play.hidden = true;
    play.addEventListener('click', () => void this.resume());
    const meter = document.createElement('div');
    meter.className = 'live-meter';
    meter.setAttribute('role', 'meter');
    meter.setAttribute('aria-label', 'Sound level heard');
    meter.setAttribute('aria-valuemin', '0');
    meter.setAttribute('aria-valuemax', '100');
    meter.setAttribute('aria-valuenow', '0');
    const bar = document.createElement('div');
    bar.className = 'live-meter-bar';
    meter.append(bar);
    this.append(media, play, meter, status);
    this.media = media;
    this.status = status;
    this.meter = meter;
    this.playButton = play;
    this.style.display = 'block';
    media.style.width = '100%';
    media.style.maxHeight = '360px';
    media.style.background = '#000';
    meter.style.cssText = 'height:8px;background:var(--lumo-contrast-10pct,#eee);border-radius:4px;margin:.5em 0;';
    bar.style.cssText = 'height:100%;width:0;background:var(--lumo-success-color,#2a2);border-radius:4px;';
    this.setState('waiting', 'Waiting for the first seconds of the recording…');
    this.source = new MediaSource();
    media.src = URL.createObjectURL(this.source);
    this.source.addEventListener('sourceopen', () => void this.poll(), { once: true });
    media.addEventListener('playing', () => {
      if (this.dataset.state === 'waiting') {
        this.setState('playing', LISTENING);
      }
    });
  }

  disconnectedCallback(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    if (this.meterFrame !== undefined) cancelAnimationFrame(this.meterFrame);
    void this.audio?.close();
  }

  get currentTime(): number {
    return this.media ? this.media.currentTime : 0;
  }

  private setState(state: string, message: string): void {
    this.dataset.state = state;
    if (this.status) this.status.textContent = message;
  }

  private schedule(ms: number): void {
    if (!this.stopped) {
      this.timer = window.setTimeout(() => void this.poll(), ms);
    }
  }

  private async poll(): Promise<void> {
    const url = this.getAttribute('parts-url');
    const pollMs = Number(this.getAttribute('poll-ms')) || 500;
    if (!url || this.stopped) return;
    let response: Response;
    try {
      response = await fetch(`${url}?from=${this.next}${this.resync ? '&cluster=true' : ''}`,
        { credentials: 'same-origin', cache: 'no-store' });
    } catch {
      this.schedule(pollMs * 2);
      return;
    }
    if (response.status === 410) {
      this.end();
      return;
    }
    if (response.status === 204) {
      this.atGapOrWaiting(response);
      this.schedule(pollMs);
      return;
    }
    if (!response.ok) {
      const message = response.status === 404 ? 'This live recording is not available to you.'
        : response.status === 401 ? 'You are signed out of Earmark (the server restarted, or your session ended):'
          + ' sign in again to go on watching.'
        : `The live recording could not be fetched (${response.status}).`;
      this.fail(message);
      return;
    }
    const data = await response.arrayBuffer();
    const next = Number(response.headers.get(NEXT_PART));
    try {
      if (this.resync && this.buffer && this.source?.readyState === 'open') {
        // The last part appended may have ended inside an element: the parser starts again at this cluster.
        this.buffer.abort();
      }
      await this.appendPart(data);
    } catch (e) {
      this.fail(`The live recording could not be played: ${(e as Error)?.message || e}.`);
      return;
    }
    this.resync = false;
    this.gapAt = -1;
    if (Number.isFinite(next) && next > this.next) this.next = next;
    this.followLiveEdge();
    // More may be waiting (catching up after a late start): ask again at once.
    this.schedule(0);
  }

  /**
   * Nothing to play from the part asked for. If a later part has arrived, the missing one is waited for
   * `gap-wait-ms`, then skipped. While taking up the recording after one, the parts looked at without a cluster are
   * passed over.
   */
  private atGapOrWaiting(response: Response): void {
    const lookedAt = Number(response.headers.get(NEXT_PART));
    if (this.resync && Number.isFinite(lookedAt) && lookedAt > this.next) {
      this.next = lookedAt;
      return;
    }
    const after = response.headers.get(NEXT_AFTER_GAP);
    if (after === null || !(Number(after) > this.next)) {
      return;
    }
    if (this.gapAt !== this.next) {
      this.gapAt = this.next;
      this.gapSince = Date.now();
      return;
    }
    const waitMs = Number(this.getAttribute('gap-wait-ms')) || 4000;
    if (Date.now() - this.gapSince >= waitMs) {
      if (!this.buffer) {
        this.setState('waiting', 'The start of the recording did not reach Earmark, so it cannot be played live.'
          + ' The recording keeps everything that arrived.');
        return;
      }
      const missing = Number(after) - this.next;
      this.setState(this.dataset.state || 'playing', `${missing === 1 ? 'A part' : `${missing} parts`} of the`
        + ' recording did not reach Earmark: listening on from after the gap. The recording keeps everything that'
        + ' arrived.');
      this.next = Number(after);
      this.resync = true;
      this.gapAt = -1;
      const told = this.status?.textContent;
      window.setTimeout(() => {
        if (this.dataset.state === 'playing' && this.status?.textContent === told) {
          this.setState('playing', LISTENING);
        }
      }, 10_000);
    }
  }

  private appendPart(data: ArrayBuffer): Promise<void> {
    const source = this.source!;
    if (!this.buffer) {
      this.buffer = source.addSourceBuffer(webmType(new Uint8Array(data)));
    }
    const buffer = this.buffer;
    return new Promise((resolve, reject) => {
      const done = () => {
        buffer.removeEventListener('updateend', done);
        buffer.removeEventListener('error', failed);
        resolve();
      };
      const failed = () => {
        buffer.removeEventListener('updateend', done);
        buffer.removeEventListener('error', failed);
        reject(new Error('the browser refused a part'));
      };
      buffer.addEventListener('updateend', done);
      buffer.addEventListener('error', failed);
      buffer.appendBuffer(data);
    });
  }

  /** Plays from just behind the newest sound; jumps forward when playback has fallen too far behind. */
  private followLiveEdge(): void {
    const media = this.media!;
    const buffered = media.buffered;
    if (buffered.length === 0) return;
    const end = buffered.end(buffered.length - 1);
    const behind = (Number(this.getAttribute('behind-ms')) || 1000) / 1000;
    if (end - media.currentTime > behind + 3 || this.heldAtHole(media.currentTime)) {
      media.currentTime = Math.max(buffered.start(buffered.length - 1), end - behind);
    }
    if (media.paused && !this.started) {
      void this.resume();
    }
  }

  /**
   * Whether playback is held before what has been appended, or at a hole in it (the place of a skipped part) with
   * more after it; playback stops a little short of a range's end, hence the tenth of a second.
   */
  private heldAtHole(time: number): boolean {
    const buffered = this.media!.buffered;
    for (let i = 0; i < buffered.length; i++) {
      if (time < buffered.start(i)) return true;
      if (time <= buffered.end(i) - 0.1) return false;
    }
    return false;
  }

  private async resume(): Promise<void> {
    const media = this.media!;
    try {
      // The sound goes through the AnalyserNode, so its context must run: without a click it may not.
      this.connectAudio();
      void this.audio?.resume();
      await media.play();
      this.started = true;
      window.setTimeout(() => {
        if (this.playButton) this.playButton.hidden = this.audio?.state === 'running';
      }, 500);
    } catch {
      // The browser wants a click before playing sound.
      if (this.playButton) this.playButton.hidden = false;
    }
  }

  /** Routes the sound through an AnalyserNode (for the level meter) on its way to the speakers. */
  private connectAudio(): void {
    if (this.audio || !this.media) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaElementSource(this.media).connect(analyser);
    analyser.connect(context.destination);
    this.audio = context;
    this.analyser = analyser;
    const samples = new Float32Array(analyser.fftSize);
    const bar = this.meter?.firstElementChild as HTMLElement | null;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      const level = Math.round(Math.min(1, peak) * 100);
      if (bar) bar.style.width = `${level}%`;
      this.meter?.setAttribute('aria-valuenow', String(level));
      this.meterFrame = requestAnimationFrame(draw);
    };
    this.meterFrame = requestAnimationFrame(draw);
  }

  private end(): void {
    this.stopped = true;
    if (this.source && this.source.readyState === 'open' && this.buffer && !this.buffer.updating) {
      try {
        this.source.endOfStream();
      } catch {
        // Already ended.
      }
    }
    this.setState('ended', 'The recording has stopped. It will be on the discussion\'s page once it is prepared.');
    this.dispatchEvent(new CustomEvent('live-ended', { detail: {} }));
  }

  private fail(message: string): void {
    this.stopped = true;
    this.setState('error', message);
    this.dispatchEvent(new CustomEvent('live-error', { detail: { message } }));
  }
}

customElements.define('earmark-live-player', EarmarkLivePlayer);
