/**
 * The room's dialogs: confirm, edit an agenda item, open breakouts (rooms, strategy, minutes,
 * grace, topics, and a room picker per person for a manual round).
 */
import { $, h, show } from './lib/dom.js';
import { minutesOf } from './lib/time.js';
import { currentItem } from './store.js';

/**
 * @typedef {object} DialogContext
 * @property {() => import('./store.js').Snapshot|null} snapshot the meeting now
 * @property {(command: {type: string, [field: string]: any}) => Promise<boolean>} send
 * @property {(key: string, vars?: Record<string, string|number>) => string} t
 */

/** @type {DialogContext} */
let ctx;

/** Wires the dialogs' forms once. @param {DialogContext} context */
export function setupDialogs(context) {
  ctx = context;
  $('#agenda-edit-form').addEventListener('submit', saveAgendaItem);
  $('#open-breakouts').addEventListener('click', openBreakoutDialog);
  $('#bo-rooms').addEventListener('input', fillBreakoutDialog);
  $('#bo-strategy').addEventListener('change', fillBreakoutDialog);
  $('#breakout-form').addEventListener('submit', openBreakouts);
}

/** @param {string} text @returns {Promise<boolean>} */
export function confirmDialog(text) {
  const dialog = /** @type {HTMLDialogElement} */ ($('#confirm-dialog'));
  $('#confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

/** @param {string} itemId */
export function openAgendaDialog(itemId) {
  const s = ctx.snapshot();
  const item = s && s.agenda.items.find(i => i.itemId === itemId);
  if (!item) return;
  const dialog = /** @type {HTMLDialogElement} */ ($('#agenda-dialog'));
  const form = /** @type {HTMLFormElement} */ ($('#agenda-edit-form'));
  form.dataset.itemId = itemId;
  /** @type {HTMLInputElement} */ ($('#agenda-edit-title')).value = item.title;
  /** @type {HTMLInputElement} */ ($('#agenda-edit-minutes')).value = String(minutesOf(item.durationSeconds));
  /** @type {HTMLSelectElement} */ ($('#agenda-edit-kind')).value = item.kind ?? 'plenary';
  $('.form-error', form).textContent = '';
  dialog.showModal();
}

/** @param {SubmitEvent} e */
async function saveAgendaItem(e) {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const title = /** @type {HTMLInputElement} */ ($('#agenda-edit-title')).value.trim();
  const minutes = Number(/** @type {HTMLInputElement} */ ($('#agenda-edit-minutes')).value);
  if (!title || !(minutes > 0)) {
    $('.form-error', form).textContent = ctx.t('agenda.invalid');
    return;
  }
  const ok = await ctx.send({ type: 'agenda.update', itemId: form.dataset.itemId, title,
    durationSeconds: Math.max(1, Math.round(minutes * 60)), kind: /** @type {HTMLSelectElement} */ ($('#agenda-edit-kind')).value });
  if (ok) /** @type {HTMLDialogElement} */ ($('#agenda-dialog')).close();
}

// ---------------------------------------------------------------- breakout dialog

function openBreakoutDialog() {
  const s = ctx.snapshot();
  if (!s) return;
  const item = currentItem(s);
  if (item && item.kind === 'breakout') {
    /** @type {HTMLInputElement} */ ($('#bo-minutes')).value = String(Math.max(1, Math.round(item.durationSeconds / 60)));
  }
  $('.form-error', $('#breakout-form')).textContent = '';
  fillBreakoutDialog();
  /** @type {HTMLDialogElement} */ ($('#breakout-dialog')).showModal();
}

function roomCount() {
  const n = Math.floor(Number(/** @type {HTMLInputElement} */ ($('#bo-rooms')).value));
  return Number.isFinite(n) ? Math.min(50, Math.max(1, n)) : 1;
}

/** Topic fields per room and, for a manual round, a room picker per person (values kept). */
function fillBreakoutDialog() {
  const s = ctx.snapshot();
  if (!s) return;
  const count = roomCount();
  const topics = $('#bo-topics');
  /** @type {string[]} */
  const oldTopics = [...topics.querySelectorAll('input')].map(i => i.value);
  topics.replaceChildren(...Array.from({ length: count }, (_, i) => h('div', { class: 'field' },
    h('label', { for: `bo-topic-${i}`, text: ctx.t('open.topicFor', { room: ctx.t('open.groupN', { n: i + 1 }) }) }),
    h('input', { id: `bo-topic-${i}`, type: 'text', maxlength: 200, value: oldTopics[i] ?? '' }))));

  const manual = /** @type {HTMLSelectElement} */ ($('#bo-strategy')).value === 'manual';
  show($('#bo-assign-box'), manual);
  const assign = $('#bo-assign');
  /** @type {Map<string, string>} */
  const old = new Map([...assign.querySelectorAll('select')].map(sel => [sel.dataset.participantId ?? '', sel.value]));
  const people = s.participants.filter(p => p.role !== 'moderator')
    .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
  assign.replaceChildren(...(people.length ? people.map((p, index) => {
    const previous = old.get(p.participantId);
    const select = h('select', { id: `bo-assign-${index}`, dataset: { participantId: p.participantId } },
      h('option', { value: '', text: ctx.t('open.unassigned') }),
      Array.from({ length: count }, (_, i) => h('option', { value: String(i), text: ctx.t('open.groupN', { n: i + 1 }) })));
    /** @type {HTMLSelectElement} */ (select).value = previous !== undefined && Number(previous) < count ? previous : '';
    const label = p.organisation ? `${p.name} (${p.organisation})` : p.name;
    return h('div', { class: 'field field--inline' }, h('label', { for: `bo-assign-${index}`, text: label }), select);
  }) : [h('p', { class: 'muted', text: ctx.t('open.nobody') })]));
}

/** @param {SubmitEvent} e */
async function openBreakouts(e) {
  e.preventDefault();
  const count = roomCount();
  const minutes = Number(/** @type {HTMLInputElement} */ ($('#bo-minutes')).value);
  const grace = Number(/** @type {HTMLInputElement} */ ($('#bo-grace')).value);
  const error = $('.form-error', $('#breakout-form'));
  if (!(minutes > 0) || !(grace >= 0)) {
    error.textContent = ctx.t('open.invalid');
    return;
  }
  const strategy = /** @type {HTMLSelectElement} */ ($('#bo-strategy')).value;
  const topics = [...$('#bo-topics').querySelectorAll('input')].map(i => i.value.trim());
  /** @type {Record<string, any>} */
  const command = { type: 'breakout.open', roomCount: count, strategy, durationSeconds: Math.round(minutes * 60),
    graceSeconds: Math.round(grace) };
  if (topics.some(topic => topic)) command.topics = topics;
  if (strategy === 'manual') {
    /** @type {Record<string, number>} */
    const assignments = {};
    for (const sel of $('#bo-assign').querySelectorAll('select')) {
      if (sel.value !== '' && sel.dataset.participantId) assignments[sel.dataset.participantId] = Number(sel.value);
    }
    command.assignments = assignments;
  }
  if (await ctx.send(command)) /** @type {HTMLDialogElement} */ ($('#breakout-dialog')).close();
}

