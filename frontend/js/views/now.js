/** The current agenda item with its instructions and large countdown (and the moderator's agenda controls). */
import { h, renderInto } from '../lib/dom.js';
import { breakoutsRunning, currentItem } from '../store.js';
import { commandButton } from './commands.js';
import { countdownEl } from './countdown.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderNow(root, { s, t, moderator }) {
  const item = currentItem(s);
  const pending = s.agenda.items.some(i => i.status === 'pending');
  const nextItem = s.agenda.items.find(i => i.status === 'pending');
  // AP5: a prepared round cannot open while another runs; say so before the moderator presses next.
  const blocked = Boolean(nextItem && nextItem.kind === 'breakout' && nextItem.breakout && breakoutsRunning(s));
  const done = s.agenda.items.length > 0 && s.agenda.items.every(i => i.status === 'done');
  renderInto(root,
    h('h2', { id: 'now-heading', text: t('now.heading') }),
    item
      ? [
          h('p', { class: 'now__title', text: item.title }),
          item.kind && item.kind !== 'plenary' ? h('p', { class: 'now__kind', text: t(`kind.${item.kind}`) }) : null,
          item.description ? h('p', { class: 'now__description', text: item.description }) : null,
          typeof item.endsAt === 'number' ? countdownEl(item.endsAt, { size: 'huge' }) : null,
        ]
      : h('p', { class: 'muted', text: t(done ? 'now.agendaDone' : 'now.nothing') }),
    moderator
      ? h('div', { class: 'toolbar', role: 'group', 'aria-label': t('now.controls') },
          pending
            ? commandButton(t(item ? 'now.next' : s.agenda.items.some(i => i.status === 'done') ? 'now.startNext' : 'now.startFirst'),
                'agenda.next', {}, { className: 'button button--primary', key: 'agenda.next' })
            : null,
          item ? commandButton(t('now.extend1'), 'agenda.extend', { seconds: 60 }) : null,
          item ? commandButton(t('now.extend5'), 'agenda.extend', { seconds: 300 }) : null,
          item ? commandButton(t('now.stop'), 'agenda.stop') : null)
      : null,
    moderator && blocked ? h('p', { class: 'note', role: 'status', text: t('now.closeGroupsFirst', { title: nextItem.title }) }) : null);
}
