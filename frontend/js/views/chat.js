/** The chat messages of where you are (the plenary or your room). The form is static. */
import { h, renderInto } from '../lib/dom.js';
import { visibleChat, yourRoom } from '../store.js';
import { formatClock } from '../lib/time.js';
import { commandButton } from './commands.js';

/**
 * @param {HTMLElement} root the message list
 * @param {HTMLElement} heading
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderChat(root, heading, { s, t, lang, moderator }) {
  const room = yourRoom(s);
  const headingText = room ? t('chat.headingRoom', { room: room.name }) : t('chat.heading');
  if (heading.textContent !== headingText) heading.textContent = headingText;
  const messages = visibleChat(s);
  const nearBottom = root.scrollHeight - root.scrollTop - root.clientHeight < 60;
  renderInto(root,
    messages.length === 0
      ? h('li', { class: 'chat__empty muted', text: t('chat.empty') })
      : messages.map(m => h('li', { class: `chat__message${m.participantId === s.you.participantId ? ' chat__message--mine' : ''}` },
          h('span', { class: 'chat__meta' },
            h('span', { class: 'chat__name', text: m.name }),
            h('time', { class: 'chat__time', datetime: new Date(m.sentAt).toISOString(), text: formatClock(m.sentAt, lang) })),
          h('span', { class: 'chat__text', text: m.text }),
          moderator
            ? commandButton(t('chat.delete'), 'chat.delete', { messageId: m.messageId },
                { label: t('chat.deleteLabel', { name: m.name }), className: 'button button--tiny button--quiet' })
            : null)));
  if (nearBottom) root.scrollTop = root.scrollHeight;
}
