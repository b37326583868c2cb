/**
 * The language toggle every page shares (#lang-toggle): switching fills the static markup again,
 * relabels the toggle, keeps the choice in this browser (localStorage) and hands the new language
 * back to the page so it can re-render what it built itself.
 */
import { applyStatic, otherLanguage, saveLanguageChoice, translate } from './i18n.js';

/**
 * What the toggle says while the page is in `lang`: it offers the other language, in that language.
 * @param {string} lang
 * @returns {{text: string, lang: string, ariaLabel: string}}
 */
export function toggleLabels(lang) {
  return { text: translate(lang, 'lang.switchTo'), lang: otherLanguage(lang), ariaLabel: translate(lang, 'lang.switchLabel') };
}

/**
 * Wires the page's #lang-toggle and returns the page's `setLanguage`.
 * @param {{storage: Storage, current: () => string, onChange: (next: string) => void, doc?: Document}} options
 *   `current` reads the page's language; `onChange` adopts the new one and re-renders.
 * @returns {(next: string) => void}
 */
export function languageToggle({ storage, current, onChange, doc = document }) {
  const toggle = doc.querySelector('#lang-toggle');
  if (!toggle) throw new Error('missing element #lang-toggle');

  /** @param {string} next */
  function setLanguage(next) {
    doc.documentElement.lang = next;
    applyStatic(doc, key => translate(next, key));
    const labels = toggleLabels(next);
    toggle.textContent = labels.text;
    toggle.setAttribute('lang', labels.lang);
    toggle.setAttribute('aria-label', labels.ariaLabel);
    onChange(next);
  }

  toggle.addEventListener('click', () => {
    const next = otherLanguage(current());
    saveLanguageChoice(storage, next);
    setLanguage(next);
  });
  return setLanguage;
}
