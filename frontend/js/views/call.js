/**
 * Calls (protocol.md section 7): the plenary's call link in the header, your group's call in the
 * room view, the way back to the plenary call when a round closed, and the moderator's form to set
 * or clear the plenary link. A link is only ever put in `href` (as a property) after checking it is
 * an https:// URL, and opens in a new tab without telling the call who sent it there.
 */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';

/** @param {unknown} url @returns {url is string} */
export function isCallUrl(url) {
  if (typeof url !== 'string' || !url.startsWith('https://') || url.length > 500 || /[\s\u0000-\u001f\u007f]/.test(url)) {
    return false;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * A link that opens the call in a new tab; null when the url is not an https:// URL.
 * @param {unknown} url @param {string} text @param {string} className @param {string} key
 */
export function callLink(url, text, className, key) {
  if (!isCallUrl(url)) return null;
  const a = /** @type {HTMLAnchorElement} */ (h('a', { class: className, target: '_blank', rel: 'noopener noreferrer', text, dataset: { key } }));
  a.href = url;
  return a;
}

/**
 * The header's "Join the call", when the meeting has a plenary link.
 * @param {HTMLElement} root @param {import('./context.js').ViewContext} ctx
 */
export function renderCallHeader(root, { s, t }) {
  const link = callLink(s.meeting.callUrl, t('call.join'), 'button button--call', 'call-header');
  const current = root.querySelector('a');
  if (link && current instanceof HTMLAnchorElement && current.href === link.href && current.textContent === link.textContent) {
    return; // unchanged: keep the element (and any focus on it)
  }
  renderInto(root, link);
  root.hidden = !link;
}

/**
 * Your group's call, in the room view.
 * @param {any} room @param {import('./context.js').ViewContext['t']} t
 */
export function groupCallLink(room, t) {
  return callLink(room && room.callUrl, t('call.joinGroup'), 'button button--primary button--call', 'call-group');
}

/** The round whose close the viewer dismissed the notice of. @type {string|null} */
let dismissedRound = null;

/**
 * After a round closed: a notice pointing back to the plenary call (until dismissed or the next round).
 * @param {HTMLElement} root @param {import('./context.js').ViewContext} ctx
 */
export function renderCallBack(root, { s, t }) {
  const b = s.breakouts;
  const show = b.status === 'closed' && Boolean(b.roundId) && b.roundId !== dismissedRound && isCallUrl(s.meeting.callUrl);
  if (!show) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  renderInto(root,
    h('p', { text: t('call.backToPlenary') }),
    h('div', { class: 'toolbar' },
      callLink(s.meeting.callUrl, t('call.joinPlenary'), 'button button--primary button--call', 'call-back'),
      h('button', {
        type: 'button', class: 'button button--quiet', text: t('call.dismiss'), dataset: { key: 'call-dismiss' },
        on: { click: () => { dismissedRound = b.roundId; root.replaceChildren(); root.hidden = true; } },
      })));
}

/**
 * The moderator's form: set the plenary link (https:// only, checked here too) or clear it.
 * @param {HTMLElement} root @param {import('./context.js').ViewContext} ctx
 * @param {(command: any) => Promise<boolean>} send
 */
export function renderCallForm(root, { s, t }, send) {
  if (!root.querySelector('form')) {
    const input = /** @type {HTMLInputElement} */ (h('input', { id: 'call-url', name: 'url', type: 'url', maxlength: 500, required: true, placeholder: 'https://', autocomplete: 'off' }));
    const error = h('p', { id: 'call-url-error', class: 'form__error', role: 'alert', hidden: true });
    const form = h('form', { id: 'call-form', class: 'form' },
      h('label', { for: 'call-url', 'data-call-label': true, text: t('call.label') }),
      input,
      error,
      h('button', { type: 'submit', class: 'button', 'data-call-set': true, text: t('call.set') }));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const url = input.value.trim();
      if (!isCallUrl(url)) {
        error.textContent = t('call.invalid');
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      if (await send({ type: 'meeting.call', url })) input.value = '';
    });
    renderInto(root, form, h('div', { class: 'call-current' }));
  }
  const label = root.querySelector('[data-call-label]');
  if (label) label.textContent = t('call.label');
  const setButton = root.querySelector('[data-call-set]');
  if (setButton) setButton.textContent = t('call.set');
  const current = /** @type {HTMLElement} */ (root.querySelector('.call-current'));
  const url = s.meeting.callUrl;
  const shown = current.dataset.url ?? '';
  if (shown !== (url ?? '') || current.dataset.lang !== t('call.clear')) {
    current.dataset.url = url ?? '';
    current.dataset.lang = t('call.clear');
    renderInto(current,
      isCallUrl(url)
        ? h('p', { class: 'note' }, t('call.current'), ' ', callLink(url, url, 'call-current__link', 'call-current'))
        : h('p', { class: 'note', text: t('call.none') }),
      isCallUrl(url) ? commandButton(t('call.clear'), 'meeting.call', { url: null }) : null);
  }
}
