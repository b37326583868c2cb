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
 * The offset to add to the local clock to get the server's: taken at the middle of the round
 * trip when the send time is known.
 * @param {number} serverTime the server's clock in the answer
 * @param {number} receivedAt local clock when the answer arrived
 * @param {number|null} [sentAt] local clock when the request left
 */
export function clockOffset(serverTime, receivedAt, sentAt = null) {
  const local = typeof sentAt === 'number' && sentAt <= receivedAt ? (sentAt + receivedAt) / 2 : receivedAt;
  return serverTime - local;
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
