/**
 * How a round's groups are made, as the moderator chooses it in the open-groups dialog or prepares
 * it with a breakout agenda item (protocol.md section 7): the form's values become exactly the
 * contract's fields, and a stored preset becomes the form's values and a one-line summary again.
 * Pure: no DOM, so the node tests check every field that goes out.
 */

/** Strategies a prepared round may use; `manual` needs people who are not known before the meeting. */
export const PRESET_STRATEGIES = Object.freeze(['random', 'mixOrganisations', 'selfSelect', 'sameAs', 'merge', 'rotate']);
/** Strategies of the open-groups dialog. */
export const OPEN_STRATEGIES = Object.freeze(['random', 'mixOrganisations', 'manual', 'selfSelect', 'sameAs', 'merge', 'rotate']);
/** Strategies that build on the rooms of an earlier round (`fromRound`). */
export const FROM_ROUND_STRATEGIES = Object.freeze(['sameAs', 'merge', 'rotate']);
/** Strategies that can keep people in the room and online apart (the others place people as given or as before). */
export const SEPARATE_STRATEGIES = Object.freeze(['random', 'mixOrganisations']);
/** Strategies whose rooms come from the earlier round, whatever count or size is given. */
const ROOMS_FROM_EARLIER_ROUND = Object.freeze(['sameAs', 'rotate']);

export const MAX_ROOMS = 50;
export const MIN_GROUP_SIZE = 2;
export const MAX_GRACE_SECONDS = 600;
export const DEFAULT_GRACE_SECONDS = 60;

/**
 * What the form holds.
 * @typedef {object} GroupingValues
 * @property {'roomCount'|'groupSize'} by whether the number is a count of rooms or people per room
 * @property {number} roomCount
 * @property {number} groupSize
 * @property {string} strategy
 * @property {number|null} fromRound 0-based; null: the last closed round
 * @property {string[]} topics one per room, in room order
 * @property {number} graceSeconds
 * @property {boolean} separate keep people in the room and online apart
 * @property {string[]} [hosts] per room index a participantId, or '' for none
 * @property {Record<string, number>} [assignments] a manual round: participantId to room index
 */

/** @returns {GroupingValues} */
export function defaultValues() {
  return { by: 'roomCount', roomCount: 2, groupSize: 2, strategy: 'random', fromRound: null, topics: [],
    graceSeconds: DEFAULT_GRACE_SECONDS, separate: false, hosts: [] };
}

/**
 * The fields of `breakout.open` (without `type` and `durationSeconds`) the values ask for, or the
 * i18n key of what is wrong. A preset is exactly these fields.
 * @param {GroupingValues} values
 * @param {'preset'|'open'} mode a preset cannot be manual
 * @returns {{fields: Record<string, any>} | {error: string}}
 */
export function groupingFields(values, mode) {
  if (!offeredStrategies(values, mode).includes(values.strategy)) return { error: 'grouping.error.strategy' };
  /** @type {Record<string, any>} */
  const fields = {};
  if (values.by === 'groupSize') {
    if (!isWhole(values.groupSize, MIN_GROUP_SIZE, MAX_ROOMS)) return { error: 'grouping.error.groupSize' };
    fields.groupSize = values.groupSize;
  } else {
    if (!isWhole(values.roomCount, 1, MAX_ROOMS)) return { error: 'grouping.error.roomCount' };
    fields.roomCount = values.roomCount;
  }
  fields.strategy = values.strategy;
  if (FROM_ROUND_STRATEGIES.includes(values.strategy) && values.fromRound !== null) {
    if (!isWhole(values.fromRound, 0, Number.MAX_SAFE_INTEGER)) return { error: 'grouping.error.fromRound' };
    fields.fromRound = values.fromRound;
  }
  if (!isWhole(values.graceSeconds, 0, MAX_GRACE_SECONDS)) return { error: 'grouping.error.grace' };
  fields.graceSeconds = values.graceSeconds;
  const topics = withoutTrailingBlanks(values.topics.map(topic => topic.trim()));
  if (topics.length > MAX_ROOMS) return { error: 'grouping.error.topics' };
  if (topics.length) fields.topics = topics;
  // Rooms the moderator took away take their hosts and assignments with them (the server refuses them otherwise).
  const rooms = roomsNamedByIndex(values);
  const hosts = hostFields((values.hosts ?? []).slice(0, rooms));
  if (hosts === null) return { error: 'grouping.error.hostTwice' };
  if (Object.keys(hosts).length) fields.hosts = hosts;
  if (values.separate && SEPARATE_STRATEGIES.includes(values.strategy)) fields.attendance = 'separate';
  if (values.strategy === 'manual') {
    fields.assignments = Object.fromEntries(Object.entries(values.assignments ?? {}).filter(([, room]) => room < rooms));
  }
  return { fields };
}

/**
 * The strategies the form may send. A preset made in the form is never manual (who takes part is not known
 * yet), but a stored manual preset (set through the API) stays manual, with its assignments, when its item is
 * edited: the form carries what it does not show (valuesFromPreset).
 * @param {{strategy: string, assignments?: Record<string, number>}} values
 * @param {'preset'|'open'} mode
 * @returns {readonly string[]}
 */
export function offeredStrategies(values, mode) {
  if (mode === 'open') return OPEN_STRATEGIES;
  return values.strategy === 'manual' && values.assignments ? OPEN_STRATEGIES : PRESET_STRATEGIES;
}

/**
 * How many rooms `hosts` and `assignments` may name by index, as the server checks them (BreakoutRequest):
 * the room count, unless the rooms come from a group size or an earlier round.
 * @param {GroupingValues} values
 */
function roomsNamedByIndex(values) {
  return values.by === 'roomCount' && !FROM_ROUND_STRATEGIES.includes(values.strategy) ? values.roomCount : MAX_ROOMS;
}

/**
 * The form's values for a stored preset (null: the defaults). Hosts and a manual round's assignments are
 * kept too, though the preset form does not show them: `agenda.update` replaces the whole preset (protocol.md
 * section 7), so whatever the form leaves out of an edit would be dropped.
 * @param {any} preset
 * @returns {GroupingValues}
 */
export function valuesFromPreset(preset) {
  const values = defaultValues();
  if (!preset || typeof preset !== 'object') return values;
  if (typeof preset.groupSize === 'number') {
    values.by = 'groupSize';
    values.groupSize = preset.groupSize;
  } else if (typeof preset.roomCount === 'number') {
    values.roomCount = preset.roomCount;
  }
  if (typeof preset.strategy === 'string') values.strategy = preset.strategy;
  if (typeof preset.fromRound === 'number') values.fromRound = preset.fromRound;
  if (Array.isArray(preset.topics)) values.topics = preset.topics.map(String);
  if (typeof preset.graceSeconds === 'number') values.graceSeconds = preset.graceSeconds;
  values.separate = preset.attendance === 'separate';
  if (preset.hosts && typeof preset.hosts === 'object') values.hosts = hostList(preset.hosts);
  if (values.strategy === 'manual') {
    values.assignments = Object.fromEntries(Object.entries(preset.assignments && typeof preset.assignments === 'object'
      ? preset.assignments : {}).filter(([, room]) => Number.isInteger(room) && room >= 0));
  }
  return values;
}

/**
 * Hosts keyed by room index, as the form's list: one entry per room up to the last with a host, '' for none.
 * @param {Record<string, unknown>} hosts
 * @returns {string[]}
 */
function hostList(hosts) {
  /** @type {string[]} */
  const list = [];
  for (const [key, participantId] of Object.entries(hosts)) {
    const index = Number(key);
    if (!/^(0|[1-9][0-9]?)$/.test(key) || index >= MAX_ROOMS || typeof participantId !== 'string' || !participantId) continue;
    while (list.length < index) list.push('');
    list[index] = participantId;
  }
  return list;
}

/**
 * How many rooms the round will probably have: the dialog offers a host and a room per person for each.
 * @param {GroupingValues} values
 * @param {{present: number, lastRoundRooms: number}} meeting present non-moderators; rooms of the last round
 */
export function estimatedRoomCount(values, { present, lastRoundRooms }) {
  if (ROOMS_FROM_EARLIER_ROUND.includes(values.strategy) && lastRoundRooms > 0) return Math.min(MAX_ROOMS, lastRoundRooms);
  if (values.by === 'groupSize') {
    const size = isWhole(values.groupSize, MIN_GROUP_SIZE, MAX_ROOMS) ? values.groupSize : MIN_GROUP_SIZE;
    return Math.min(MAX_ROOMS, Math.max(1, Math.floor(present / size)));
  }
  return isWhole(values.roomCount, 1, MAX_ROOMS) ? values.roomCount : 1;
}

/**
 * The round a strategy builds on, in words: "round 2" or "the last round".
 * @param {number|null|undefined} fromRound
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 */
export function roundName(fromRound, t) {
  return typeof fromRound === 'number' ? t('grouping.roundName', { n: fromRound + 1 }) : t('grouping.lastRoundName');
}

/**
 * One line explaining a strategy, naming the round it builds on.
 * @param {string} strategy @param {number|null} fromRound
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 */
export function strategyHelp(strategy, fromRound, t) {
  return t(`strategy.help.${strategy}`, { round: roundName(fromRound, t) });
}

/**
 * A preset in one line, for the agenda list: "prepared: groups of 2, random".
 * @param {any} preset
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 */
export function presetSummary(preset, t) {
  const values = valuesFromPreset(preset);
  const parts = [values.by === 'groupSize'
    ? t('grouping.summary.size', { n: values.groupSize })
    : values.roomCount === 1 ? t('grouping.summary.oneRoom') : t('grouping.summary.rooms', { n: values.roomCount })];
  parts.push(FROM_ROUND_STRATEGIES.includes(values.strategy)
    ? t('grouping.summary.from', { strategy: t(`strategy.${values.strategy}`), round: roundName(values.fromRound, t) })
    : t(`strategy.${values.strategy}`));
  if (values.separate) parts.push(t('grouping.summary.separate'));
  return t('grouping.summary', { how: parts.join(', ') });
}

/**
 * The `breakout` field of an `agenda.update`: the preset, or the way to drop the one the item has
 * (docs/protocol.md section 7: `"breakout": {}` means "no preset"); nothing when there is nothing to change.
 * @param {Record<string, any>|null} preset the fields to prepare, or null for none
 * @param {boolean} hadPreset
 * @returns {Record<string, any>}
 */
export function presetUpdate(preset, hadPreset) {
  if (preset) return { breakout: preset };
  return hadPreset ? { breakout: {} } : {};
}

/** @param {unknown} n @param {number} min @param {number} max @returns {n is number} */
function isWhole(n, min, max) {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/** @param {string[]} list */
function withoutTrailingBlanks(list) {
  let end = list.length;
  while (end > 0 && !list[end - 1]) end--;
  return list.slice(0, end);
}

/**
 * Hosts keyed by room index ("0", "1"…); null when one person hosts two rooms.
 * @param {string[]} hosts
 * @returns {Record<string, string>|null}
 */
function hostFields(hosts) {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const [index, participantId] of hosts.entries()) {
    if (!participantId) continue;
    if (Object.values(fields).includes(participantId)) return null;
    fields[String(index)] = participantId;
  }
  return fields;
}

/**
 * How many rounds a new round can build on: the closed ones, counted from the snapshot's
 * `breakouts.roundIndex` (a server without it: the round it shows, if any).
 * @param {{breakouts: {status: string, roundId?: string|null, roundIndex?: number}}} s
 */
export function closedRounds(s) {
  const b = s.breakouts;
  const index = typeof b.roundIndex === 'number' ? b.roundIndex : b.roundId ? 0 : -1;
  if (index < 0) return 0;
  return b.status === 'closed' ? index + 1 : index;
}

/**
 * The rounds of the meeting up to a pending breakout item: those held so far, and one for each
 * prepared round before it on the agenda. A round running now counts as held.
 * @param {{breakouts: {status: string, roundId?: string|null, roundIndex?: number}, agenda: {items: any[]}}} s
 * @param {string} itemId
 */
export function roundsBeforeItem(s, itemId) {
  const running = s.breakouts.status === 'open' || s.breakouts.status === 'closing' ? 1 : 0;
  const index = s.agenda.items.findIndex(i => i.itemId === itemId);
  const before = index < 0 ? [] : s.agenda.items.slice(0, index);
  return closedRounds(s) + running + before.filter(i => i.status === 'pending' && i.kind === 'breakout').length;
}

/**
 * Who a strategy places (protocol.md section 7, "present"): non-moderators online or in the room.
 * @template {{role: string, online: boolean, attendance?: string}} P
 * @param {P[]} participants
 * @returns {P[]}
 */
export function presentPeople(participants) {
  return participants.filter(p => p.role !== 'moderator' && (p.online || p.attendance === 'inRoom'));
}
