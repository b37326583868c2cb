import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRINGS, LANGUAGES, translate, resolveLanguage, otherLanguage } from '../js/i18n.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} dir @returns {string[]} */
function filesUnder(dir, ext) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

const placeholders = s => [...s.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort();

test('Dutch and English have exactly the same keys', () => {
  const nl = Object.keys(STRINGS.nl).sort();
  const en = Object.keys(STRINGS.en).sort();
  assert.deepEqual(nl.filter(k => !en.includes(k)), [], 'keys missing in English');
  assert.deepEqual(en.filter(k => !nl.includes(k)), [], 'keys missing in Dutch');
  assert.deepEqual(LANGUAGES, ['nl', 'en']);
});

test('no string is empty and both languages use the same placeholders', () => {
  for (const key of Object.keys(STRINGS.nl)) {
    for (const lang of LANGUAGES) assert.ok(STRINGS[lang][key].trim().length > 0, `${lang} ${key} is empty`);
    assert.deepEqual(placeholders(STRINGS.en[key]), placeholders(STRINGS.nl[key]), `placeholders of ${key}`);
  }
});

test('translate fills placeholders and falls back to Dutch, then the key', () => {
  assert.equal(translate('nl', 'queue.yourPlace', { n: 2 }), 'Je staat op plaats 2.');
  assert.equal(translate('en', 'queue.yourPlace', { n: 2 }), 'You are number 2 in the queue.');
  assert.equal(translate('fr', 'chat.send'), 'Versturen');
  assert.equal(translate('en', 'no.such.key'), 'no.such.key');
  assert.equal(translate('en', 'people.you', { name: '{n}' }), '{n} (you)', 'values are not re-expanded');
});

test('the browser choice overrides the meeting language; Dutch is the default', () => {
  assert.equal(resolveLanguage(null, null), 'nl');
  assert.equal(resolveLanguage(null, 'en'), 'en');
  assert.equal(resolveLanguage('nl', 'en'), 'nl');
  assert.equal(resolveLanguage('en', 'nl'), 'en');
  assert.equal(resolveLanguage('de', 'xx'), 'nl');
  assert.equal(otherLanguage('nl'), 'en');
  assert.equal(otherLanguage('en'), 'nl');
});

test('every key used in the pages and scripts exists', () => {
  const used = new Set();
  for (const file of filesUnder(root, '.html')) {
    const html = readFileSync(file, 'utf8');
    for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
    for (const m of html.matchAll(/data-confirm="([^"]+)"/g)) used.add(m[1]);
  }
  for (const file of filesUnder(join(root, 'js'), '.js')) {
    if (file.endsWith('i18n.js')) continue;
    const js = readFileSync(file, 'utf8');
    // t('key'), t(cond ? 'a' : 'b'), translate(lang, 'key'): every quoted literal inside the call
    for (const call of js.matchAll(/\bt\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      for (const lit of call[1].matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)'/g)) used.add(lit[1]);
    }
    // keys handed to helpers that translate later
    for (const m of js.matchAll(/(?:showMessage|showJoin)\(([^)]*)\)/g)) {
      for (const lit of m[1].matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)'/g)) used.add(lit[1]);
    }
    for (const m of js.matchAll(/confirm: '([^']+)'/g)) used.add(m[1]);
    // elements whose text is translated (and translated again) by their data-i18n key
    for (const m of js.matchAll(/keyed\('[a-z]+', '([^']+)'/g)) used.add(m[1]);
  }
  // keys built from wire values
  const dynamic = {
    'countdown.': ['normal', 'warning', 'over', 'elapsed'],
    'status.': ['connecting', 'open', 'reconnecting', 'closed'],
    'display.status.': ['connecting', 'reconnecting', 'ended', 'notFound'],
    'kind.': ['plenary', 'breakout', 'break'],
    'agenda.status.': ['pending', 'running', 'done'],
    'queue.kind.': ['speak', 'reply', 'pointOfOrder'],
    'queue.raise.': ['speak', 'reply', 'pointOfOrder'],
    'strategy.': ['random', 'mixOrganisations', 'manual', 'selfSelect', 'sameAs', 'merge', 'rotate'],
    'strategy.help.': ['random', 'mixOrganisations', 'manual', 'selfSelect', 'sameAs', 'merge', 'rotate'],
    'overview.status.': ['open', 'closing'],
    'error.': ['INVALID', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LOCKED', 'ENDED', 'MUTED',
      'RATE_LIMITED', 'UNAVAILABLE', 'OFFLINE', 'DISCONNECTED', 'TIMEOUT', 'NETWORK', 'generic'],
    'join.error.': ['LOCKED', 'ENDED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID', 'generic'],
    'mode.': ['online', 'inPerson', 'hybrid'],
    'profile.error.tooLong.': ['name', 'organisation', 'function', 'email', 'phone', 'offer', 'ask'],
    'profile.error.': ['INVALID'],
    'plan.error.': ['INVALID', 'NOT_FOUND'],
  };
  for (const [prefix, names] of Object.entries(dynamic)) for (const n of names) used.add(prefix + n);
  assert.ok(used.size > 150, `found only ${used.size} keys: the scan is broken`);
  const missing = [...used].filter(k => !(k in STRINGS.nl) || !(k in STRINGS.en)).sort();
  assert.deepEqual(missing, []);
});

test('no visible text in the pages escapes translation', () => {
  for (const file of filesUnder(root, '.html')) {
    const html = readFileSync(file, 'utf8').replace(/<head>[\s\S]*<\/head>/, '');
    // text between tags, on elements without data-i18n
    for (const m of html.matchAll(/<([a-z0-9]+)([^>]*)>([^<]+)</g)) {
      const [, tag, attrs, text] = m;
      if (!text.trim() || attrs.includes('data-i18n') || ['script', 'style'].includes(tag)) continue;
      if (tag === 'option' && /lang="(nl|en)"/.test(attrs)) continue; // language names are written in their own language
      assert.fail(`${file}: untranslated text "${text.trim()}" in <${tag}${attrs}>`);
    }
  }
});
