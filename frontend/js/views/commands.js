/**
 * Buttons that send a command: `data-command` holds the wire name, `data-fields` the command's
 * fields as JSON. One delegated click handler (room.js) sends them.
 */
import { h } from '../lib/dom.js';

/**
 * @param {string} text the visible label
 * @param {string} command the wire name, e.g. 'hand.raise'
 * @param {Record<string, any>} [fields]
 * @param {{label?: string, key?: string, className?: string, confirm?: string, confirmName?: string,
 *          withLimit?: boolean, pressed?: boolean, disabled?: boolean}} [options]
 *   label: an accessible name when the visible text alone is ambiguous (e.g. "Mute: An");
 *   key: keeps focus on this control across re-renders; confirm: an i18n key asked first.
 */
export function commandButton(text, command, fields = {}, options = {}) {
  return h('button', {
    type: 'button',
    class: options.className ?? 'button',
    'aria-label': options.label,
    'aria-pressed': options.pressed === undefined ? null : String(options.pressed),
    disabled: options.disabled === true,
    dataset: {
      command,
      fields: Object.keys(fields).length ? JSON.stringify(fields) : null,
      key: options.key ?? `${command}:${JSON.stringify(fields)}`,
      confirm: options.confirm,
      confirmName: options.confirmName,
      withLimit: options.withLimit ? 'true' : null,
    },
  }, text);
}
