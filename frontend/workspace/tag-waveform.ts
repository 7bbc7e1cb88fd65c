/**
 * The waveform of <earmark-workspace> (peaks.js: a zoomable view and an overview) with the tags drawn on
 * it: a point for a moment, a segment for a span, labelled with the AC keys. Drawing follows the tag book
 * by diffing against what peaks.js holds, so a change of one tag touches one marker; markers can be
 * dragged (saved on drag end) unless read-only.
 */
import Peaks from 'peaks.js';
import type { CreatePointMarkerOptions, EventEmitterForPlayerEvents, PeaksInstance, PeaksOptions, PlayerAdapter, PointMarker, PointOptions, SegmentOptions } from 'peaks.js';
import { Line } from 'konva/lib/shapes/Line';
import { Rect } from 'konva/lib/shapes/Rect';
import { Text } from 'konva/lib/shapes/Text';
import type { CriteriaIndex } from '../tagging/criteria';
import type { Tag } from '../tagging/types';
import { formatClock, formatCounter } from '../tagging/time';

export interface WaveformSource {
  mediaElement: HTMLMediaElement;
  /** The recording's length as the server knows it, until the player knows it. */
  durationMs: number | null;
  /** The peaks file (audiowaveform binary, version 2), fetched by the caller alongside the media's metadata. */
  peaks: ArrayBuffer;
  samplesPerPixel: number;
}

/** Fetches a peaks file; rejects with a sentence for the assessor. */
export async function fetchPeaks(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new Error(`The waveform could not be loaded (${(e as Error)?.message || e}).`);
  }
  if (!response.ok) {
    throw new Error(response.status === 404
      ? 'The waveform is not available for this recording yet.'
      : `The waveform could not be loaded (HTTP ${response.status}).`);
  }
  return response.arrayBuffer();
}

export interface WaveformCallbacks {
  moved(tagId: number, startMs: number, endMs: number | null): void;
  clicked(tagId: number): void;
}

interface Colours {
  point: string;
  selected: string;
  wave: string;
  played: string;
  overview: string;
  playhead: string;
  axis: string;
  grid: string;
  spanFill: string;
  text: string;
  font: string;
}

const PREFIX = 'tag-';

/**
 * The media element as peaks.js's player. Unlike peaks.js's own, it does not wait for the media's
 * metadata before the waveform is drawn: the waveform and the tags show at once, even while a long
 * recording is still opening (or if it cannot be played here).
 */
class ElementPlayer implements PlayerAdapter {
  private listeners: Array<[string, EventListener]> = [];

  constructor(private readonly media: HTMLMediaElement, private readonly fallbackDurationMs: number | null) {}

  init(emitter: EventEmitterForPlayerEvents): Promise<void> {
    const on = (type: string, listener: EventListener) => {
      this.listeners.push([type, listener]);
      this.media.addEventListener(type, listener);
    };
    on('timeupdate', () => emitter.emit('player.timeupdate', this.getCurrentTime()));
    on('playing', () => emitter.emit('player.playing', this.getCurrentTime()));
    on('pause', () => emitter.emit('player.pause', this.getCurrentTime()));
    on('ended', () => emitter.emit('player.ended'));
    on('seeked', () => emitter.emit('player.seeked', this.getCurrentTime()));
    on('canplay', () => emitter.emit('player.canplay'));
    on('error', () => emitter.emit('player.error', this.media.error));
    return Promise.resolve();
  }

  destroy(): void {
    this.listeners.forEach(([type, listener]) => this.media.removeEventListener(type, listener));
    this.listeners = [];
  }

  play(): Promise<void> {
    return this.media.play();
  }

  pause(): void {
    this.media.pause();
  }

  isPlaying(): boolean {
    return !this.media.paused;
  }

  isSeeking(): boolean {
    return this.media.seeking;
  }

  getCurrentTime(): number {
    return this.media.currentTime;
  }

  getDuration(): number {
    const d = this.media.duration;
    return Number.isFinite(d) && d > 0 ? d : (this.fallbackDurationMs ?? 0) / 1000;
  }

  seek(time: number): void {
    this.media.currentTime = time;
  }
}

/**
 * A tag in the overview: one thin line, not listening to the mouse. The overview shows every tag of the
 * recording at once, so its markers must be cheap to create and to draw (peaks.js's default marker has a
 * handle, a line, a label and a time label, each with hit regions).
 */
class OverviewTick implements PointMarker {
  private line: Line | null = null;

  constructor(private readonly options: CreatePointMarkerOptions) {}

  init(group: object): void {
    const g = group as { add(node: Line): void; listening(value: boolean): void };
    g.listening(false);
    this.line = new Line({ points: [0.5, 0, 0.5, this.options.layer.getHeight()], stroke: this.options.color, strokeWidth: 1, listening: false, perfectDrawEnabled: false });
    g.add(this.line);
  }

  fitToView(): void {
    this.line?.points([0.5, 0, 0.5, this.options.layer.getHeight()]);
  }

  update(options: Partial<PointOptions>): void {
    if (options.color !== undefined) {
      this.line?.stroke(options.color);
    }
  }

  destroy(): void {
    this.line = null;
  }
}

interface KonvaGroup {
  add(...nodes: Array<Line | Rect | Text>): void;
  listening(value: boolean): void;
  on(events: string, handler: () => void): void;
  x(): number;
}

/** Where the labels of the zoomable view go: the first lane's top, the lanes' height, the gap between labels. */
const LANE_TOP = 12;
const LANE_HEIGHT = 14;
const LABEL_GAP = 6;
const LABEL_X = 3;

/**
 * A tag in the zoomable view: a line across the waveform, the AC keys at the top and, when the tag can be
 * moved, a handle in the middle to drag (with the time shown while dragging). Its label goes in the lane
 * the waveform gives it (see {@link TagWaveform}), or is hidden when no lane has room; the tooltip still
 * names it.
 */
class ZoomTick implements PointMarker {
  private group!: KonvaGroup;
  private line!: Line;
  private label!: Text;
  private handle: Rect | null = null;
  private time: Text | null = null;

  constructor(private readonly options: CreatePointMarkerOptions, private readonly live: Set<ZoomTick>, private readonly moved: () => void) {}

  get tagId(): number | null {
    return tagIdOf(this.options.point.id);
  }

  /** The line's position in the view, in pixels. */
  get x(): number {
    return this.group.x();
  }

  get labelWidth(): number {
    return this.label.text() ? this.label.width() : 0;
  }

  /** Puts the label in a lane (0 is the top one), or hides it (null). */
  placeLabel(lane: number | null): void {
    const visible = lane !== null && this.label.text() !== '';
    if (this.label.visible() !== visible) {
      this.label.visible(visible);
    }
    if (lane !== null && this.label.y() !== LANE_TOP + lane * LANE_HEIGHT) {
      this.label.y(LANE_TOP + lane * LANE_HEIGHT);
    }
  }

  /** The label as drawn, in the view's pixels (for tests and checks). */
  labelBox(): { tagId: number | null; text: string; visible: boolean; x: number; y: number; width: number; height: number } {
    const box = this.label.getClientRect();
    return { tagId: this.tagId, text: this.label.text(), visible: this.label.visible(), x: box.x, y: box.y, width: box.width, height: box.height };
  }

  init(group: object): void {
    const g = group as KonvaGroup;
    this.group = g;
    const o = this.options;
    this.line = new Line({ points: [0.5, 0, 0.5, 1], stroke: o.color, strokeWidth: 1, listening: false });
    this.label = new Text({ x: LABEL_X, y: LANE_TOP, text: o.point.labelText || '', fontFamily: o.fontFamily, fontSize: o.fontSize, fontStyle: 'bold', fill: o.color, listening: false });
    g.add(this.line, this.label);
    // peaks.js 4 passes `editable` (its typings still say `draggable`).
    const editable = (o as unknown as { editable?: boolean }).editable ?? o.draggable;
    if (editable) {
      this.handle = new Rect({ x: -4.5, y: 0, width: 10, height: 20, fill: o.color, cornerRadius: 2 });
      this.time = new Text({ x: -70, y: 0, width: 64, align: 'right', text: '', fontFamily: o.fontFamily, fontSize: o.fontSize, fill: o.color, visible: false, listening: false });
      g.add(this.handle, this.time);
      g.on('dragstart dragmove', () => {
        this.time!.text(formatCounter(o.point.time * 1000));
        this.time!.visible(true);
      });
      g.on('dragend', () => this.time!.visible(false));
    }
    this.fitToView();
    this.live.add(this);
    this.moved();
  }

  fitToView(): void {
    const height = this.options.layer.getHeight();
    this.line.points([0.5, 0, 0.5, height]);
    this.handle?.y(height / 2 - 10);
    this.time?.y(height / 2 - 5);
  }

  update(options: Partial<PointOptions>): void {
    if (options.labelText !== undefined) {
      this.label.text(options.labelText);
    }
    if (options.color !== undefined) {
      this.line.stroke(options.color);
      this.label.fill(options.color);
      this.handle?.fill(options.color);
      this.time?.fill(options.color);
    }
    this.moved();
  }

  destroy(): void {
    /* the group and its shapes are destroyed by peaks.js */
    this.live.delete(this);
    this.moved();
  }
}

function tagIdOf(peaksId: string | undefined): number | null {
  if (!peaksId || !peaksId.startsWith(PREFIX)) {
    return null;
  }
  const id = Number(peaksId.substring(PREFIX.length));
  return Number.isFinite(id) ? id : null;
}

function cssVar(host: Element, name: string, fallback: string): string {
  const value = getComputedStyle(host).getPropertyValue(name).trim();
  return value || fallback;
}

export class TagWaveform {
  private peaks: PeaksInstance | null = null;
  private kinds = new Map<number, 'point' | 'segment'>();
  private colours!: Colours;
  private editable = true;
  private selected: number | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private destroyed = false;
  /** The markers the zoomable view shows now (peaks.js makes them only for the tags in view). */
  private readonly ticks = new Set<ZoomTick>();
  private layoutScheduled = false;
  /** Samples per pixel of the peaks file (the most detailed zoom), and the zoom now: a scale, or 'fit'. */
  private finestScale = 1024;
  private zoomScale: number | 'fit' = 'fit';
  private scheduleLayout = () => {
    if (!this.layoutScheduled) {
      this.layoutScheduled = true;
      queueMicrotask(() => {
        this.layoutScheduled = false;
        this.layoutLabels();
      });
    }
  };

  constructor(
    private readonly zoomview: HTMLElement,
    private readonly overview: HTMLElement,
    private readonly callbacks: WaveformCallbacks,
  ) {}

  get ready(): boolean {
    return this.peaks !== null;
  }

  /** How many tags the waveform draws. */
  get count(): number {
    return this.kinds.size;
  }

  /** Loads the peaks and draws the tags; rejects with a readable message. */
  init(source: WaveformSource, tags: readonly Tag[], criteria: CriteriaIndex, selected: number | null, editable: boolean): Promise<void> {
    this.editable = editable;
    this.selected = selected;
    this.colours = this.readColours();
    const spp = source.samplesPerPixel > 0 ? source.samplesPerPixel : 1024;
    this.finestScale = spp;
    // peaks.js's own zoom levels; the view opens fitted to the whole recording instead (see zoomIn, zoomOut).
    const zoomLevels = [1, 2, 4, 8, 16, 32, 64, 128, 256].map((f) => f * spp);
    const points: PointOptions[] = [];
    const segments: SegmentOptions[] = [];
    for (const tag of tags) {
      if (tag.endMs == null) {
        points.push(this.pointOptions(tag, criteria));
      } else {
        segments.push(this.segmentOptions(tag, criteria));
      }
    }
    const c = this.colours;
    const options: PeaksOptions = {
      zoomview: {
        container: this.zoomview,
        waveformColor: c.wave,
        playedWaveformColor: c.played,
        playheadColor: c.playhead,
        axisLabelColor: c.axis,
        axisGridlineColor: c.grid,
        showPlayheadTime: true,
        playheadTextColor: c.text,
        wheelMode: 'scroll',
        autoScroll: true,
        formatPlayheadTime: (t: number) => formatClock(t * 1000),
      },
      overview: {
        container: this.overview,
        waveformColor: c.overview,
        playedWaveformColor: c.played,
        playheadColor: c.playhead,
        axisLabelColor: c.axis,
        axisGridlineColor: c.grid,
        highlightColor: c.axis,
        highlightOpacity: 0.25,
      },
      player: new ElementPlayer(source.mediaElement, source.durationMs),
      waveformData: { arraybuffer: source.peaks },
      keyboard: false,
      zoomLevels,
      fontFamily: c.font,
      fontSize: 11,
      pointMarkerColor: c.point,
      formatAxisTime: (t: number) => formatClock(t * 1000),
      segmentOptions: {
        overlay: true,
        markers: true,
        overlayColor: c.spanFill,
        overlayOpacity: 0.25,
        overlayBorderColor: c.point,
        overlayBorderWidth: 1,
        overlayCornerRadius: 3,
        overlayOffset: 18,
        overlayLabelColor: c.text,
        overlayFontFamily: c.font,
        overlayFontSize: 11,
        startMarkerColor: c.point,
        endMarkerColor: c.point,
      },
      createPointMarker: (o: CreatePointMarkerOptions) => (o.view === 'overview' ? new OverviewTick(o) : new ZoomTick(o, this.ticks, this.scheduleLayout)),
      points,
      segments,
      logger: (...args: unknown[]) => console.warn('Earmark waveform:', ...args),
    };
    return new Promise((resolve, reject) => {
      Peaks.init(options, (err, peaks) => {
        if (err || !peaks) {
          reject(new Error(this.explain(err)));
          return;
        }
        if (this.destroyed) {
          peaks.destroy();
          reject(new Error('The waveform was closed.'));
          return;
        }
        this.peaks = peaks;
        for (const p of points) {
          this.kinds.set(tagIdOf(p.id)!, 'point');
        }
        for (const s of segments) {
          this.kinds.set(tagIdOf(s.id)!, 'segment');
        }
        const zoomview = peaks.views.getView('zoomview');
        zoomview?.enableSegmentDragging(editable);
        zoomview?.enableMarkerEditing(editable);
        // The whole recording to start with (kept fitted when the view is resized, until the assessor zooms).
        this.zoomScale = 'fit';
        zoomview?.setZoom({ seconds: 'auto' });
        peaks.on('zoomview.update', this.scheduleLayout);
        peaks.on('points.mouseenter', (e) => {
          const labels = e.point.labelText ? `${e.point.labelText} at ` : '';
          this.zoomview.title = `${labels}${formatCounter(e.point.time * 1000)}`;
        });
        peaks.on('points.mouseleave', () => this.zoomview.removeAttribute('title'));
        peaks.on('segments.mouseenter', (e) => {
          const labels = e.segment.labelText ? `${e.segment.labelText}: ` : '';
          this.zoomview.title = `${labels}${formatCounter(e.segment.startTime * 1000)} – ${formatCounter(e.segment.endTime * 1000)}`;
        });
        peaks.on('segments.mouseleave', () => this.zoomview.removeAttribute('title'));
        peaks.on('points.dragend', (e) => {
          const id = tagIdOf(e.point.id);
          if (id != null) {
            this.callbacks.moved(id, e.point.time * 1000, null);
          }
        });
        peaks.on('segments.dragend', (e) => {
          const id = tagIdOf(e.segment.id);
          if (id != null) {
            this.callbacks.moved(id, e.segment.startTime * 1000, e.segment.endTime * 1000);
          }
        });
        peaks.on('points.click', (e) => {
          const id = tagIdOf(e.point.id);
          if (id != null) {
            e.preventViewEvent();
            this.callbacks.clicked(id);
          }
        });
        peaks.on('segments.click', (e) => {
          const id = tagIdOf(e.segment.id);
          if (id != null) {
            e.preventViewEvent();
            this.callbacks.clicked(id);
          }
        });
        this.resizeObserver = new ResizeObserver(() => {
          peaks.views.getView('zoomview')?.fitToContainer();
          peaks.views.getView('overview')?.fitToContainer();
        });
        this.resizeObserver.observe(this.zoomview);
        resolve();
      });
    });
  }

  /** Brings the drawing in line with the tags: adds, moves, relabels and removes only what differs. */
  sync(tags: readonly Tag[], criteria: CriteriaIndex, selected: number | null): void {
    this.selected = selected;
    const peaks = this.peaks;
    if (!peaks) {
      return;
    }
    const newPoints: PointOptions[] = [];
    const newSegments: SegmentOptions[] = [];
    const seen = new Set<number>();
    for (const tag of tags) {
      seen.add(tag.id);
      this.drawTag(tag, criteria, newPoints, newSegments);
    }
    for (const [id, kind] of [...this.kinds]) {
      if (!seen.has(id)) {
        this.removeDrawn(id, kind);
      }
    }
    this.addNew(newPoints, newSegments);
  }

  /** Draws one tag that was made or changed (the others stay as they are). */
  syncTag(tag: Tag, criteria: CriteriaIndex): void {
    if (!this.peaks) {
      return;
    }
    const newPoints: PointOptions[] = [];
    const newSegments: SegmentOptions[] = [];
    this.drawTag(tag, criteria, newPoints, newSegments);
    this.addNew(newPoints, newSegments);
  }

  /** Takes one deleted tag off the waveform. */
  removeTag(id: number): void {
    const kind = this.kinds.get(id);
    if (kind) {
      this.removeDrawn(id, kind);
    }
  }

  /** Shows another tag as selected: only the two markers concerned are redrawn. */
  select(selected: number | null, tagOf: (id: number) => Tag | undefined, criteria: CriteriaIndex): void {
    const before = this.selected;
    this.selected = selected;
    for (const id of [before, selected]) {
      const tag = id == null ? undefined : tagOf(id);
      if (tag) {
        this.syncTag(tag, criteria);
      }
    }
  }

  private drawTag(tag: Tag, criteria: CriteriaIndex, newPoints: PointOptions[], newSegments: SegmentOptions[]): void {
    const peaks = this.peaks!;
    const kind = tag.endMs == null ? 'point' : 'segment';
    const drawn = this.kinds.get(tag.id);
    if (drawn && drawn !== kind) {
      this.removeDrawn(tag.id, drawn);
    }
    if (kind === 'point') {
      const wanted = this.pointOptions(tag, criteria);
      const point = drawn === 'point' ? peaks.points.getPoint(wanted.id!) : undefined;
      if (!point) {
        newPoints.push(wanted);
      } else if (Math.abs(point.time - wanted.time) > 0.0005 || point.labelText !== wanted.labelText || point.color !== wanted.color) {
        point.update({ time: wanted.time, labelText: wanted.labelText, color: wanted.color });
      }
    } else {
      const wanted = this.segmentOptions(tag, criteria);
      const segment = drawn === 'segment' ? peaks.segments.getSegment(wanted.id!) : undefined;
      if (!segment) {
        newSegments.push(wanted);
      } else if (Math.abs(segment.startTime - wanted.startTime) > 0.0005 || Math.abs(segment.endTime - wanted.endTime) > 0.0005
        || segment.labelText !== wanted.labelText || segment.borderColor !== wanted.borderColor) {
        segment.update({ startTime: wanted.startTime, endTime: wanted.endTime, labelText: wanted.labelText, borderColor: wanted.borderColor, color: wanted.color });
      }
    }
  }

  private addNew(newPoints: PointOptions[], newSegments: SegmentOptions[]): void {
    const peaks = this.peaks!;
    if (newPoints.length > 0) {
      peaks.points.add(newPoints);
      newPoints.forEach((p) => this.kinds.set(tagIdOf(p.id)!, 'point'));
    }
    if (newSegments.length > 0) {
      peaks.segments.add(newSegments);
      newSegments.forEach((s) => this.kinds.set(tagIdOf(s.id)!, 'segment'));
    }
  }

  /** Twice the detail (half the time in view), down to the peaks file's own resolution. */
  zoomIn(): void {
    const current = this.currentScale();
    if (current == null || current <= this.finestScale) {
      return;
    }
    this.setScale(Math.max(this.finestScale, Math.floor(current / 2)));
  }

  /** Half the detail (twice the time in view), up to the whole recording in view. */
  zoomOut(): void {
    const current = this.currentScale();
    const fit = this.fitScale();
    if (current == null || fit == null || this.zoomScale === 'fit') {
      return;
    }
    if (current * 2 >= fit) {
      this.zoomScale = 'fit';
      this.peaks?.views.getView('zoomview')?.setZoom({ seconds: 'auto' });
    } else {
      this.setScale(current * 2);
    }
  }

  /** What the zoomable view shows: its time range and the tags' labels as drawn (for checks and tests). */
  viewState(): { startMs: number; endMs: number; fitted: boolean; labels: ReturnType<ZoomTick['labelBox']>[] } | null {
    const view = this.peaks?.views.getView('zoomview');
    if (!view) {
      return null;
    }
    this.layoutLabels();
    return {
      startMs: Math.round(view.getStartTime() * 1000),
      endMs: Math.round(view.getEndTime() * 1000),
      fitted: this.zoomScale === 'fit',
      labels: [...this.ticks].map((t) => t.labelBox()),
    };
  }

  /** Scrolls the zoomable view so that the time is in view (when the player is paused, it does not follow). */
  reveal(ms: number): void {
    const view = this.peaks?.views.getView('zoomview');
    if (!view) {
      return;
    }
    const t = ms / 1000;
    const start = view.getStartTime();
    const end = view.getEndTime();
    if (t < start || t > end) {
      view.setStartTime(Math.max(0, t - (end - start) / 4));
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    if (this.peaks) {
      this.peaks.destroy();
      this.peaks = null;
    }
    this.kinds.clear();
  }

  /**
   * Lays out the labels of the markers in view so that none overlaps another: from left to right, each goes
   * in the first lane (row) where the label before it has ended; when every lane is taken there, the label
   * is hidden, and the marker's tooltip names it.
   */
  private layoutLabels(): void {
    if (this.ticks.size === 0) {
      return;
    }
    const height = this.zoomview.clientHeight || 140;
    // Lanes in the top part of the view, clear of the drag handles in the middle.
    const laneCount = Math.max(1, Math.min(4, Math.floor((height / 2 - 10 - LANE_TOP) / LANE_HEIGHT)));
    const ends: number[] = new Array(laneCount).fill(-Infinity);
    const ordered = [...this.ticks].sort((a, b) => a.x - b.x || (a.tagId ?? 0) - (b.tagId ?? 0));
    for (const tick of ordered) {
      const left = tick.x + LABEL_X;
      const width = tick.labelWidth;
      let lane: number | null = null;
      for (let i = 0; i < laneCount; i++) {
        if (ends[i] + LABEL_GAP <= left) {
          lane = i;
          break;
        }
      }
      if (lane !== null) {
        ends[lane] = left + width;
      }
      tick.placeLabel(lane);
    }
  }

  private currentScale(): number | null {
    if (this.zoomScale !== 'fit') {
      return this.zoomScale;
    }
    return this.fitScale();
  }

  /** Samples per pixel that fit the whole recording in the view's width. */
  private fitScale(): number | null {
    const data = this.peaks?.getWaveformData();
    const width = this.zoomview.clientWidth;
    if (!data || !(data.duration > 0) || !(width > 0)) {
      return null;
    }
    return Math.max(this.finestScale, Math.floor((data.duration * data.sample_rate) / width));
  }

  private setScale(scale: number): void {
    this.zoomScale = scale;
    this.peaks?.views.getView('zoomview')?.setZoom({ scale });
  }

  private removeDrawn(id: number, kind: 'point' | 'segment'): void {
    if (kind === 'point') {
      this.peaks?.points.removeById(PREFIX + id);
    } else {
      this.peaks?.segments.removeById(PREFIX + id);
    }
    this.kinds.delete(id);
  }

  private pointOptions(tag: Tag, criteria: CriteriaIndex): PointOptions {
    return {
      id: PREFIX + tag.id,
      time: tag.startMs / 1000,
      labelText: criteria.keysOf(tag.criterionIds).join(' '),
      color: tag.id === this.selected ? this.colours.selected : this.colours.point,
      editable: this.editable,
    };
  }

  private segmentOptions(tag: Tag, criteria: CriteriaIndex): SegmentOptions {
    const colour = tag.id === this.selected ? this.colours.selected : this.colours.point;
    return {
      id: PREFIX + tag.id,
      startTime: tag.startMs / 1000,
      endTime: Math.max(tag.endMs ?? tag.startMs, tag.startMs + 1) / 1000,
      labelText: criteria.keysOf(tag.criterionIds).join(' '),
      color: tag.id === this.selected ? this.colours.selected : this.colours.spanFill,
      borderColor: colour,
      editable: this.editable,
    };
  }

  private readColours(): Colours {
    const host = this.zoomview;
    return {
      point: cssVar(host, '--earmark-tag-color', cssVar(host, '--lumo-primary-color', '#1a73e8')),
      selected: cssVar(host, '--earmark-tag-selected-color', '#d9480f'),
      wave: cssVar(host, '--earmark-wave-color', cssVar(host, '--lumo-contrast-50pct', '#888')),
      played: cssVar(host, '--earmark-wave-played-color', cssVar(host, '--lumo-contrast-70pct', '#555')),
      overview: cssVar(host, '--lumo-contrast-30pct', '#bbb'),
      playhead: cssVar(host, '--lumo-body-text-color', '#222'),
      axis: cssVar(host, '--lumo-secondary-text-color', '#666'),
      grid: cssVar(host, '--lumo-contrast-10pct', '#eee'),
      spanFill: cssVar(host, '--lumo-primary-color-50pct', cssVar(host, '--lumo-primary-color', '#1a73e8')),
      text: cssVar(host, '--lumo-body-text-color', '#222'),
      font: cssVar(host, '--lumo-font-family', 'sans-serif'),
    };
  }

  private explain(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    if (/MEDIA_ERR|format|supported|decode/i.test(message) || (err && typeof err === 'object' && 'code' in err)) {
      return 'The recording could not be opened for the waveform. Playback may still work with the player above.';
    }
    return `The waveform could not be loaded (${message}).`;
  }
}
