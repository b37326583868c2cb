/**
 * Breakouts as seen from the plenary: a running round (with rooms to choose from in a
 * self-select round), or the rooms and insights of the last round once it has closed.
 */
import { h, renderInto } from '../lib/dom.js';
import { breakoutsRunning, isModerator } from '../store.js';
import { commandButton } from './commands.js';
import { insightList } from './insights.js';
import { nameOf } from './names.js';
import { timer } from './breakout.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 * @returns {boolean} whether there is anything to show
 */
export function renderBreakouts(root, { s, t }) {
  const b = s.breakouts;
  const rooms = b.rooms ?? [];
  // Moderators follow a running round in their overview; the results of a closed round are for everyone.
  if (s.you.roomId || (breakoutsRunning(s) && isModerator(s)) || (!breakoutsRunning(s) && !rooms.some(r => (r.insights ?? []).length))) {
    root.replaceChildren();
    return false;
  }
  if (breakoutsRunning(s)) {
    const self = b.strategy === 'selfSelect' && b.status === 'open';
    renderInto(root,
      h('h2', { id: 'breakouts-heading', text: t('breakouts.running') }),
      timer(s, t),
      b.broadcast ? h('p', { class: 'broadcast', role: 'note' }, h('strong', { text: t('breakout.broadcast') }), ' ', b.broadcast.text) : null,
      self ? h('p', { text: t('breakouts.choose') }) : h('p', { class: 'muted', text: t('breakouts.notAssigned') }),
      self
        ? h('ul', { class: 'room-choices' }, rooms.map(room => h('li', {},
            h('span', { class: 'room-choices__name', text: room.name }),
            room.topic ? h('span', { class: 'room-choices__topic', text: room.topic }) : null,
            room.hostId ? h('span', { class: 'room-card__host', text: t('breakout.host', { name: nameOf(s, room.hostId, t) }) }) : null,
            h('span', { class: 'muted', text: (room.participantIds ?? []).length === 1
              ? t('breakouts.memberCount1') : t('breakouts.memberCount', { n: (room.participantIds ?? []).length }) }),
            commandButton(t('breakouts.join'), 'breakout.join', { roomId: room.roomId },
              { label: t('breakouts.joinLabel', { room: room.name }), className: 'button button--small' }))))
        : null);
    return true;
  }
  renderInto(root,
    h('h2', { id: 'breakouts-heading', text: t('breakouts.results') }),
    h('div', { class: 'room-results' }, rooms.map(room => h('article', { class: 'room-card' },
      h('h3', { text: room.name }),
      room.topic ? h('p', { class: 'room-card__topic', text: room.topic }) : null,
      h('p', { class: 'muted', text: (room.participantIds ?? []).map(id => nameOf(s, id, t)).join(', ') }),
      (room.insights ?? []).length
        ? insightList(s, t, room)
        : h('p', { class: 'muted', text: t('breakout.noInsights') })))));
  return true;
}
