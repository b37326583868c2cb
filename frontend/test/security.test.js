import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} dir @param {string} ext @returns {string[]} */
function filesUnder(dir, ext) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'test') return [];
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

test('scripts never turn text into markup or code', () => {
  const forbidden = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new Function|setAttribute\(\s*['"]on)/;
  for (const file of filesUnder(join(root, 'js'), '.js')) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => assert.doesNotMatch(line, forbidden, `${relative(root, file)}:${i + 1}`));
  }
});

test('pages load only their own module: no inline script, style or handler, nothing from elsewhere', () => {
  for (const file of filesUnder(root, '.html')) {
    const html = readFileSync(file, 'utf8');
    const name = relative(root, file);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /type="module" src="\/js\/[a-z]+\.js"/, `${name}: a script that is not a module of ours`);
      assert.equal(m[2].trim(), '', `${name}: inline script`);
    }
    assert.doesNotMatch(html, /<style\b|\sstyle="/, `${name}: inline style`);
    assert.doesNotMatch(html, /\son[a-z]+="/, `${name}: inline event handler`);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, `${name}: something loaded from another site`);
  }
});

test('the stylesheet loads nothing from elsewhere', () => {
  const css = readFileSync(join(root, 'css', 'kring.css'), 'utf8');
  assert.doesNotMatch(css, /@import|url\(\s*['"]?(https?:)?\/\//);
});
