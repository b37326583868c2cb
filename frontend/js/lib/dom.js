/**
 * Tiny DOM helpers. Strings always become text nodes: user text can never turn into markup.
 */

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs] attributes; `class`, `text`, `dataset`, booleans
 *   (true sets an empty attribute, false/null/undefined leaves it out), `on` = {event: handler}
 * @param {...(Node|string|number|null|undefined|false|Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') {
        el.textContent = String(value);
      } else if (name === 'dataset') {
        for (const [k, v] of Object.entries(value)) {
          if (v !== null && v !== undefined) el.dataset[k] = String(v);
        }
      } else if (name === 'on') {
        for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
      } else if (value === true) {
        el.setAttribute(name, '');
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** @param {Node} parent @param {Array<any>} children */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces the children of `root`, keeping keyboard focus on the control with the same
 * `data-key` (a re-render must not throw a keyboard user back to the top of the page).
 * @param {Element} root
 * @param {...any} children
 */
export function renderInto(root, ...children) {
  const active = document.activeElement;
  const key = active && root.contains(active) && active instanceof HTMLElement ? active.dataset.key : undefined;
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  root.replaceChildren(fragment);
  if (key) {
    const again = root.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again instanceof HTMLElement) again.focus({ preventScroll: true });
  }
}

/**
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing element ${selector}`);
  return /** @type {HTMLElement} */ (el);
}

/** Shows or hides an element with the `hidden` attribute. @param {Element} el @param {boolean} visible */
export function show(el, visible) {
  if (visible) el.removeAttribute('hidden');
  else el.setAttribute('hidden', '');
}

/**
 * Copies an input's value to the clipboard; where the Clipboard API is missing or refused, selects
 * the text and falls back to the older copy command.
 * @param {HTMLInputElement} input
 * @returns {Promise<boolean>} whether it was copied
 */
export async function copyInputValue(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand('copy');
  }
}
