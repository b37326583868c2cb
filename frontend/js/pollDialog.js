/**
 * The moderator's "new poll" dialog (POLL1, POLL2): a question, and either an options editor (add and remove
 * answers) or a closed breakout round whose insights become the options (dot-voting); multiple, max choices,
 * anonymous, and whether the results show live or at the close.
 */
import { $, h, show } from './lib/dom.js';

/**
 * @typedef {object} PollDialogContext
 * @property {() => import('./store.js').Snapshot|null} snapshot
 * @property {(command: {type: string, [field: string]: any}) => Promise<boolean>} send
 * @property {(key: string, vars?: Record<string, string|number>) => string} t
 */

/** @type {PollDialogContext} */
let ctx;
/** Gives each option field its own id, for its label. */
let optionFields = 0;

/** @param {PollDialogContext} context */
export function setupPollDialog(context) {
  ctx = context;
  $('#new-poll').addEventListener('click', openPollDialog);
  $('#poll-add-option').addEventListener('click', () => addOption(''));
  $('#poll-options').addEventListener('click', e => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-remove-option]');
    if (!button) return;
    button.closest('.poll-option-row')?.remove();
    renumber();
  });
  for (const radio of document.querySelectorAll('input[name="poll-source"]')) radio.addEventListener('change', fillSource);
  $('#poll-form').addEventListener('submit', openPoll);
}

function openPollDialog() {
  const form = /** @type {HTMLFormElement} */ ($('#poll-form'));
  form.reset();
  $('#poll-options').replaceChildren();
  addOption('');
  addOption('');
  const s = ctx.snapshot();
  // Only the last round's insights are still kept (L6): offer it when it is closed.
  const rounds = s && s.breakouts.status === 'closed' && s.breakouts.roundId ? [roundIndex(s)] : [];
  /** @type {HTMLSelectElement} */ const select = /** @type {any} */ ($('#poll-round'));
  select.replaceChildren(...rounds.map(i => h('option', { value: i, text: ctx.t('pollDialog.roundN', { n: i + 1 }) })));
  /** @type {HTMLInputElement} */ ($('#poll-source-round')).disabled = rounds.length === 0;
  $('#poll-no-round').textContent = rounds.length ? '' : ctx.t('pollDialog.noRound');
  $('.form-error', form).textContent = '';
  fillSource();
  /** @type {HTMLDialogElement} */ ($('#poll-dialog')).showModal();
}

/**
 * The index of the snapshot's (last) round, counted from 0: `breakouts.roundIndex` (protocol.md section 7); a
 * server without it has had one round at most that the client can name.
 * @param {any} s
 */
function roundIndex(s) {
  return typeof s.breakouts.roundIndex === 'number' ? s.breakouts.roundIndex : 0;
}

function fillSource() {
  const fromRound = /** @type {HTMLInputElement} */ ($('#poll-source-round')).checked;
  show($('#poll-options-box'), !fromRound);
  show($('#poll-round-box'), fromRound);
  if (fromRound) {
    /** @type {HTMLInputElement} */ ($('#poll-multiple')).checked = true;
    /** @type {HTMLInputElement} */ ($('#poll-max')).value = '3';
  }
}

/** @param {string} value */
function addOption(value) {
  const list = $('#poll-options');
  if (list.children.length >= 50) return;
  const id = `poll-option-${++optionFields}`;
  const input = h('input', { type: 'text', id, maxlength: 200, value, class: 'poll-option-input' });
  const remove = h('button', { type: 'button', class: 'button button--small', dataset: { removeOption: 'true' } });
  list.append(h('div', { class: 'poll-option-row' },
    h('div', { class: 'field' }, h('label', { for: id, class: 'poll-option-label' }), input), remove));
  renumber();
  if (!value && list.children.length > 2) input.focus();
}

function renumber() {
  [...$('#poll-options').children].forEach((row, i) => {
    $('.poll-option-label', row).textContent = ctx.t('pollDialog.option', { n: i + 1 });
    const remove = $('button', row);
    remove.textContent = '×';
    remove.setAttribute('aria-label', ctx.t('pollDialog.removeOption', { n: i + 1 }));
  });
}

/** @param {SubmitEvent} e */
async function openPoll(e) {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const question = /** @type {HTMLInputElement} */ ($('#poll-question')).value.trim();
  const fromRound = /** @type {HTMLInputElement} */ ($('#poll-source-round')).checked;
  const options = [...form.querySelectorAll('.poll-option-input')]
    .map(input => /** @type {HTMLInputElement} */ (input).value.trim()).filter(Boolean);
  if (!question || (!fromRound && options.length < 2)) {
    $('.form-error', form).textContent = ctx.t('pollDialog.invalid');
    return;
  }
  const multiple = /** @type {HTMLInputElement} */ ($('#poll-multiple')).checked;
  const maxChoices = Number(/** @type {HTMLInputElement} */ ($('#poll-max')).value) || 1;
  /** @type {{type: string, [field: string]: any}} */
  const command = {
    type: 'poll.open', question, multiple,
    anonymous: /** @type {HTMLInputElement} */ ($('#poll-anonymous')).checked,
    showResults: /** @type {HTMLSelectElement} */ ($('#poll-show')).value,
    ...(fromRound ? { fromRound: Number(/** @type {HTMLSelectElement} */ ($('#poll-round')).value) } : { options }),
  };
  if (multiple) command.maxChoices = fromRound ? maxChoices : Math.min(maxChoices, options.length);
  if (await ctx.send(command)) /** @type {HTMLDialogElement} */ ($('#poll-dialog')).close();
}
