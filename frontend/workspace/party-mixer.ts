/**
 * <earmark-party-mixer>: mute or solo a party of a two-channel recording whose channels are the parties (a remote
 * room's combined recording, a stereo meeting export), for the player named by its `for` attribute (a media element's
 * id). Web Audio: the media element's sound → a channel splitter → one gain per party → both ears, so a party soloed
 * is heard in both ears. The graph is made at the first press (a user gesture, which lets the AudioContext run);
 * until then the player plays as it is.
 *
 * Attributes (set by the server): for, assessor-channel (0 = left, 1 = right), assessor-label, learner-label.
 * Plain buttons (Tab, Enter, Space), each with aria-pressed; a status line says what is heard.
 */

type Party = 'assessor' | 'learner';

interface Graph {
  context: AudioContext;
  gains: GainNode[];
  analysers: AnalyserNode[];
}

// A media element can feed one MediaElementSource only, ever: one graph per element, shared by every mixer on it.
const graphs = new WeakMap<HTMLMediaElement, Graph>();

function graphFor(media: HTMLMediaElement): Graph {
  let graph = graphs.get(media);
  if (!graph) {
    const context = new AudioContext();
    const source = context.createMediaElementSource(media);
    const splitter = context.createChannelSplitter(2);
    const merger = context.createChannelMerger(2);
    source.connect(splitter);
    const gains: GainNode[] = [];
    const analysers: AnalyserNode[] = [];
    for (const channel of [0, 1]) {
      const gain = context.createGain();
      splitter.connect(gain, channel);
      gain.connect(merger, 0, 0);
      gain.connect(merger, 0, 1);
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      gain.connect(analyser);
      gains.push(gain);
      analysers.push(analyser);
    }
    merger.connect(context.destination);
    graph = { context, gains, analysers };
    graphs.set(media, graph);
  }
  if (graph.context.state === 'suspended') {
    graph.context.resume().catch(() => undefined);
  }
  return graph;
}

export class EarmarkPartyMixer extends HTMLElement {
  private built = false;
  private muted: Record<Party, boolean> = { assessor: false, learner: false };
  private solo: Party | null = null;
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private status!: HTMLElement;

  static get observedAttributes(): string[] {
    return ['assessor-label', 'learner-label'];
  }

  connectedCallback(): void {
    if (!this.built) {
      this.build();
    }
  }

  attributeChangedCallback(): void {
    if (this.built) {
      this.relabel();
    }
  }

  private nameOf(party: Party): string {
    return this.getAttribute(party + '-label') || (party === 'assessor' ? 'the assessor' : 'the learner');
  }

  private relabel(): void {
    for (const p of ['assessor', 'learner'] as Party[]) {
      const name = this.nameOf(p);
      this.querySelector(`#party-${p}-name`)!.textContent = name;
      this.buttons.get('mute-' + p)!.setAttribute('aria-label', 'Mute ' + name);
      this.buttons.get('solo-' + p)!.setAttribute('aria-label', 'Solo ' + name + ' (hear only them)');
    }
    this.show();
  }

  private build(): void {
    this.built = true;
    const group = document.createElement('div');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Listen to one party');
    group.className = 'party-mixer';
    group.style.cssText = 'display:flex;flex-wrap:wrap;gap:var(--lumo-space-m,1rem);align-items:center;';
    const title = document.createElement('span');
    title.textContent = 'Listen:';
    group.append(title);
    for (const party of ['assessor', 'learner'] as Party[]) {
      const box = document.createElement('span');
      box.style.cssText = 'display:inline-flex;gap:var(--lumo-space-xs,.25rem);align-items:center;';
      const name = document.createElement('span');
      name.id = `party-${party}-name`;
      box.append(name);
      for (const action of ['mute', 'solo']) {
        const button = document.createElement('button');
        button.type = 'button';
        button.id = `${action}-${party}`;
        button.textContent = action === 'mute' ? 'Mute' : 'Solo';
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => (action === 'mute' ? this.toggleMute(party) : this.toggleSolo(party)));
        this.buttons.set(button.id, button);
        box.append(button);
      }
      group.append(box);
    }
    this.status = document.createElement('span');
    this.status.id = 'party-mixer-status';
    this.status.setAttribute('role', 'status');
    group.append(this.status);
    this.append(group);
    this.relabel();
  }

  toggleMute(party: Party): void {
    this.muted[party] = !this.muted[party];
    this.apply();
  }

  toggleSolo(party: Party): void {
    this.solo = this.solo === party ? null : party;
    this.apply();
  }

  /** The gain each party gets now: 1 heard, 0 silenced. */
  gainFor(party: Party): number {
    if (this.solo) {
      return this.solo === party ? 1 : 0;
    }
    return this.muted[party] ? 0 : 1;
  }

  /** For tests: the gains set in the audio graph (null before the first press). */
  gainValues(): Record<Party, number> | null {
    const graph = this.graph(false);
    if (!graph) {
      return null;
    }
    return {
      assessor: graph.gains[this.channel('assessor')].gain.value,
      learner: graph.gains[this.channel('learner')].gain.value,
    };
  }

  /** For tests: each party's level after its gain (RMS of the latest 2048 samples), null before the first press. */
  levels(): Record<Party, number> | null {
    const graph = this.graph(false);
    if (!graph) {
      return null;
    }
    const rms = (analyser: AnalyserNode) => {
      const data = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) {
        sum += v * v;
      }
      return Math.sqrt(sum / data.length);
    };
    return {
      assessor: rms(graph.analysers[this.channel('assessor')]),
      learner: rms(graph.analysers[this.channel('learner')]),
    };
  }

  private channel(party: Party): number {
    const assessor = this.getAttribute('assessor-channel') === '1' ? 1 : 0;
    return party === 'assessor' ? assessor : 1 - assessor;
  }

  private graph(create: boolean): Graph | null {
    const media = document.getElementById(this.getAttribute('for') || '');
    if (!(media instanceof HTMLMediaElement)) {
      return null;
    }
    return create ? graphFor(media) : graphs.get(media) || null;
  }

  private apply(): void {
    const graph = this.graph(true);
    if (graph) {
      for (const party of ['assessor', 'learner'] as Party[]) {
        graph.gains[this.channel(party)].gain.value = this.gainFor(party);
      }
    }
    this.show();
  }

  private show(): void {
    for (const party of ['assessor', 'learner'] as Party[]) {
      this.buttons.get('mute-' + party)!.setAttribute('aria-pressed', String(this.muted[party]));
      this.buttons.get('solo-' + party)!.setAttribute('aria-pressed', String(this.solo === party));
    }
    const heard = (['assessor', 'learner'] as Party[]).filter((p) => this.gainFor(p) > 0).map((p) => this.nameOf(p));
    this.status.textContent = heard.length === 2 ? 'Both parties are heard.'
      : heard.length === 1 ? `Only ${heard[0]} is heard.` : 'Both parties are muted.';
  }
}

customElements.define('earmark-party-mixer', EarmarkPartyMixer);
