import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetingIdFromPath, keyFromHash, loadIdentity, saveIdentity, forgetIdentity } from '../js/api.js';

class MemoryStorage {
  #map = new Map();
  getItem(k) { return this.#map.has(k) ? this.#map.get(k) : null; }
  setItem(k, v) { this.#map.set(k, String(v)); }
  removeItem(k) { this.#map.delete(k); }
}

test('the meeting id comes from /m/{id} and /display/{id}', () => {
  assert.equal(meetingIdFromPath('/m/q2Xc0kV7mB1t'), 'q2Xc0kV7mB1t');
  assert.equal(meetingIdFromPath('/display/ab_c-9'), 'ab_c-9');
  assert.equal(meetingIdFromPath('/m/abc/'), 'abc');
  assert.equal(meetingIdFromPath('/m/'), null);
  assert.equal(meetingIdFromPath('/m/a.b'), null);
  assert.equal(meetingIdFromPath('/x/abc'), null);
  assert.equal(meetingIdFromPath(`/m/${'a'.repeat(65)}`), null);
});

test('the moderator key comes from the fragment', () => {
  assert.equal(keyFromHash('#key=3yV-abc_9'), '3yV-abc_9');
  assert.equal(keyFromHash('#foo=1&key=xyz'), 'xyz');
  assert.equal(keyFromHash(''), null);
  assert.equal(keyFromHash('#key='), null);
});

test('the identity is kept per meeting', () => {
  const storage = new MemoryStorage();
  assert.equal(loadIdentity(storage, 'm1'), null);
  saveIdentity(storage, 'm1', { token: 't1', participantId: 'p1', role: 'participant' });
  saveIdentity(storage, 'm2', { token: 't2', participantId: 'p9', role: 'moderator' });
  assert.equal(loadIdentity(storage, 'm1').token, 't1');
  assert.equal(loadIdentity(storage, 'm2').role, 'moderator');
  assert.equal(storage.getItem('kring.token.m1') !== null, true);
  forgetIdentity(storage, 'm1');
  assert.equal(loadIdentity(storage, 'm1'), null);
  assert.equal(loadIdentity(storage, 'm2').token, 't2');
});

test('a damaged stored identity is ignored', () => {
  const storage = new MemoryStorage();
  storage.setItem('kring.token.m1', '{not json');
  assert.equal(loadIdentity(storage, 'm1'), null);
  storage.setItem('kring.token.m1', '{"participantId":"p1"}');
  assert.equal(loadIdentity(storage, 'm1'), null);
});
