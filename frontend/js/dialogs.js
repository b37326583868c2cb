/**
 * The room's dialogs: confirm, edit an agenda item (with its description and prepared groups),
 * open breakouts (the shared grouping editor, the minutes, and a room picker per person for a
 * manual round).
 */
import { $, h, show } from './lib/dom.js';
import { minutesOf } from './lib/time.js';
import { closedRounds, presentPeople, presetUpdate, roundsBeforeItem, valuesFromPreset } from './grouping.js';
import { groupingEditor, presetEditor } from './groupingEditor.js';
import { currentItem } from './store.js';

/**
 * @typedef {object} DialogContext
 * @property {() => import('./store.js').Snapshot|null} snapshot the meeting now
 * @property {(command: {type: string, [field: string]: any}) => Promise<boolean>} send
 * @property {(key: string, vars?: Record<string, string|number>) => string} t
 */

/** @type {DialogContext} */
let ctx;
/** @type {ReturnType<typeof groupingEditor>} */
let grouping;
/** @type {ReturnType<typeof presetEditor>} */
let itemPreset;
/** The item the agenda dialog edits. @type {any} */
let editedItem = null;

/** Wires the dialogs' forms once. @param {DialogContext} context */
export function setupDialogs(context) {
  ctx = context;
  const t = (/** @type {string} */ key, /** @type {any} */ vars) => ctx.t(key, vars);
  grouping = groupingEditor({
    prefix: 'bo', mode: 'open', t,
    rounds: () => { const s = ctx.snapshot(); return s ? closedRounds(s) : 0; },
    people: () => { const s = ctx.snapshot(); return s ? presentPeople(s.participants) : []; },
    meeting: () => {
      const s = ctx.snapshot();
      return s ? { present: presentPeople(s.participants).length, lastRoundRooms: (s.breakouts.rooms ?? []).length }
        : { present: 0, lastRoundRooms: 0 };
    },
    onRooms: fillAssignments,
  });
  $('#bo-grouping').append(grouping.element);
  itemPreset = presetEditor({ prefix: 'ae', t,
    rounds: () => { const s = ctx.snapshot(); return s && editedItem ? roundsBeforeItem(s, editedItem.itemId) : 0; } });
  $('#agenda-edit-preset').append(itemPreset.element);
  $('#agenda-edit-kind').addEventListener('change', e => itemPreset.setKind(/** @type {HTMLSelectElement} */ (e.target).value));
  $('#agenda-edit-form').addEventListener('submit', saveAgendaItem);
  $('#open-breakouts').addEventListener('click', openBreakoutDialog);
  // Only shown or hidden here: rebuilding the pickers as focus moves would drop the one being picked.
  $('#bo-grouping').addEventListener('change', () => show($('#bo-assign-box'), grouping.read().strategy === 'manual'));
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
  editedItem = item;
  const dialog = /** @type {HTMLDialogElement} */ ($('#agenda-dialog'));
  const form = /** @type {HTMLFormElement} */ ($('#agenda-edit-form'));
  form.dataset.itemId = itemId;
  /** @type {HTMLInputElement} */ ($('#agenda-edit-title')).value = item.title;
  /** @type {HTMLInputElement} */ ($('#agenda-edit-minutes')).value = String(minutesOf(item.durationSeconds));
  /** @type {HTMLSelectElement} */ ($('#agenda-edit-kind')).value = item.kind ?? 'plenary';
  /** @type {HTMLTextAreaElement} */ ($('#agenda-edit-description')).value = item.description ?? '';
  itemPreset.fill(item.breakout ?? null);
  itemPreset.setKind(item.kind ?? 'plenary');
  $('.form-error', form).textContent = '';
  dialog.showModal();
}

/** @param {SubmitEvent} e */
async function saveAgendaItem(e) {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const error = $('.form-error', form);
  const title = /** @type {HTMLInputElement} */ ($('#agenda-edit-title')).value.trim();
  const minutes = Number(/** @type {HTMLInputElement} */ ($('#agenda-edit-minutes')).value);
  if (!title || !(minutes > 0)) {
    error.textContent = ctx.t('agenda.invalid');
    return;
  }
  const prepared = itemPreset.read();
  if ('error' in prepared) {
    error.textContent = ctx.t(prepared.error);
    return;
  }
  const kind = /** @type {HTMLSelectElement} */ ($('#agenda-edit-kind')).value;
  const hadPreset = Boolean(editedItem && editedItem.breakout);
  const ok = await ctx.send({ type: 'agenda.update', itemId: form.dataset.itemId, title,
    durationSeconds: Math.max(1, Math.round(minutes * 60)), kind,
    description: /** @type {HTMLTextAreaElement} */ ($('#agenda-edit-description')).value.trim(),
    // Another kind drops a preset on the server: sending the way to drop it would be refused.
    ...(kind === 'breakout' ? presetUpdate(prepared.preset, hadPreset) : {}) });
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
  // Opening again what the running item prepared (its round was closed early, say) starts from its preset.
  if (item && item.kind === 'breakout' && item.breakout) grouping.fill(valuesFromPreset(item.breakout));
  grouping.refresh();
  fillAssignments();
  /** @type {HTMLDialogElement} */ ($('#breakout-dialog')).showModal();
}

/** The number of groups the pickers of a manual round offer. */
let assignRooms = 1;

/** For a manual round, a room picker per person (values kept). @param {number} [roomCount] */
function fillAssignments(roomCount) {
  const s = ctx.snapshot();
  if (!s) return;
  if (typeof roomCount === 'number') assignRooms = roomCount;
  const manual = grouping.read().strategy === 'manual';
  show($('#bo-assign-box'), manual);
  const assign = $('#bo-assign');
  /** @type {Map<string, string>} */
  const old = new Map([...assign.querySelectorAll('select')].map(sel => [sel.dataset.participantId ?? '', sel.value]));
  const count = assignRooms;
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
  const minutes = Number(/** @type {HTMLInputElement} */ ($('#bo-minutes')).value);
  const error = $('.form-error', $('#breakout-form'));
  if (!(minutes > 0)) {
    error.textContent = ctx.t('open.invalid');
    return;
  }
  /** @type {Record<string, number>} */
  const assignments = {};
  for (const sel of $('#bo-assign').querySelectorAll('select')) {
    if (sel.value !== '' && sel.dataset.participantId) assignments[sel.dataset.participantId] = Number(sel.value);
  }
  const result = grouping.fields();
  if ('error' in result) {
    error.textContent = ctx.t(result.error);
    return;
  }
  const fields = result.fields.strategy === 'manual' ? { ...result.fields, assignments } : result.fields;
  const command = { type: 'breakout.open', ...fields, durationSeconds: Math.round(minutes * 60) };
  if (await ctx.send(command)) /** @type {HTMLDialogElement} */ ($('#breakout-dialog')).close();
}
