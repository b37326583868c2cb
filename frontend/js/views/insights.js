/**
 * IN1: a room's insights, with edit and remove for whoever may change them: moderators always, the room's
 * members while the round is open or closing. Editing is inline (a labelled textarea with save and cancel);
 * the draft survives re-renders, and focus stays on the textarea (data-key).
 */
import { h } from '../lib/dom.js';
import { breakoutsRunning, isModerator } from '../store.js';
import { commandButton } from './commands.js';
import { nameOf } from './names.js';

/** The insight being edited and its draft text, or null. @type {{insightId: string, draft: string}|null} */
let editing = null;

/** @param {import('../store.js').Snapshot} s @param {{roomId: string}} room */
export function mayChangeInsights(s, room) {
  return isModerator(s) || (breakoutsRunning(s) && s.you.roomId === room.roomId);
}

/**
 * @param {import('../store.js').Snapshot} s
 * @param {import('./context.js').ViewContext['t']} t
 * @param {{roomId: string, insights?: any[]}} room
 * @param {{className?: string, withAuthor?: boolean}} [options]
 */
export function insightList(s, t, room, options = {}) {
  const may = mayChangeInsights(s, room);
  return h('ul', { class: options.className ?? 'insights' }, (room.insights ?? []).map(i => {
    if (may && editing && editing.insightId === i.insightId) return editor(t, i);
    return h('li', {},
      h('span', { class: 'insights__text', text: i.text }),
      options.withAuthor ? h('span', { class: 'insights__by', text: nameOf(s, i.participantId, t) }) : null,
      may
        ? h('span', { class: 'insights__actions' },
            h('button', { type: 'button', class: 'button button--tiny button--quiet',
              'aria-label': t('insight.editLabel', { text: short(i.text) }),
              dataset: { action: 'insight-edit', insightId: i.insightId, text: i.text, key: `insight-edit:${i.insightId}` } },
            t('insight.edit')),
            commandButton(t('insight.remove'), 'insight.remove', { insightId: i.insightId },
              { label: t('insight.removeLabel', { text: short(i.text) }), className: 'button button--tiny button--quiet' }))
        : null);
  }));
}

/** @param {import('./context.js').ViewContext['t']} t @param {any} insight */
function editor(t, insight) {
  const fieldId = `insight-edit-${insight.insightId}`;
  const field = h('textarea', { id: fieldId, rows: 3, maxlength: 1000, class: 'insights__field',
    dataset: { key: `insight-field:${insight.insightId}` },
    on: { input: (/** @type {Event} */ e) => {
      if (editing) editing.draft = /** @type {HTMLTextAreaElement} */ (e.target).value;
    } } });
  /** @type {HTMLTextAreaElement} */ (field).value = editing ? editing.draft : insight.text;
  return h('li', { class: 'insights__editing' },
    h('label', { for: fieldId, text: t('insight.editField') }),
    field,
    h('span', { class: 'toolbar' },
      h('button', { type: 'button', class: 'button button--small button--primary',
        dataset: { action: 'insight-save', insightId: insight.insightId } }, t('insight.save')),
      h('button', { type: 'button', class: 'button button--small',
        dataset: { action: 'insight-cancel' } }, t('insight.cancel'))));
}

/** @param {string} text */
function short(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Starts, saves and cancels inline edits.
 * @param {(command: any) => Promise<boolean>} send
 * @param {() => void} rerender
 */
export function setupInsightEditing(send, rerender) {
  document.addEventListener('click', async e => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button');
    if (!button) return;
    const { action, insightId, text } = button.dataset;
    if (action === 'insight-edit' && insightId) {
      editing = { insightId, draft: text ?? '' };
      rerender();
      window.requestAnimationFrame(() => document.getElementById(`insight-edit-${insightId}`)?.focus());
    } else if (action === 'insight-cancel') {
      editing = null;
      rerender();
    } else if (action === 'insight-save' && insightId && editing) {
      const draft = editing.draft.trim();
      if (!draft) return;
      if (await send({ type: 'insight.edit', insightId, text: draft })) {
        editing = null;
        rerender();
      }
    }
  });
}
