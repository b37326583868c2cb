/**
 * The recap link (protocol.md section 8, RC rules): the moderator publishes or withdraws it and copies
 * the link; once published everyone gets a "Recap" link in the header. The path comes from the server and
 * is only put in `href` (as a property) after checking its shape, so it can only ever point at /r/{id}.
 */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';

/** @param {unknown} path @returns {path is string} */
export function isRecapPath(path) {
  return typeof path === 'string' && /^\/r\/[A-Za-z0-9_-]{1,64}$/.test(path);
}

/**
 * The header's "Recap" link, for everyone, while the recap is published.
 * @param {HTMLElement} root @param {import('./context.js').ViewContext} ctx
 */
export function renderRecapHeader(root, { s, t }) {
  const path = s.meeting.recapPath;
  const published = isRecapPath(path);
  const current = root.querySelector('a');
  if (published && current instanceof HTMLAnchorElement && current.dataset.path === path
    && current.textContent === t('recap.view')) {
    return;
  }
  if (!published) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  const a = /** @type {HTMLAnchorElement} */ (h('a', {
    class: 'button button--quiet', id: 'recap-header-link', target: '_blank', rel: 'noopener',
    'aria-label': t('recap.viewLabel'), dataset: { path, key: 'recap-header' },
  }, t('recap.view')));
  a.href = path;
  renderInto(root, a);
  root.hidden = false;
}

/**
 * The moderator's controls: publish; or the link with a copy button, open, and withdraw (asked first).
 * @param {HTMLElement} root @param {import('./context.js').ViewContext} ctx
 * @param {string} origin the page's public origin (KRING_PUBLIC_URL when set)
 */
export function renderRecapControls(root, { s, t }, origin) {
  const path = s.meeting.recapPath;
  const published = isRecapPath(path);
  const signature = `${published ? path : ''}|${t('recap.publish')}`;
  if (root.dataset.signature === signature) return;
  root.dataset.signature = signature;
  if (!published) {
    renderInto(root, commandButton(t('recap.publish'), 'report.publish', {}, { className: 'button button--primary', key: 'recap-publish' }));
    return;
  }
  const input = /** @type {HTMLInputElement} */ (h('input', { id: 'recap-link', type: 'text', readonly: true }));
  input.value = origin + path;
  const open = /** @type {HTMLAnchorElement} */ (h('a', { target: '_blank', rel: 'noopener', id: 'recap-open', text: t('recap.open') }));
  open.href = path;
  renderInto(root,
    h('label', { for: 'recap-link', text: t('recap.linkLabel') }),
    h('div', { class: 'copy-row' },
      input,
      h('button', { type: 'button', class: 'button', dataset: { copy: 'recap-link', key: 'recap-copy' }, text: t('moderation.copy') })),
    h('p', {}, open),
    commandButton(t('recap.unpublish'), 'report.unpublish', {}, { className: 'button button--danger', key: 'recap-unpublish', confirm: 'recap.confirmUnpublish' }));
}
