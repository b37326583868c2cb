import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageToggle, toggleLabels } from '../js/language.js';
import { copyInputValue } from '../js/lib/dom.js';

test('the toggle offers the other language, in that language', () => {
  assert.deepEqual(toggleLabels('nl'), { text: 'English', lang: 'en', ariaLabel: 'Switch to English' });
  assert.equal(toggleLabels('en').lang, 'nl');
  assert.notEqual(toggleLabels('en').text, toggleLabels('nl').text);
});

/** A document with only what the toggle touches: the root element, the toggle, one translated node. */
function fakeDocument() {
  const attributes = new Map();
  /** @type {Function|null} */ let onClick = null;
  const toggle = {
    textContent: '',
    setAttribute: (name, value) => attributes.set(name, value),
    addEventListener: (type, handler) => { if (type === 'click') onClick = handler; },
  };
  const heading = { textContent: '', dataset: { i18n: 'lang.switchLabel' } };
  const doc = {
    documentElement: { lang: '' },
    querySelector: selector => (selector === '#lang-toggle' ? toggle : null),
    querySelectorAll: selector => (selector === '[data-i18n]' ? [heading] : []),
  };
  return { doc, toggle, attributes, heading, click: () => onClick() };
}

function memoryStorage() {
  const map = new Map();
  return { getItem: k => map.get(k) ?? null, setItem: (k, v) => map.set(k, String(v)), map };
}

test('setting a language relabels the page and the toggle, then hands it to the page', () => {
  const page = fakeDocument();
  const seen = [];
  let lang = 'nl';
  const setLanguage = languageToggle({ storage: memoryStorage(), current: () => lang, onChange: next => { lang = next; seen.push(next); }, doc: page.doc });
  setLanguage('en');
  assert.equal(page.doc.documentElement.lang, 'en');
  assert.deepEqual(toggleLabels('en'), { text: page.toggle.textContent, lang: page.attributes.get('lang'), ariaLabel: page.attributes.get('aria-label') });
  assert.equal(page.heading.textContent, toggleLabels('en').ariaLabel, 'static markup filled in the new language');
  assert.deepEqual(seen, ['en']);
});

test('clicking the toggle switches to the other language and keeps the choice', () => {
  const page = fakeDocument();
  const storage = memoryStorage();
  let lang = 'nl';
  languageToggle({ storage, current: () => lang, onChange: next => { lang = next; }, doc: page.doc });
  page.click();
  assert.equal(lang, 'en');
  assert.deepEqual([...storage.map.values()], ['en']);
  page.click();
  assert.equal(lang, 'nl');
  assert.deepEqual([...storage.map.values()], ['nl']);
});

test('a page without the toggle fails loudly', () => {
  const doc = { documentElement: { lang: '' }, querySelector: () => null, querySelectorAll: () => [] };
  assert.throws(() => languageToggle({ storage: memoryStorage(), current: () => 'nl', onChange: () => {}, doc }), /lang-toggle/);
});

/** Runs `fn` with these globals (navigator, document) in place, then puts the old ones back. */
async function withGlobals(globals, fn) {
  const saved = Object.keys(globals).map(name => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  try {
    return await fn();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete globalThis[name];
    }
  }
}

test('copying uses the clipboard, else selects and falls back to the copy command', async () => {
  const input = { value: 'https://kring.example/m/abc', selected: false, select() { this.selected = true; } };
  const written = [];
  const refuse = { execCommand: () => { throw new Error('not reached'); } };
  assert.equal(await withGlobals({ navigator: { clipboard: { writeText: async text => { written.push(text); } } }, document: refuse },
    () => copyInputValue(input)), true);
  assert.deepEqual(written, ['https://kring.example/m/abc']);
  assert.equal(input.selected, false, 'no fallback when the clipboard took it');

  const denied = { clipboard: { writeText: async () => { throw new Error('denied'); } } };
  assert.equal(await withGlobals({ navigator: denied, document: { execCommand: command => command === 'copy' } },
    () => copyInputValue(input)), true);
  assert.equal(input.selected, true, 'the text is selected for the fallback');

  assert.equal(await withGlobals({ navigator: {}, document: { execCommand: () => false } }, () => copyInputValue(input)), false);
});
