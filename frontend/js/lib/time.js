/**
 * Time arithmetic and formatting. Pure: every function takes "now" as an argument.
 * Times are epoch milliseconds, durations whole seconds (as on the wire).
 */

/** The last minute of a countdown is shown as a warning. */
export const WARNING_SECONDS = 60;

/**
 * Formats whole seconds as m:ss, or h:mm:ss from an hour on.
 * @param {number} seconds a non-negative number (fractions are dropped)
 * @returns {string}
 */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * @typedef {{phase: 'normal'|'warning'|'over', seconds: number, text: string}} Countdown
 * `seconds` is the time left (rounded up) or, when over, the time past the end (rounded down).
 */

/**
 * The state of a countdown to `endsAt` at `now`: normal, the last minute (warning), or over
 * time, counting up with a leading "+".
 * @param {number} endsAt epoch ms
 * @param {number} now epoch ms, on the server's clock
 * @returns {Countdown}
 */
export function countdown(endsAt, now) {
  const left = endsAt - now;
  if (left > 0) {
    const seconds = Math.ceil(left / 1000);
    return { phase: seconds <= WARNING_SECONDS ? 'warning' : 'normal', seconds, text: formatDuration(seconds) };
  }
  const seconds = Math.floor((now - endsAt) / 1000);
  return { phase: 'over', seconds, text: `+${formatDuration(seconds)}` };
}

/**
 * Time passed since `since`, as m:ss.
 * @param {number} since epoch ms
 * @param {number} now epoch ms
 */
export function elapsed(since, now) {
  return formatDuration(Math.max(0, now - since) / 1000);
}

/**
 * What we know of the server clock's offset from ours: an interval [min, max] (ms to add to the
 * local clock). An answer stamped `serverTime` that left after `sentAt` and arrived at `receivedAt`
 * bounds it on both sides; any past server timestamp seen at `receivedAt` bounds it from below.
 * @typedef {{min: number, max: number}} OffsetBounds
 */

/**
 * @param {number} serverTime @param {number} receivedAt @param {number|null} [sentAt]
 * @returns {OffsetBounds}
 */
export function offsetBounds(serverTime, receivedAt, sentAt = null) {
  const max = typeof sentAt === 'number' && sentAt <= receivedAt ? serverTime - sentAt : Infinity;
  return { min: serverTime - receivedAt, max };
}

/**
 * The intersection of what we knew and what we learn; the newer bounds win when they disagree
 * (a clock was set in between).
 * @param {OffsetBounds|null|undefined} known @param {OffsetBounds} learnt
 * @returns {OffsetBounds}
 */
export function narrowOffset(known, learnt) {
  if (!known) return learnt;
  const min = Math.max(known.min, learnt.min);
  const max = Math.min(known.max, learnt.max);
  return min <= max ? { min, max } : learnt;
}

/** The best single offset within the bounds: the middle, or the lower bound when open above. @param {OffsetBounds} b */
export function offsetWithin(b) {
  return Number.isFinite(b.max) ? (b.min + b.max) / 2 : b.min;
}

const PAST_TIME_KEYS = new Set(['serverTime', 'startedAt', 'endedAt', 'since', 'raisedAt', 'sentAt', 'at', 'openedAt', 'joinedAt']);

/**
 * The latest server timestamp of something that has already happened (a start, a message...)
 * anywhere in `value`, or -Infinity. Deadlines (endsAt, closingAt) are not looked at.
 * @param {any} value
 * @returns {number}
 */
export function latestPastTime(value, depth = 0) {
  let latest = -Infinity;
  if (!value || typeof value !== 'object' || depth > 8) return latest;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'number' && PAST_TIME_KEYS.has(key)) latest = Math.max(latest, v);
    else if (v && typeof v === 'object') latest = Math.max(latest, latestPastTime(v, depth + 1));
  }
  return latest;
}

/**
 * A wall-clock time (hours and minutes) in the page's language.
 * @param {number} at epoch ms
 * @param {string} lang 'nl' or 'en'
 */
export function formatClock(at, lang) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-BE', { hour: '2-digit', minute: '2-digit' })
    .format(new Date(at));
}

/**
 * Whole minutes for a duration in seconds, for agenda planning ("5 min").
 * @param {number} seconds
 */
export function minutesOf(seconds) {
  return Math.round(seconds / 60 * 10) / 10;
}
