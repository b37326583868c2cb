/**
 * Your breakout room: name, topic, host, members, the countdown (and the closing grace), the
 * moderator's broadcast, insights, the call for help and the "our group is done" toggle (RD1). The insight
 * form is static.
 */
import { h, renderInto } from '../lib/dom.js';
import { isModerator, yourRoom } from '../store.js';
import { groupCallLink } from './call.js';
import { commandButton } from './commands.js';
import { countdownEl } from './countdown.js';
import { insightList } from './insights.js';
import { nameOf } from './names.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderBreakout(root, { s, t }) {
  const room = yourRoom(s);
  if (!room) {
    root.replaceChildren();
    return;
  }
  const b = s.breakouts;
  const members = room.participantIds ?? [];
  const insights = room.insights ?? [];
  renderInto(root,
    h('h2', { id: 'breakout-heading', text: t('breakout.yourRoom', { room: room.name }) }),
    room.topic ? h('p', { class: 'breakout__topic' }, h('strong', { text: t('breakout.topic') }), ' ', room.topic) : null,
    room.hostId ? h('p', { class: 'breakout__host', text: t('breakout.host', { name: nameOf(s, room.hostId, t) }) }) : null,
    b.broadcast
      ? h('p', { class: 'broadcast', role: 'note' }, h('strong', { text: t('breakout.broadcast') }), ' ', b.broadcast.text)
      : null,
    timer(s, t),
    groupCallLink(room, t),
    h('h3', { text: t('breakout.members', { n: members.length }) }),
    members.length
      ? h('ul', { class: 'inline-list' }, members.map(id => h('li', { text: nameOf(s, id, t) })))
      : h('p', { class: 'muted', text: t('breakout.noMembers') }),
    h('div', { class: 'toolbar' },
      isModerator(s)
        ? commandButton(t('breakout.backToPlenary'), 'breakout.join', { roomId: null })
        : room.helpRequested
          ? h('p', { class: 'help-requested', role: 'status', text: t('breakout.helpRequested') })
          : commandButton(t('breakout.help'), 'breakout.help', {}, { className: 'button button--help' }),
      commandButton(t('breakout.done'), 'room.done', { done: !room.done },
        { pressed: room.done === true, key: 'room.done', className: 'button button--done' })),
    room.done ? h('p', { class: 'done-note', role: 'status', text: t('breakout.isDone') }) : null,
    h('h3', { text: t('breakout.insights', { n: insights.length }) }),
    insights.length
      ? insightList(s, t, room, { withAuthor: true })
      : h('p', { class: 'muted', text: t('breakout.noInsights') }));
}

/**
 * The round's countdown: to the end, or during closing to the return to the plenary.
 * @param {import('../store.js').Snapshot} s
 * @param {import('./context.js').ViewContext['t']} t
 */
export function timer(s, t) {
  const b = s.breakouts;
  if (b.status === 'closing' && typeof b.closingAt === 'number') {
    return h('div', { class: 'breakout__timer' },
      h('p', { class: 'breakout__closing', text: t('breakout.closing') }),
      countdownEl(b.closingAt, { size: 'large', label: t('breakout.backIn') }));
  }
  if (b.status === 'open' && typeof b.endsAt === 'number') {
    return h('div', { class: 'breakout__timer' }, countdownEl(b.endsAt, { size: 'large', label: t('breakout.endsIn') }));
  }
  return null;
}
