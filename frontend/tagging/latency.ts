/**
 * Measurement hook: for tags made from the keyboard, the time from the Enter keydown to the moment the
 * confirmed tag is drawn (after the next animation frame) goes into `window.earmarkTagLatencies` (ms).
 */
declare global {
  interface Window {
    earmarkTagLatencies?: number[];
  }
}

/** Call once the confirmed tag has been handed to the drawing code; `enterAt` is the keydown's timeStamp. */
export function recordTagLatency(enterAt: number): void {
  requestAnimationFrame(() => {
    // The frame that draws the tag runs its callbacks (Konva's batch draw among them) before this one.
    const latencies = (window.earmarkTagLatencies = window.earmarkTagLatencies || []);
    latencies.push(Math.round((performance.now() - enterAt) * 10) / 10);
  });
}
