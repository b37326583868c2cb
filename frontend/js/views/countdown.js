/**
 * Countdown and stopwatch elements. They are rendered once with their target time in a data
 * attribute and then ticked in place (tickCountdowns), so a tick never re-renders a panel.
 */
import { h } from '../lib/dom.js';
import { countdown, elapsed } from '../lib/time.js';

/**
 * A countdown to `endsAt`: normal, amber in the last minute, red and counting up when over.
 * The phase is also written out in words (colour is never the only signal).
 * @param {number} endsAt epoch ms (server clock)
 * @param {{size?: 'huge'|'large'|'small', label?: string}} [options] label: what it counts down to
 */
export function countdownEl(endsAt, { size = 'large', label } = {}) {
  return h('div', { class: `countdown countdown--${size}`, dataset: { endsAt } },
    label ? h('span', { class: 'countdown__label', text: label }) : null,
    h('span', { class: 'countdown__time' }),
    h('span', { class: 'countdown__state' }));
}

/**
 * A stopwatch counting up from `since` (a speaker without a time limit).
 * @param {number} since epoch ms (server clock)
 * @param {{size?: 'huge'|'large'|'small', label?: string}} [options]
 */
export function stopwatchEl(since, { size = 'large', label } = {}) {
  return h('div', { class: `countdown countdown--${size}`, dataset: { since } },
    label ? h('span', { class: 'countdown__label', text: label }) : null,
    h('span', { class: 'countdown__time' }),
    h('span', { class: 'countdown__state' }));
}

/**
 * Updates every countdown and stopwatch under `root`.
 * @param {ParentNode} root
 * @param {number} now the server's clock
 * @param {(key: string) => string} t
 */
export function tickCountdowns(root, now, t) {
  for (const el of root.querySelectorAll('[data-ends-at]')) {
    const c = countdown(Number(/** @type {HTMLElement} */ (el).dataset.endsAt), now);
    setText(el.querySelector('.countdown__time'), c.text);
    setText(el.querySelector('.countdown__state'), t(`countdown.${c.phase}`));
    el.classList.toggle('countdown--warning', c.phase === 'warning');
    el.classList.toggle('countdown--over', c.phase === 'over');
  }
  for (const el of root.querySelectorAll('[data-since]')) {
    setText(el.querySelector('.countdown__time'), elapsed(Number(/** @type {HTMLElement} */ (el).dataset.since), now));
    setText(el.querySelector('.countdown__state'), t('countdown.elapsed'));
  }
}

/** @param {Element|null} el @param {string} text */
function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}
