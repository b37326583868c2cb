/** The moderator's meeting controls that depend on state: lock and end. */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderMeetingControls(root, { s, t }) {
  const locked = s.meeting.locked;
  renderInto(root,
    h('p', { class: `lock-state${locked ? ' lock-state--locked' : ''}`, text: t(locked ? 'moderation.locked' : 'moderation.unlocked') }),
    h('div', { class: 'toolbar' },
      locked
        ? commandButton(t('moderation.unlock'), 'meeting.unlock', {}, { key: 'lock' })
        : commandButton(t('moderation.lock'), 'meeting.lock', {}, { key: 'lock' }),
      s.announcement
        ? commandButton(t('moderation.clearAnnouncement'), 'meeting.announce', { text: null })
        : null));
}
