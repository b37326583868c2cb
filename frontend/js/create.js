/**
 * The start page: create a meeting (title, language, agenda), join it as its moderator, and go
 * to the room at the moderator link.
 */
import { ApiError, createMeeting, createNetwork, joinMeeting, saveIdentity } from './api.js';
import { loadLanguageChoice, resolveLanguage, translate } from './i18n.js';
import { languageToggle } from './language.js';
import { presetEditor } from './groupingEditor.js';
import { $, copyInputValue, h, show } from './lib/dom.js';

const storage = window.localStorage;
let lang = resolveLanguage(loadLanguageChoice(storage), null);
/** @param {string} key @param {Record<string, string|number>} [vars] */
const t = (key, vars) => translate(lang, key, vars);
let languagePicked = false;
let networkLanguagePicked = false;
let rowCounter = 0;
/** Each agenda row's "prepare the groups" editor. @type {WeakMap<Element, ReturnType<typeof presetEditor>>} */
const presets = new WeakMap();

const setLanguage = languageToggle({
  storage,
  current: () => lang,
  onChange: next => {
    lang = next;
    if (!languagePicked) /** @type {HTMLSelectElement} */ ($('#create-language')).value = lang;
    if (!networkLanguagePicked) /** @type {HTMLSelectElement} */ ($('#network-language')).value = lang;
    relabelRows();
  },
});
$('#create-language').addEventListener('change', () => { languagePicked = true; });
$('#network-language').addEventListener('change', () => { networkLanguagePicked = true; });

// ---- agenda rows

function addRow() {
  const n = ++rowCounter;
  const kind = /** @type {HTMLSelectElement} */ (h('select', { id: `row-kind-${n}`, class: 'row-kind' },
    h('option', { value: 'plenary' }), h('option', { value: 'breakout' }), h('option', { value: 'break' })));
  const row = h('li', { class: 'agenda-row', dataset: { row: n } },
    h('div', { class: 'field' },
      h('label', { for: `row-title-${n}`, class: 'row-title-label' }),
      h('input', { id: `row-title-${n}`, type: 'text', maxlength: 200, class: 'row-title' })),
    h('div', { class: 'field field--minutes' },
      h('label', { for: `row-minutes-${n}`, class: 'row-minutes-label' }),
      h('input', { id: `row-minutes-${n}`, type: 'number', min: 1, max: 1440, value: 10, class: 'row-minutes' })),
    h('div', { class: 'field field--kind' },
      h('label', { for: `row-kind-${n}`, class: 'row-kind-label' }), kind),
    h('button', { type: 'button', class: 'button button--small button--quiet row-remove',
      on: { click: () => { row.remove(); relabelRows(); $('#add-row').focus(); } } }),
    h('div', { class: 'field agenda-row__wide' },
      h('label', { for: `row-description-${n}`, class: 'row-description-label' }),
      h('textarea', { id: `row-description-${n}`, rows: 2, maxlength: 2000, class: 'row-description' })));
  // The rounds this row's groups can build on: one per breakout item above it.
  const preset = presetEditor({ prefix: `row-${n}`, t,
    rounds: () => rowsAbove(row).filter(r => /** @type {HTMLSelectElement} */ ($('.row-kind', r)).value === 'breakout').length });
  preset.element.classList.add('agenda-row__wide');
  row.append(preset.element);
  presets.set(row, preset);
  kind.addEventListener('change', () => preset.setKind(kind.value));
  $('#agenda-rows').append(row);
  relabelRows();
  return row;
}

/** @param {Element} row */
function rowsAbove(row) {
  const rows = [...document.querySelectorAll('.agenda-row')];
  return rows.slice(0, rows.indexOf(row));
}

/** Row labels carry their number, so a screen reader knows which row a field is in. */
function relabelRows() {
  const rows = [...document.querySelectorAll('.agenda-row')];
  rows.forEach((row, i) => {
    const n = i + 1;
    $('.row-title-label', row).textContent = t('create.rowTitle', { n });
    $('.row-minutes-label', row).textContent = t('create.rowMinutes');
    $('.row-kind-label', row).textContent = t('agenda.kind');
    $('.row-description-label', row).textContent = t('create.rowDescription', { n });
    presets.get(row)?.relabel();
    const kind = /** @type {HTMLSelectElement} */ ($('.row-kind', row));
    for (const option of kind.options) option.textContent = t(`kind.${option.value}`);
    const remove = $('.row-remove', row);
    remove.textContent = t('create.removeRow');
    remove.setAttribute('aria-label', t('create.removeRowLabel', { n }));
  });
}

$('#add-row').addEventListener('click', () => {
  const row = addRow();
  /** @type {HTMLInputElement} */ ($('.row-title', row)).focus();
});

// ---- submit

$('#create-form').addEventListener('submit', async e => {
  e.preventDefault();
  const error = $('#create-error');
  error.textContent = '';
  const title = /** @type {HTMLInputElement} */ ($('#create-title')).value.trim();
  const name = /** @type {HTMLInputElement} */ ($('#create-name')).value.trim();
  const organisation = /** @type {HTMLInputElement} */ ($('#create-organisation')).value.trim();
  const language = /** @type {HTMLSelectElement} */ ($('#create-language')).value;
  if (!title) {
    error.textContent = t('create.titleRequired');
    $('#create-title').focus();
    return;
  }
  if (!name) {
    error.textContent = t('join.nameRequired');
    $('#create-name').focus();
    return;
  }
  const agenda = [];
  for (const row of document.querySelectorAll('.agenda-row')) {
    const itemTitle = /** @type {HTMLInputElement} */ ($('.row-title', row)).value.trim();
    if (!itemTitle) continue;
    const minutes = Number(/** @type {HTMLInputElement} */ ($('.row-minutes', row)).value);
    if (!(minutes > 0)) {
      error.textContent = t('create.minutesInvalid', { title: itemTitle });
      return;
    }
    const prepared = presets.get(row)?.read() ?? { preset: null };
    if ('error' in prepared) {
      error.textContent = t('create.presetInvalid', { title: itemTitle, problem: t(prepared.error) });
      return;
    }
    const description = /** @type {HTMLTextAreaElement} */ ($('.row-description', row)).value.trim();
    agenda.push({ title: itemTitle, durationSeconds: Math.round(minutes * 60),
      kind: /** @type {HTMLSelectElement} */ ($('.row-kind', row)).value,
      ...(description ? { description } : {}), ...(prepared.preset ? { breakout: prepared.preset } : {}) });
  }
  const submit = /** @type {HTMLButtonElement} */ ($('#create-submit'));
  submit.disabled = true;
  try {
    const meeting = await createMeeting({ title, language, agenda });
    const joined = await joinMeeting(meeting.meetingId, { name, organisation, moderatorKey: meeting.moderatorKey });
    saveIdentity(storage, meeting.meetingId, { token: joined.token, participantId: joined.participantId,
      role: joined.role, moderatorKey: meeting.moderatorKey });
    location.assign(meeting.moderatorPath);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : 'generic';
    const key = `join.error.${code}`;
    error.textContent = translate(lang, key) === key ? t('join.error.generic') : t(key);
    submit.disabled = false;
  }
});

// ---- a new network (protocol.md section 9): show the coordinator link to keep, then open it

$('#network-form').addEventListener('submit', async e => {
  e.preventDefault();
  const error = $('#network-error');
  error.textContent = '';
  const name = /** @type {HTMLInputElement} */ ($('#network-name')).value.trim();
  const language = /** @type {HTMLSelectElement} */ ($('#network-language')).value;
  if (!name) {
    error.textContent = t('networkCreate.nameRequired');
    $('#network-name').focus();
    return;
  }
  const submit = /** @type {HTMLButtonElement} */ ($('#network-submit'));
  submit.disabled = true;
  try {
    const network = await createNetwork({ name, language });
    /** @type {HTMLInputElement} */ ($('#network-coordinator-link')).value = new URL(network.coordinatorPath, location.origin).href;
    $('#network-open').setAttribute('href', network.coordinatorPath);
    show($('#network-created'), true);
    show($('#network-form'), false);
    $('#network-created-heading').focus();
  } catch (err) {
    const code = err instanceof ApiError ? err.code : 'generic';
    error.textContent = ['INVALID', 'RATE_LIMITED', 'UNAVAILABLE', 'NETWORK'].includes(code)
      ? t(code === 'INVALID' ? 'networkCreate.invalid' : `join.error.${code}`) : t('join.error.generic');
    submit.disabled = false;
  }
});

$('#network-copy').addEventListener('click', async () => {
  const ok = await copyInputValue(/** @type {HTMLInputElement} */ ($('#network-coordinator-link')));
  $('#network-copy-status').textContent = t(ok ? 'moderation.copied' : 'moderation.copyFailed');
});

addRow();
setLanguage(lang);
