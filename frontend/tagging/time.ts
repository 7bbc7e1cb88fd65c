/** Time formats: the clock of players and recorders, and the time counters of tags ("2m 43s"). */

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2:43", "1:02:43": a player's or a recorder's clock. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * The time counter of a tag, as result sheets and AC maps write it, and the one form Earmark uses for it
 * everywhere (the server's `TimeFormat.counter` writes the same): whole seconds rounded down; under an hour
 * "0m 01s", "1m 55s", "59m 59s"; from an hour "1h 02m 43s".
 */
export function formatCounter(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** "2m 43s" or "2m 43s – 3m 10s" for a span. */
export function formatRange(startMs: number, endMs: number | null): string {
  return endMs == null ? formatCounter(startMs) : `${formatCounter(startMs)} – ${formatCounter(endMs)}`;
}

/** "2.0 s", "0.5 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
