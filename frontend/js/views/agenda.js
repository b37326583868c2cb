/** The agenda list; moderators also start, edit, move and remove items here. */
import { h, renderInto } from '../lib/dom.js';
import { minutesOf } from '../lib/time.js';
import { commandButton } from './commands.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderAgenda(root, { s, t, lang, moderator }) {
  const items = s.agenda.items;
  renderInto(root,
    items.length === 0
      ? h('p', { class: 'muted', text: t('agenda.empty') })
      : h('ol', { class: 'agenda' }, items.map((item, index) => agendaItem(item, index, items.length, t, lang, moderator))));
}

/**
 * @param {any} item @param {number} index @param {number} count
 * @param {import('./context.js').ViewContext['t']} t @param {string} lang @param {boolean} moderator
 */
function agendaItem(item, index, count, t, lang, moderator) {
  const minutes = minutesOf(item.durationSeconds).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-BE');
  const meta = [t('agenda.minutes', { n: minutes })];
  if (item.kind && item.kind !== 'plenary') meta.push(t(`kind.${item.kind}`));
  meta.push(t(`agenda.status.${item.status}`));
  if (item.overtime && item.status === 'running') meta.push(t('agenda.overtime'));
  if (item.breakout) meta.push(t('agenda.prepared', { n: item.breakout.roomCount ?? '' }));
  return h('li', { class: `agenda__item agenda__item--${item.status}`, 'aria-current': item.status === 'running' ? 'step' : null },
    h('span', { class: 'agenda__title', text: item.title }),
    h('span', { class: 'agenda__meta', text: meta.join(' · ') }),
    item.description ? h('p', { class: 'agenda__description', text: item.description }) : null,
    moderator
      ? h('div', { class: 'toolbar toolbar--small', role: 'group', 'aria-label': t('agenda.itemControls', { title: item.title }) },
          item.status === 'pending'
            ? commandButton(t('agenda.start'), 'agenda.start', { itemId: item.itemId },
                { label: t('agenda.startLabel', { title: item.title }), className: 'button button--small' })
            : null,
          item.status !== 'done'
            ? h('button', {
                type: 'button', class: 'button button--small', 'aria-label': t('agenda.editLabel', { title: item.title }),
                dataset: { action: 'edit-item', itemId: item.itemId, key: `edit:${item.itemId}` },
              }, t('agenda.edit'))
            : null,
          item.status === 'pending' && index > 0
            ? commandButton(t('agenda.up'), 'agenda.move', { itemId: item.itemId, toIndex: index - 1 },
                { label: t('agenda.upLabel', { title: item.title }), className: 'button button--small', key: `up:${item.itemId}` })
            : null,
          item.status === 'pending' && index < count - 1
            ? commandButton(t('agenda.down'), 'agenda.move', { itemId: item.itemId, toIndex: index + 1 },
                { label: t('agenda.downLabel', { title: item.title }), className: 'button button--small', key: `down:${item.itemId}` })
            : null,
          item.status === 'pending'
            ? commandButton(t('agenda.remove'), 'agenda.remove', { itemId: item.itemId },
                { label: t('agenda.removeLabel', { title: item.title }), className: 'button button--small button--quiet' })
            : null)
      : null);
}
