import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCallUrl } from '../js/views/call.js';

test('only https:// call links with a host are put in an href (CALL4)', () => {
  for (const good of ['https://meet.jit.si/Kring-abcdefghijklmnopqrstuvwx', 'https://zoom.example.com/j/1?pwd=a']) {
    assert.equal(isCallUrl(good), true, good);
  }
  for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'http://meet.example.org/x', '//meet.example.org',
    '/kamer', 'https://', 'https://a b.example/', 'https://evil@meet.example.org/', 'HTTPS://a.example/',
    'data:text/html,x', '', null, undefined, 42, 'https://a.example/' + 'x'.repeat(500)]) {
    assert.equal(isCallUrl(bad), false, String(bad));
  }
});
