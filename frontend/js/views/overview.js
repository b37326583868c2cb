/**
 * The moderator's overview of a breakout round: every room's host, members, help flag, done mark (RD1), insights
 * and the time left, with visit, extend and close (early, once every room says it is done).
 */
import { h, renderInto } from '../lib/dom.js';
import { breakoutsRunning, participant } from '../store.js';
import { commandButton } from './commands.js';
import { insightList } from './insights.js';
import { nameOf } from './names.js';
import { timer } from './breakout.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderOverview(root, { s, t }) {
  const b = s.breakouts;
  if (!breakoutsRunning(s)) {
    renderInto(root, h('p', { class: 'muted', text: t('overview.none') }));
    return;
  }
  const unassigned = s.participants.filter(p => p.role !== 'moderator' && !p.roomId);
  const rooms = b.rooms ?? [];
  const done = rooms.filter(room => room.done === true).length;
  const allDone = rooms.length > 0 && done === rooms.length && b.status === 'open';
  renderInto(root,
    h('p', { class: 'overview__status', text: t(`overview.status.${b.status}`, { strategy: t(`strategy.${b.strategy}`) }) }),
    h('p', { class: 'overview__done', role: 'status', text: t('overview.doneCount', { done, total: rooms.length }) }),
    allDone ? h('p', { class: 'overview__all-done', text: t('overview.allDone') }) : null,
    timer(s, t),
    b.status === 'open'
      ? h('div', { class: 'toolbar', role: 'group', 'aria-label': t('overview.controls') },
          commandButton(t('overview.extend1'), 'breakout.extend', { seconds: 60 }),
          commandButton(t('overview.extend5'), 'breakout.extend', { seconds: 300 }),
          commandButton(t('overview.close'), 'breakout.close', {}, { className: 'button button--danger' }))
      : null,
    s.you.roomId ? commandButton(t('breakout.backToPlenary'), 'breakout.join', { roomId: null }, { key: 'back:overview' }) : null,
    h('div', { class: 'room-grid' }, rooms.map(room => {
      const members = room.participantIds ?? [];
      const insights = room.insights ?? [];
      const here = s.you.roomId === room.roomId;
      return h('article', { class: `room-card${room.helpRequested ? ' room-card--help' : ''}${room.done ? ' room-card--done' : ''}` },
        h('h3', { text: room.name }),
        room.helpRequested ? h('p', { class: 'help-flag', text: t('overview.help') }) : null,
        room.done ? h('p', { class: 'done-flag', text: `✓ ${t('overview.done')}` }) : null,
        room.topic ? h('p', { class: 'room-card__topic', text: room.topic }) : null,
        room.hostId ? h('p', { class: 'room-card__host', text: t('breakout.host', { name: nameOf(s, room.hostId, t) }) }) : null,
        h('p', { class: 'room-card__members' },
          h('span', { class: 'muted', text: t('breakout.members', { n: members.length }) }), ' ',
          members.map(id => nameOf(s, id, t) + (participant(s, id)?.online === false ? ` (${t('people.offline')})` : '')).join(', ')),
        h('p', { class: 'muted', text: t('breakout.insights', { n: insights.length }) }),
        insights.length ? insightList(s, t, room, { className: 'insights insights--compact' }) : null,
        here
          ? h('p', { class: 'tag tag--here', text: t('overview.youAreHere') })
          : commandButton(t('overview.visit'), 'breakout.join', { roomId: room.roomId },
              { label: t('overview.visitLabel', { room: room.name }), className: 'button button--small' }));
    })),
    unassigned.length
      ? h('p', { class: 'muted', text: t('overview.unassigned', { names: unassigned.map(p => p.name).join(', ') }) })
      : null);
}
