/**
 * What the recorder records, by mode:
 * - microphone: face to face, sound only;
 * - camera: face to face, microphone and camera;
 * - meeting: remote; the meeting's tab or window with its sound (getDisplayMedia), mixed with the
 *   assessor's microphone through WebAudio (the meeting's sound does not include the assessor's own voice).
 * Every mode has an AnalyserNode on the recorded sound, for the level meter.
 */

export type RecorderMode = 'microphone' | 'camera' | 'meeting';

export interface Capture {
  /** What MediaRecorder records. */
  stream: MediaStream;
  /** What the preview shows (null: nothing to show). */
  preview: MediaStream | null;
  mimeType: string;
  analyser: AnalyserNode;
  /** Called when a source ends on its own (sharing stopped, device unplugged). */
  onEnded(listener: (why: string) => void): void;
  close(): void;
}

const MICROPHONE: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

export class CaptureError extends Error {}

function pickType(candidates: string[]): string {
  if (typeof MediaRecorder === 'undefined') {
    throw new CaptureError('This browser cannot record (no MediaRecorder). Use a current Chrome, Edge or Firefox.');
  }
  return candidates.find((t) => MediaRecorder.isTypeSupported(t)) || '';
}

/** A sentence for the assessor from a getUserMedia / getDisplayMedia failure. */
export function explainMediaError(e: unknown, mode: RecorderMode): string {
  const name = (e as DOMException)?.name || '';
  const device = mode === 'camera' ? 'the microphone and the camera' : 'the microphone';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return mode === 'meeting'
        ? 'Sharing was not allowed or was cancelled. Start again, choose the meeting\'s tab or window and allow the microphone.'
        : `Earmark was not allowed to use ${device}. Allow it in the browser (the icon in the address bar), then start again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return mode === 'camera'
        ? 'No microphone or no camera was found. Connect them (or choose "Face to face: sound only") and start again.'
        : 'No microphone was found. Connect one and start again.';
    case 'NotReadableError':
    case 'AbortError':
      return `${device.charAt(0).toUpperCase()}${device.substring(1)} could not be opened: another application may be using ${mode === 'camera' ? 'them' : 'it'}. Close it and start again.`;
    default:
      return e instanceof CaptureError ? e.message : `Recording could not start: ${(e as Error)?.message || e}`;
  }
}

export async function openCapture(mode: RecorderMode): Promise<Capture> {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new CaptureError('This page cannot use the microphone: it must be opened over HTTPS (or on localhost) in a current browser.');
  }
  const streams: MediaStream[] = [];
  const context = new AudioContext();
  const endedListeners: Array<(why: string) => void> = [];
  const close = () => {
    streams.forEach((s) => s.getTracks().forEach((t) => t.stop()));
    void context.close().catch(() => undefined);
  };
  try {
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0.3;
    let stream: MediaStream;
    let preview: MediaStream | null = null;
    let mimeType: string;
    const ended = (why: string) => endedListeners.forEach((l) => l(why));

    if (mode === 'meeting') {
      if (!navigator.mediaDevices.getDisplayMedia) {
        throw new CaptureError('This browser cannot record a meeting window. Use a current Chrome or Edge on a computer.');
      }
      const display = await navigator.mediaDevices.getDisplayMedia({
        video: { frameRate: { ideal: 15, max: 30 } },
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        // Chrome's hints: offer tabs with their sound, and the system's sound where it can.
        systemAudio: 'include',
        selfBrowserSurface: 'exclude',
        surfaceSwitching: 'include',
      } as DisplayMediaStreamOptions);
      streams.push(display);
      if (display.getAudioTracks().length === 0) {
        throw new CaptureError('The meeting\'s sound is not shared, so the learner would not be heard. Start again and, when choosing '
          + 'what to share, pick the meeting\'s browser tab with "Also share tab audio" on (or the entire screen with "Also share system audio"). '
          + 'For a meeting in a desktop app on a Mac, use "Face to face: sound only" near the speakers instead.');
      }
      const microphone = await navigator.mediaDevices.getUserMedia({ audio: MICROPHONE });
      streams.push(microphone);
      const destination = context.createMediaStreamDestination();
      const mix = context.createGain();
      context.createMediaStreamSource(display).connect(mix);
      context.createMediaStreamSource(microphone).connect(mix);
      mix.connect(destination);
      mix.connect(analyser);
      stream = new MediaStream([...display.getVideoTracks(), ...destination.stream.getAudioTracks()]);
      preview = new MediaStream(display.getVideoTracks());
      mimeType = pickType(['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4']);
      display.getVideoTracks().forEach((t) => t.addEventListener('ended', () => ended('Sharing of the meeting stopped, so the recording stopped.')));
    } else {
      const media = await navigator.mediaDevices.getUserMedia(mode === 'camera'
        ? { audio: MICROPHONE, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } } }
        : { audio: MICROPHONE });
      streams.push(media);
      context.createMediaStreamSource(media).connect(analyser);
      stream = media;
      if (mode === 'camera') {
        preview = new MediaStream(media.getVideoTracks());
        mimeType = pickType(['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4']);
      } else {
        mimeType = pickType(['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4']);
      }
    }
    stream.getAudioTracks().concat(stream.getVideoTracks()).forEach((t) => {
      t.addEventListener('ended', () => ended(`The ${t.kind === 'audio' ? 'microphone' : 'camera'} stopped (unplugged, or taken by another application), so the recording stopped.`));
    });
    if (context.state === 'suspended') {
      await context.resume().catch(() => undefined);
    }
    return {
      stream,
      preview,
      mimeType,
      analyser,
      onEnded: (listener) => endedListeners.push(listener),
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}
