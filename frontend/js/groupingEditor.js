/**
 * The form that says how a round's groups are made: by a number of groups or a group size, the
 * strategy (each with a one-line explanation), the round it builds on, topics, the wrap-up, and
 * keeping the physical room and online apart; in the open-groups dialog also a host per group.
 * One editor for the dialog and for preparing a breakout agenda item (create page and agenda
 * dialog), so both ask the same and send the same fields (grouping.js).
 */
import { h, show } from './lib/dom.js';
import { FROM_ROUND_STRATEGIES, SEPARATE_STRATEGIES, defaultValues, estimatedRoomCount, groupingFields, offeredStrategies,
  strategyHelp, valuesFromPreset } from './grouping.js';

/** @typedef {(key: string, vars?: Record<string, string|number>) => string} Translate */

/**
 * @typedef {object} EditorOptions
 * @property {string} prefix makes the ids of this editor's fields unique on the page
 * @property {'preset'|'open'} mode
 * @property {Translate} t
 * @property {() => number} rounds how many earlier rounds can be chosen by number
 * @property {() => Array<{participantId: string, name: string}>} [people] who can host a group (open mode)
 * @property {() => {present: number, lastRoundRooms: number}} [meeting] for the number of groups (open mode)
 * @property {(roomCount: number) => void} [onRooms] told when the expected number of groups changes
 */

/**
 * An element with a translated text: the page's applyStatic (and relabel) translate it again when the language changes.
 * @param {string} tag @param {string} key @param {Record<string, any>} [attrs]
 */
function keyed(tag, key, attrs = {}) {
  return h(tag, { ...attrs, dataset: { ...(attrs.dataset ?? {}), i18n: key } });
}

/** @param {EditorOptions} options */
export function groupingEditor(options) {
  const { prefix, mode, t } = options;
  const id = (/** @type {string} */ name) => `${prefix}-${name}`;
  /** What the form was filled with but does not show: a preset's hosts and a manual preset's assignments. */
  let kept = { hosts: /** @type {string[]} */ ([]), assignments: /** @type {Record<string, number>|undefined} */ (undefined) };

  const byCount = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', id: id('by-count'), name: id('by'), value: 'roomCount', checked: true }));
  const bySize = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', id: id('by-size'), name: id('by'), value: 'groupSize' }));
  const rooms = /** @type {HTMLInputElement} */ (h('input', { id: id('rooms'), type: 'number', min: 1, max: 50, value: 2 }));
  const size = /** @type {HTMLInputElement} */ (h('input', { id: id('size'), type: 'number', min: 2, max: 50, value: 2 }));
  const grace = /** @type {HTMLInputElement} */ (h('input', { id: id('grace'), type: 'number', min: 0, max: 600, value: 60 }));
  const strategy = /** @type {HTMLSelectElement} */ (h('select', { id: id('strategy'), 'aria-describedby': id('strategy-help') }));
  /** The strategies offered (a stored manual preset adds manual). @param {readonly string[]} offered */
  function offerStrategies(offered) {
    strategy.replaceChildren(...offered.map(s => keyed('option', `strategy.${s}`, { value: s })));
  }
  const help = h('p', { id: id('strategy-help'), class: 'field__help' });
  const from = /** @type {HTMLSelectElement} */ (h('select', { id: id('from') }));
  const separate = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: id('separate') }));
  // A prepared round does not know its number of groups: its topics are lines; the dialog asks per group.
  const topics = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: id('topics'), rows: 3, 'aria-describedby': id('topics-help') }));
  const topicList = h('div', { class: 'field-list' });
  const hostList = h('div', { class: 'field-list' });

  const countField = h('div', { class: 'field' }, keyed('label', 'open.rooms', { for: id('rooms') }), rooms);
  const sizeField = h('div', { class: 'field' }, keyed('label', 'grouping.size', { for: id('size') }), size);
  const fromField = h('div', { class: 'field' }, keyed('label', 'grouping.fromRound', { for: id('from') }), from);
  const separateField = h('div', { class: 'field field--check' }, separate, ' ',
    keyed('label', 'grouping.separate', { for: id('separate') }));
  const hostBox = mode === 'open'
    ? h('fieldset', { class: 'fieldset' }, keyed('legend', 'grouping.hosts'),
        keyed('p', 'grouping.hostsHelp', { class: 'field__help' }), hostList)
    : null;
  const element = h('div', { class: 'grouping' },
    h('fieldset', { class: 'field field--choice' }, keyed('legend', 'grouping.by'),
      h('label', {}, byCount, ' ', keyed('span', 'grouping.byCount')),
      h('label', {}, bySize, ' ', keyed('span', 'grouping.bySize'))),
    h('div', { class: 'field-row' }, countField, sizeField,
      h('div', { class: 'field' }, keyed('label', 'open.grace', { for: id('grace') }), grace)),
    h('div', { class: 'field' }, keyed('label', 'open.strategy', { for: id('strategy') }), strategy, help),
    fromField,
    separateField,
    mode === 'open'
      ? h('fieldset', { class: 'fieldset' }, keyed('legend', 'grouping.topics'), topicList)
      : h('div', { class: 'field' }, keyed('label', 'grouping.topics', { for: id('topics') }), topics,
          keyed('p', 'grouping.topicsHelp', { id: id('topics-help'), class: 'field__help' })),
    hostBox);

  let roomCount = 0;
  /** The dialog's topics to show again when its per-group fields are made anew. @type {string[]} */
  let keptTopics = [];

  /** @returns {import('./grouping.js').GroupingValues} */
  function read() {
    return {
      by: bySize.checked ? 'groupSize' : 'roomCount',
      roomCount: wholeOrNaN(rooms.value),
      groupSize: wholeOrNaN(size.value),
      strategy: strategy.value,
      fromRound: from.value === '' ? null : Number(from.value),
      topics: mode === 'open'
        ? [...topicList.querySelectorAll('input')].map(input => /** @type {HTMLInputElement} */ (input).value)
        : topics.value.split('\n'),
      graceSeconds: wholeOrNaN(grace.value),
      separate: separate.checked,
      // The dialog asks for a host per group; a preset keeps the hosts it was filled with.
      hosts: hostBox ? [...hostList.querySelectorAll('select')].map(select => /** @type {HTMLSelectElement} */ (select).value)
        : kept.hosts,
      ...(kept.assignments ? { assignments: kept.assignments } : {}),
    };
  }

  /** @param {import('./grouping.js').GroupingValues} values */
  function fill(values) {
    bySize.checked = values.by === 'groupSize';
    byCount.checked = !bySize.checked;
    rooms.value = String(values.roomCount);
    size.value = String(values.groupSize);
    kept = { hosts: values.hosts ?? [], assignments: mode === 'preset' ? values.assignments : undefined };
    const offered = offeredStrategies(values, mode);
    offerStrategies(offered);
    strategy.value = offered.includes(values.strategy) ? values.strategy : 'random';
    fillRounds(values.fromRound);
    topics.value = values.topics.join('\n');
    keptTopics = values.topics;
    grace.value = String(values.graceSeconds);
    separate.checked = values.separate;
    hostList.replaceChildren();
    topicList.replaceChildren();
    roomCount = 0;
    update();
  }

  /** The choice of earlier rounds: "the last round", then round 1, 2… (a chosen one stays). @param {number|null} chosen */
  function fillRounds(chosen) {
    const count = Math.max(options.rounds(), typeof chosen === 'number' ? chosen + 1 : 0);
    from.replaceChildren(keyed('option', 'grouping.lastRound', { value: '' }),
      Array.from({ length: count }, (_, i) => h('option', { value: String(i), dataset: { round: i + 1 } })));
    from.value = chosen === null ? '' : String(chosen);
    relabel();
  }

  function update() {
    const values = read();
    show(countField, values.by === 'roomCount');
    show(sizeField, values.by === 'groupSize');
    show(fromField, FROM_ROUND_STRATEGIES.includes(values.strategy));
    show(separateField, SEPARATE_STRATEGIES.includes(values.strategy));
    help.textContent = strategyHelp(values.strategy, values.fromRound, t);
    if (mode !== 'open' || !options.meeting) return;
    show(/** @type {HTMLElement} */ (hostBox), values.strategy !== 'manual');
    const expected = estimatedRoomCount(values, options.meeting());
    if (expected !== roomCount) {
      roomCount = expected;
      fillPerGroup(values);
      options.onRooms?.(expected);
    }
  }

  /**
   * A topic field and a host picker per expected group; what was typed and picked stays. Made anew only when
   * the number of groups changes, never as focus moves (that would drop the field being used).
   * @param {import('./grouping.js').GroupingValues} values
   */
  function fillPerGroup(values) {
    const typed = values.topics.length ? values.topics : keptTopics;
    keptTopics = [];
    topicList.replaceChildren(...Array.from({ length: roomCount }, (_, i) => h('div', { class: 'field' },
      h('label', { for: id(`topic-${i}`), dataset: { topicRoom: i + 1 } }),
      h('input', { id: id(`topic-${i}`), type: 'text', maxlength: 200, value: typed[i] ?? '' }))));
    // The hosts the dialog was filled with (a prepared round opened again) are picked once its pickers exist.
    const previous = values.hosts?.some(Boolean) ? values.hosts : kept.hosts;
    kept = { ...kept, hosts: [] };
    const people = options.people ? options.people() : [];
    hostList.replaceChildren(...Array.from({ length: roomCount }, (_, i) => {
      const select = /** @type {HTMLSelectElement} */ (h('select', { id: id(`host-${i}`) },
        keyed('option', 'grouping.noHost', { value: '' }),
        people.map(p => h('option', { value: p.participantId, text: p.name }))));
      select.value = people.some(p => p.participantId === previous[i]) ? previous[i] : '';
      return h('div', { class: 'field field--inline' },
        h('label', { for: id(`host-${i}`), dataset: { room: i + 1 } }), select);
    }));
    relabel();
  }

  /** Translates every text of the editor again (the page's language changed). */
  function relabel() {
    for (const el of element.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
    for (const option of from.querySelectorAll('option[data-round]')) {
      option.textContent = t('grouping.roundN', { n: Number(/** @type {HTMLElement} */ (option).dataset.round) });
    }
    for (const label of topicList.querySelectorAll('label[data-topic-room]')) {
      label.textContent = t('open.topicFor', { room: t('open.groupN', { n: Number(/** @type {HTMLElement} */ (label).dataset.topicRoom) }) });
    }
    for (const label of hostList.querySelectorAll('label[data-room]')) {
      label.textContent = t('grouping.hostFor', { room: t('open.groupN', { n: Number(/** @type {HTMLElement} */ (label).dataset.room) }) });
    }
    help.textContent = strategyHelp(strategy.value, from.value === '' ? null : Number(from.value), t);
  }

  /** Takes in what changed in the meeting (people, rounds) while keeping what the moderator chose. */
  function refresh() {
    const values = read();
    fillRounds(values.fromRound);
    roomCount = 0;
    update();
    if (mode === 'open' && options.meeting) fillPerGroup(values);
  }

  element.addEventListener('input', update);
  element.addEventListener('change', update);
  fill(defaultValues());
  return {
    element,
    read,
    fill,
    refresh,
    relabel,
    /** @returns {{fields: Record<string, any>} | {error: string}} */
    // Hosts hidden from view (a manual round places everyone itself) are not asked for.
    fields: () => groupingFields({ ...read(), ...(hostBox && hostBox.hidden ? { hosts: [] } : {}) }, mode),
  };
}

/**
 * A breakout agenda item's "prepare the groups": a checkbox, and when it is ticked the grouping
 * editor. Shown only for items of kind breakout.
 * @param {{prefix: string, t: Translate, rounds: () => number}} options
 */
export function presetEditor({ prefix, t, rounds }) {
  const editor = groupingEditor({ prefix, mode: 'preset', t, rounds });
  const prepare = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `${prefix}-prepare`,
    'aria-controls': `${prefix}-preset` }));
  const label = keyed('label', 'grouping.prepare', { for: `${prefix}-prepare` });
  const body = h('div', { id: `${prefix}-preset`, class: 'preset__body' }, editor.element);
  const element = h('fieldset', { class: 'fieldset preset' }, keyed('legend', 'grouping.presetHeading'),
    h('div', { class: 'field field--check' }, prepare, ' ', label), body);
  let kind = 'plenary';

  function update() {
    show(element, kind === 'breakout');
    show(body, prepare.checked);
  }
  prepare.addEventListener('change', update);
  update();

  return {
    element,
    /** @param {string} next the item's kind */
    setKind(next) {
      kind = next;
      update();
    },
    /** @param {any} preset the item's stored preset, or null */
    fill(preset) {
      prepare.checked = Boolean(preset);
      editor.fill(valuesFromPreset(preset));
      update();
    },
    relabel() {
      for (const el of element.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
      editor.relabel();
    },
    /**
     * The preset to store: null when none is prepared (or the item is no breakout), else the fields.
     * @returns {{preset: Record<string, any>|null} | {error: string}}
     */
    read() {
      if (kind !== 'breakout' || !prepare.checked) return { preset: null };
      const result = editor.fields();
      return 'error' in result ? result : { preset: result.fields };
    },
  };
}

/** A whole number from a field, NaN for anything else (an empty field is not 0). @param {string} text */
function wholeOrNaN(text) {
  return text.trim() === '' ? NaN : Number(text);
}
