import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangeMeetings, fold, planBody, profileBody, searchDirectory, startsAtFromInput, STILL_COMING_MS,
  PROFILE_LIMITS } from '../js/networkModel.js';
import { forgetMember, loadCoordinatorKey, loadMember, networkIdFromPath, saveCoordinatorKey, saveMember } from '../js/api.js';
import { STRINGS } from '../js/i18n.js';

class MemoryStorage {
  #map = new Map();
  getItem(k) { return this.#map.has(k) ? this.#map.get(k) : null; }
  setItem(k, v) { this.#map.set(k, String(v)); }
  removeItem(k) { this.#map.delete(k); }
}

const NOW = Date.UTC(2026, 11, 2, 12, 0);
const HOUR = 3600_000;
const meeting = (id, status, startsAt) => ({ meetingId: id, title: id, status, startsAt, mode: 'online',
  joinPath: `/m/${id}`, recapPath: null });

test('the next meeting is the earliest that is still coming; ended ones are past, newest first', () => {
  const { next, later, past } = arrangeMeetings([
    meeting('far', 'open', NOW + 50 * HOUR),
    meeting('old', 'ended', NOW - 500 * HOUR),
    meeting('soon', 'open', NOW + 2 * HOUR),
    meeting('undated', 'open', null),
    meeting('lastWeek', 'ended', NOW - 170 * HOUR),
  ], NOW);
  assert.equal(next.meetingId, 'soon');
  assert.deepEqual(later.map(m => m.meetingId), ['far', 'undated']);
  assert.deepEqual(past.map(m => m.meetingId), ['lastWeek', 'old']);
});

test('a meeting that started a moment ago is still the next one; one planned long ago and never ended is past', () => {
  const started = meeting('running', 'open', NOW - HOUR);
  const forgotten = meeting('forgotten', 'open', NOW - STILL_COMING_MS - 1);
  const { next, past } = arrangeMeetings([forgotten, started], NOW);
  assert.equal(next.meetingId, 'running');
  assert.deepEqual(past.map(m => m.meetingId), ['forgotten']);
  assert.deepEqual(arrangeMeetings([], NOW), { next: null, later: [], past: [] });
});

test('an ended meeting is past even when it was planned for later', () => {
  const { next, past } = arrangeMeetings([meeting('early', 'ended', NOW + HOUR)], NOW);
  assert.equal(next, null);
  assert.equal(past[0].meetingId, 'early');
});

const people = [
  { memberId: 'm1', name: 'Bert', organisation: 'Stad Gent', offer: 'Ervaring met buurtbudgetten', ask: null },
  { memberId: 'm2', name: 'An', organisation: 'OCMW Aalst', offer: null, ask: 'Hulp bij subsidies' },
  { memberId: 'm3', name: 'Zoë', organisation: null, offer: 'Facilitatie', ask: 'Een café in Gent' },
];

test('the directory search looks in name, organisation, offer and ask, ignoring case and accents', () => {
  assert.deepEqual(searchDirectory(people, 'gent').map(p => p.memberId), ['m1', 'm3']);
  assert.deepEqual(searchDirectory(people, 'SUBSIDIES').map(p => p.memberId), ['m2']);
  assert.deepEqual(searchDirectory(people, 'zoe').map(p => p.memberId), ['m3']);
  assert.deepEqual(searchDirectory(people, 'gent café').map(p => p.memberId), ['m3'], 'every word must match');
  assert.deepEqual(searchDirectory(people, 'nobody'), []);
  assert.equal(fold('Söfie ÉLAN'), 'sofie elan');
});

test('the directory shows you first, then everyone by name', () => {
  assert.deepEqual(searchDirectory(people, '  ').map(p => p.name), ['An', 'Bert', 'Zoë']);
  assert.deepEqual(searchDirectory(people, '', 'm3').map(p => p.name), ['Zoë', 'An', 'Bert']);
});

const emptyProfile = { name: '', organisation: '', function: '', email: '', phone: '', offer: '', ask: '', shareInDirectory: false };

test('a profile is trimmed, leaves empty fields out and always says whether it is shared', () => {
  const result = profileBody({ ...emptyProfile, name: '  An ', organisation: 'OCMW', email: ' an@ocmw.be ', shareInDirectory: true });
  assert.deepEqual(result, { body: { name: 'An', organisation: 'OCMW', email: 'an@ocmw.be', shareInDirectory: true } });
  assert.deepEqual(profileBody({ ...emptyProfile, name: 'An' }), { body: { name: 'An', shareInDirectory: false } });
});

test('a profile without a name, with a bad address or too long a field is refused before it is sent', () => {
  assert.deepEqual(profileBody({ ...emptyProfile, name: '   ' }), { error: 'profile.error.nameRequired', field: 'name' });
  for (const email of ['an', 'an@', 'an@ocmw', 'a n@ocmw.be', '@ocmw.be']) {
    assert.deepEqual(profileBody({ ...emptyProfile, name: 'An', email }), { error: 'profile.error.email', field: 'email' }, email);
  }
  for (const [field, limit] of Object.entries(PROFILE_LIMITS)) {
    if (field === 'email') continue;
    const ok = profileBody({ ...emptyProfile, name: 'An', [field]: 'é'.repeat(limit) });
    assert.ok('body' in ok, `${field} at its limit`);
    assert.deepEqual(profileBody({ ...emptyProfile, name: 'An', [field]: 'x'.repeat(limit + 1) }),
      { error: `profile.error.tooLong.${field}`, field });
    assert.ok(STRINGS.nl[`profile.error.tooLong.${field}`] && STRINGS.en[`profile.error.tooLong.${field}`]);
  }
});

test('a datetime-local value becomes epoch ms in the browser zone; nonsense is refused', () => {
  assert.equal(startsAtFromInput('2026-12-14T19:30'), new Date(2026, 11, 14, 19, 30).getTime());
  assert.equal(startsAtFromInput('2026-02-31T10:00'), null);
  assert.equal(startsAtFromInput('14/12/2026 19:30'), null);
  assert.equal(startsAtFromInput(''), null);
});

test('planning a meeting: title required, mode defaults to online, copying an agenda is optional', () => {
  const base = { title: ' Bijeenkomst 2 ', startsAt: '2026-12-14T19:30', mode: 'hybrid', copyAgendaFrom: 'm1', language: 'nl' };
  assert.deepEqual(planBody(base), { body: { title: 'Bijeenkomst 2', language: 'nl',
    startsAt: new Date(2026, 11, 14, 19, 30).getTime(), mode: 'hybrid', copyAgendaFrom: 'm1' } });
  assert.deepEqual(planBody({ ...base, startsAt: '', mode: 'elsewhere', copyAgendaFrom: '' }),
    { body: { title: 'Bijeenkomst 2', language: 'nl', mode: 'online' } });
  assert.deepEqual(planBody({ ...base, title: ' ' }), { error: 'plan.error.titleRequired', field: 'title' });
  assert.deepEqual(planBody({ ...base, title: 'x'.repeat(201) }), { error: 'plan.error.titleTooLong', field: 'title' });
  assert.deepEqual(planBody({ ...base, startsAt: '2026-13-01T10:00' }), { error: 'plan.error.startsAt', field: 'startsAt' });
});

test('the network id comes from /n/{id}', () => {
  assert.equal(networkIdFromPath('/n/Ab_9-x'), 'Ab_9-x');
  assert.equal(networkIdFromPath('/n/abc/'), 'abc');
  assert.equal(networkIdFromPath('/m/abc'), null);
  assert.equal(networkIdFromPath('/n/a.b'), null);
  assert.equal(networkIdFromPath(`/n/${'a'.repeat(65)}`), null);
});

test('the member is kept per network, and a broken entry counts as none', () => {
  const storage = new MemoryStorage();
  assert.equal(loadMember(storage, 'n1'), null);
  saveMember(storage, 'n1', { memberToken: 'tok1', memberId: 'mem1', name: 'An', organisation: 'OCMW' });
  assert.deepEqual(loadMember(storage, 'n1'), { memberToken: 'tok1', memberId: 'mem1', name: 'An', organisation: 'OCMW' });
  assert.equal(loadMember(storage, 'n2'), null);
  assert.ok(storage.getItem('kring.member.n1'));
  storage.setItem('kring.member.n2', '{not json');
  assert.equal(loadMember(storage, 'n2'), null);
  storage.setItem('kring.member.n3', JSON.stringify({ memberToken: 7 }));
  assert.equal(loadMember(storage, 'n3'), null);
  forgetMember(storage, 'n1');
  assert.equal(loadMember(storage, 'n1'), null);
});

test('the coordinator key is kept per network and can be forgotten', () => {
  const storage = new MemoryStorage();
  assert.equal(loadCoordinatorKey(storage, 'n1'), null);
  saveCoordinatorKey(storage, 'n1', 'secret');
  assert.equal(loadCoordinatorKey(storage, 'n1'), 'secret');
  assert.equal(loadCoordinatorKey(storage, 'n2'), null);
  saveCoordinatorKey(storage, 'n1', null);
  assert.equal(loadCoordinatorKey(storage, 'n1'), null);
});
