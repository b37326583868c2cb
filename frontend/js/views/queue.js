/** The speaking queue: who speaks now (with their time), the raised hands in order, your hand. */
import { h, renderInto } from '../lib/dom.js';
import { participant, yourPlace } from '../store.js';
import { commandButton } from './commands.js';
import { countdownEl, stopwatchEl } from './countdown.js';
import { nameOf } from './names.js';

const KINDS = ['speak', 'reply', 'pointOfOrder'];

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderQueue(root, { s, t, moderator }) {
  const { speaker, hands } = s.queue;
  const you = s.you.participantId;
  const yourHand = hands.find(hand => hand.participantId === you);
  const place = yourPlace(s);
  renderInto(root,
    h('h2', { id: 'queue-heading', text: t('queue.heading') }),
    speakerBlock(s, t, moderator),
    s.queue.roundLimitSeconds != null
      ? h('p', { class: 'queue__round', id: 'queue-round', text: t('round.running', { time: minutesAndSeconds(s.queue.roundLimitSeconds) }) })
      : null,
    moderator
      ? h('div', { class: 'toolbar', role: 'group', 'aria-label': t('queue.controls') },
          commandButton(t('queue.next'), 'floor.next', {}, { withLimit: true, disabled: hands.length === 0, className: 'button button--primary' }),
          speaker ? commandButton(t('queue.end'), 'floor.end') : null)
      : null,
    h('h3', { text: t('queue.hands', { n: hands.length }) }),
    hands.length === 0
      ? h('p', { class: 'muted', text: t('queue.empty') })
      : h('ol', { class: 'hands' }, hands.map(hand => handItem(s, hand, t, moderator))),
    h('div', { class: 'your-hand' },
      place > 0 ? h('p', { class: 'your-hand__place', text: t('queue.yourPlace', { n: place }) }) : null,
      h('div', { class: 'toolbar', role: 'group', 'aria-label': t('queue.yourHand') },
        KINDS.map(kind => commandButton(t(`queue.raise.${kind}`), 'hand.raise', { kind },
          { pressed: yourHand ? yourHand.kind === kind : false, className: `button ${kind === 'speak' ? 'button--primary' : ''}` })),
        yourHand ? commandButton(t('queue.lower'), 'hand.lower', {}, { key: 'hand.lower:self' }) : null)));
}

/** @param {number} seconds as m:ss */
function minutesAndSeconds(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * @param {import('../store.js').Snapshot} s
 * @param {import('./context.js').ViewContext['t']} t
 * @param {boolean} moderator
 */
function speakerBlock(s, t, moderator) {
  const speaker = s.queue.speaker;
  if (!speaker) return h('p', { class: 'speaker speaker--none muted', text: t('queue.nobody') });
  const p = participant(s, speaker.participantId);
  const mine = speaker.participantId === s.you.participantId;
  return h('div', { class: `speaker${mine ? ' speaker--you' : ''}` },
    h('p', { class: 'speaker__label', text: t('queue.speaking') }),
    h('p', { class: 'speaker__name' },
      nameOf(s, speaker.participantId, t),
      p && p.organisation ? h('span', { class: 'speaker__org', text: ` · ${p.organisation}` }) : null),
    typeof speaker.limitSeconds === 'number'
      ? countdownEl(speaker.since + speaker.limitSeconds * 1000, { size: 'large' })
      : stopwatchEl(speaker.since, { size: 'large' }),
    mine && !moderator ? commandButton(t('queue.endMine'), 'floor.end') : null);
}

/**
 * @param {import('../store.js').Snapshot} s @param {any} hand
 * @param {import('./context.js').ViewContext['t']} t @param {boolean} moderator
 */
function handItem(s, hand, t, moderator) {
  const name = nameOf(s, hand.participantId, t);
  const p = participant(s, hand.participantId);
  return h('li', { class: `hands__item hands__item--${hand.kind}` },
    h('span', { class: 'hands__name', text: name }),
    p && p.organisation ? h('span', { class: 'hands__org', text: p.organisation }) : null,
    h('span', { class: `tag tag--${hand.kind}`, text: t(`queue.kind.${hand.kind}`) }),
    moderator
      ? h('div', { class: 'toolbar toolbar--small' },
          commandButton(t('queue.give'), 'floor.give', { participantId: hand.participantId },
            { label: t('queue.giveLabel', { name }), withLimit: true, className: 'button button--small' }),
          commandButton(t('queue.lowerOther'), 'hand.lower', { participantId: hand.participantId },
            { label: t('queue.lowerLabel', { name }), className: 'button button--small button--quiet' }))
      : null);
}
