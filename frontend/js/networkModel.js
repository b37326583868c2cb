/**
 * The pure parts of the network page (protocol.md section 9): which meeting comes next, the
 * directory search, and the checks on the profile and meeting forms before they are sent.
 * No DOM here, so the node tests can run it.
 */

/** A meeting that has not ended stays "coming" this long after its planned start (it may be running). */
export const STILL_COMING_MS = 12 * 60 * 60 * 1000;

export const MODES = Object.freeze(['online', 'inPerson', 'hybrid']);

/**
 * Splits the network's meetings: the next one (to join), the later ones, and the past ones (newest
 * first, with their recaps). A meeting is past when it ended, or when it was planned to start more
 * than STILL_COMING_MS ago. Coming meetings run by start time; one without a start time comes last.
 * @template {{status: string, startsAt: number|null}} M
 * @param {M[]} meetings @param {number} now epoch ms
 * @returns {{next: M|null, later: M[], past: M[]}}
 */
export function arrangeMeetings(meetings, now) {
  const coming = [];
  const past = [];
  for (const m of meetings) {
    const started = typeof m.startsAt === 'number' && m.startsAt < now - STILL_COMING_MS;
    (m.status === 'ended' || started ? past : coming).push(m);
  }
  const at = (/** @type {M} */ m) => (typeof m.startsAt === 'number' ? m.startsAt : Infinity);
  coming.sort((a, b) => at(a) - at(b));
  past.sort((a, b) => (typeof b.startsAt === 'number' ? b.startsAt : -Infinity)
    - (typeof a.startsAt === 'number' ? a.startsAt : -Infinity));
  return { next: coming[0] ?? null, later: coming.slice(1), past };
}

/** Lower case without accents, so "Gent" finds "gent" and "Sofie" finds "Söfie". @param {string} s */
export function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase();
}

/**
 * The directory as shown: yourself first, then by name; only profiles whose name, organisation,
 * offer or ask contain every word of the query.
 * @template {{memberId: string, name: string, organisation?: string|null, offer?: string|null, ask?: string|null}} P
 * @param {P[]} profiles @param {string} query @param {string|null} [youId]
 * @returns {P[]}
 */
export function searchDirectory(profiles, query, youId = null) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hits = profiles.filter(p => {
    const text = fold([p.name, p.organisation, p.offer, p.ask].filter(v => typeof v === 'string').join('\n'));
    return words.every(w => text.includes(w));
  });
  return hits.sort((a, b) => {
    if (a.memberId === youId) return -1;
    if (b.memberId === youId) return 1;
    return a.name.localeCompare(b.name);
  });
}

/** Characters as the server counts them. @param {string} s */
const length = s => [...s].length;

/** A plausible e-mail address: something@domain.tld, no spaces, at most 254 characters. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The profile fields and their limits (protocol.md section 9). */
export const PROFILE_LIMITS = Object.freeze({ name: 60, organisation: 80, function: 80, email: 254, phone: 40,
  offer: 500, ask: 500 });

/**
 * Checks the "my profile" form and builds the PUT body. Text is trimmed; an empty optional field
 * is left out (the profile then has null there).
 * @param {Record<keyof typeof PROFILE_LIMITS, string> & {shareInDirectory: boolean}} values
 * @returns {{body: Record<string, string|boolean>} | {error: string, field: string}}
 */
export function profileBody(values) {
  /** @type {Record<string, string|boolean>} */
  const body = {};
  for (const [field, limit] of Object.entries(PROFILE_LIMITS)) {
    const raw = /** @type {Record<string, any>} */ (values)[field];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (field === 'name' && !value) return { error: 'profile.error.nameRequired', field };
    if (length(value) > limit) return { error: `profile.error.tooLong.${field}`, field };
    if (field === 'email' && value && !EMAIL.test(value)) return { error: 'profile.error.email', field };
    if (value) body[field] = value;
  }
  body.shareInDirectory = values.shareInDirectory === true;
  return { body };
}

/**
 * The epoch ms of a datetime-local value ("2026-12-14T19:30", the browser's time zone), or null.
 * @param {string} value
 */
export function startsAtFromInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, hh, mm] = m.map(Number);
  const date = new Date(y, mo - 1, d, hh, mm);
  // new Date rolls over (31 February): refuse what is not a real date.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/**
 * Checks the "plan a meeting" form and builds the POST body.
 * @param {{title: string, startsAt: string, mode: string, copyAgendaFrom: string, language: string}} values
 * @returns {{body: Record<string, string|number>} | {error: string, field: string}}
 */
export function planBody(values) {
  const title = values.title.trim();
  if (!title) return { error: 'plan.error.titleRequired', field: 'title' };
  if (length(title) > 200) return { error: 'plan.error.titleTooLong', field: 'title' };
  /** @type {Record<string, string|number>} */
  const body = { title, language: values.language };
  if (values.startsAt) {
    const at = startsAtFromInput(values.startsAt);
    if (at === null) return { error: 'plan.error.startsAt', field: 'startsAt' };
    body.startsAt = at;
  }
  body.mode = MODES.includes(values.mode) ? values.mode : 'online';
  if (values.copyAgendaFrom) body.copyAgendaFrom = values.copyAgendaFrom;
  return { body };
}

/**
 * A meeting's date and time in the page's language ("ma 14 dec. 2026, 19:30").
 * @param {number} at epoch ms @param {string} lang
 */
export function formatWhen(at, lang) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-BE', {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(at));
}
