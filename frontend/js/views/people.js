/** Who is here: online state, organisation, room, role; moderators act on people here. */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';
import { roomName } from './names.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderPeople(root, { s, t, moderator }) {
  const here = (/** @type {import('../store.js').Participant} */ p) => p.online || p.attendance === 'inRoom';
  const people = [...s.participants].sort((a, b) =>
    Number(here(b)) - Number(here(a)) || a.name.localeCompare(b.name));
  const online = people.filter(p => p.online).length;
  renderInto(root,
    h('h2', { id: 'people-heading', text: t('people.heading', { online, total: people.length }) }),
    h('ul', { class: 'people' }, people.map(p => person(s, p, t, moderator))));
}

/**
 * @param {import('../store.js').Snapshot} s @param {import('../store.js').Participant} p
 * @param {import('./context.js').ViewContext['t']} t @param {boolean} moderator
 */
function person(s, p, t, moderator) {
  const self = p.participantId === s.you.participantId;
  const details = [];
  if (p.organisation) details.push(p.organisation);
  if (p.roomId) details.push(roomName(s, p.roomId) || t('people.inRoom'));
  const id = p.participantId;
  const inRoom = p.attendance === 'inRoom';
  const handUp = s.queue.hands.some(hand => hand.participantId === id);
  return h('li', { class: `person${p.online || inRoom ? '' : ' person--offline'}` },
    h('span', { class: `presence presence--${p.online ? 'online' : 'offline'}`, 'aria-hidden': 'true' }),
    h('span', { class: 'person__main' },
      h('span', { class: 'person__name', text: self ? t('people.you', { name: p.name }) : p.name }),
      details.length ? h('span', { class: 'person__details', text: details.join(' · ') }) : null),
    h('span', { class: 'person__tags' },
      inRoom ? h('span', { class: 'tag tag--in-room', text: t('people.attendanceInRoom') }) : null,
      p.online || !inRoom ? h('span', { class: 'tag', text: t(p.online ? 'people.online' : 'people.offline') }) : null,
      p.role === 'moderator' ? h('span', { class: 'tag tag--moderator', text: t('people.moderator') }) : null,
      p.mutedInChat ? h('span', { class: 'tag tag--muted', text: t('people.muted') }) : null),
    moderator && !self
      ? h('div', { class: 'toolbar toolbar--small person__actions', role: 'group', 'aria-label': t('people.actions', { name: p.name }) },
          inRoom && !handUp
            ? commandButton(t('people.raiseOnBehalf'), 'hand.raise', { onBehalfOf: id },
                { label: t('people.raiseOnBehalfLabel', { name: p.name }), className: 'button button--small', key: `behalf:${id}` })
            : null,
          p.mutedInChat
            ? commandButton(t('people.unmute'), 'participant.unmute', { participantId: id },
                { label: t('people.unmuteLabel', { name: p.name }), className: 'button button--small', key: `mute:${id}` })
            : commandButton(t('people.mute'), 'participant.mute', { participantId: id },
                { label: t('people.muteLabel', { name: p.name }), className: 'button button--small', key: `mute:${id}` }),
          p.role === 'moderator'
            ? commandButton(t('people.demote'), 'participant.demote', { participantId: id },
                { label: t('people.demoteLabel', { name: p.name }), className: 'button button--small', key: `role:${id}` })
            : commandButton(t('people.promote'), 'participant.promote', { participantId: id },
                { label: t('people.promoteLabel', { name: p.name }), className: 'button button--small', key: `role:${id}` }),
          commandButton(t('people.remove'), 'participant.remove', { participantId: id },
            { label: t('people.removeLabel', { name: p.name }), className: 'button button--small button--danger',
              confirm: 'confirm.remove', confirmName: p.name }))
      : null);
}
