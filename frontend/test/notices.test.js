import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticesFor } from '../js/notices.js';
import { apply, initialState } from '../js/store.js';
import { translate } from '../js/i18n.js';

const t = (key, vars) => translate('en', key, vars);

function snap(overrides = {}) {
  return {
    meeting: { meetingId: 'm', title: 'T', status: 'open', locked: false, language: 'en' },
    you: { participantId: 'me', role: 'participant', roomId: null, mutedInChat: false },
    participants: [],
    agenda: { currentItemId: null, items: [] },
    queue: { speaker: null, hands: [] },
    breakouts: { status: 'closed', broadcast: null, rooms: [] },
    chat: [],
    announcement: null,
    ...overrides,
  };
}

test('getting the floor is said at once (assertive)', () => {
  const before = snap({ queue: { speaker: null, hands: [{ participantId: 'me', kind: 'speak', raisedAt: 1 }] } });
  const after = snap({ queue: { speaker: { participantId: 'me', since: 2, limitSeconds: null }, hands: [] } });
  assert.deepEqual(noticesFor(before, after, null, t), [{ text: 'You have the floor.', assertive: true }]);
  assert.deepEqual(noticesFor(after, after, null, t), [], 'said once, not on every event');
});

test('being next in the queue is said politely', () => {
  const before = snap({ queue: { speaker: null, hands: [{ participantId: 'x', kind: 'speak', raisedAt: 1 }, { participantId: 'me', kind: 'speak', raisedAt: 2 }] } });
  const after = snap({ queue: { speaker: { participantId: 'x', since: 3, limitSeconds: null }, hands: [{ participantId: 'me', kind: 'speak', raisedAt: 2 }] } });
  assert.deepEqual(noticesFor(before, after, null, t), [{ text: 'You are the next speaker.', assertive: false }]);
});

test('moving into a room and back is said', () => {
  const rooms = { status: 'open', broadcast: null, rooms: [{ roomId: 'r1', name: 'Group 1', participantIds: ['me'], insights: [] }] };
  const plenary = snap({ breakouts: rooms });
  const inRoom = snap({ breakouts: rooms, you: { participantId: 'me', role: 'participant', roomId: 'r1', mutedInChat: false } });
  assert.deepEqual(noticesFor(plenary, inRoom, null, t).map(n => n.text), ['You are now in Group 1.']);
  assert.deepEqual(noticesFor(inRoom, plenary, null, t).map(n => n.text), ['You are back in the plenary.']);
});

test('the one-minute warning, announcements and broadcasts are said', () => {
  const s = snap({ announcement: { text: 'Break until 11', at: 1 }, breakouts: { status: 'open', broadcast: { text: 'Wrap up', at: 2 }, rooms: [] } });
  assert.deepEqual(noticesFor(s, s, { name: 'breakouts.warning' }, t).map(n => n.text), ['One minute of group work left.']);
  assert.deepEqual(noticesFor(s, s, { name: 'announcement.changed' }, t).map(n => n.text), ['Announcement: Break until 11']);
  assert.deepEqual(noticesFor(s, s, { name: 'breakouts.broadcast' }, t).map(n => n.text), ['Message from the moderator: Wrap up']);
  assert.deepEqual(noticesFor(null, s, { name: 'breakouts.warning' }, t).length, 1, 'also right after a welcome');
});

test('role and chat changes are said; a moderator hears a call for help', () => {
  const before = snap();
  const promoted = snap({ you: { participantId: 'me', role: 'moderator', roomId: null, mutedInChat: false } });
  assert.deepEqual(noticesFor(before, promoted, null, t).map(n => n.text), ['You are now a moderator.']);
  const muted = snap({ you: { participantId: 'me', role: 'participant', roomId: null, mutedInChat: true } });
  assert.deepEqual(noticesFor(before, muted, null, t).map(n => n.text), ['The moderator turned off your chat.']);

  const room = { roomId: 'r2', name: 'Group 2', participantIds: [], helpRequested: false, insights: [] };
  const calm = snap({ you: promoted.you, breakouts: { status: 'open', broadcast: null, rooms: [room] } });
  const help = snap({ you: promoted.you, breakouts: { status: 'open', broadcast: null, rooms: [{ ...room, helpRequested: true }] } });
  assert.deepEqual(noticesFor(calm, help, null, t), [{ text: 'Group 2 asks for help.', assertive: true }]);
  const asParticipant = (x) => ({ ...x, you: before.you });
  assert.deepEqual(noticesFor(asParticipant(calm), asParticipant(help), null, t), [], 'participants are not interrupted');
});

test('the per-change events, applied by the store, lead to the same notices', () => {
  const welcome = { type: 'welcome', seq: 1, serverTime: 1_000, state: snap({
    participants: [{ participantId: 'x', name: 'X', role: 'participant', online: true, roomId: null, mutedInChat: false }],
    queue: { speaker: null, hands: [{ participantId: 'x', kind: 'speak', raisedAt: 1 }, { participantId: 'me', kind: 'speak', raisedAt: 2 }] },
  }) };
  /** @param {any} state @param {number} seq @param {string} name @param {any} data */
  const step = (state, seq, name, data) => {
    const event = { type: 'event', seq, name, data };
    const next = apply(state, event);
    return { next, said: noticesFor(state.snapshot, next.snapshot, event, t) };
  };
  let state = apply(initialState(), welcome);
  let { next, said } = step(state, 2, 'floor.given', { speaker: { participantId: 'x', since: 3, limitSeconds: null, overtime: false } });
  assert.deepEqual(said, [{ text: 'You are the next speaker.', assertive: false }]);
  ({ next, said } = step(next, 3, 'floor.given', { speaker: { participantId: 'me', since: 4, limitSeconds: 60, overtime: false } }));
  assert.deepEqual(said, [{ text: 'You have the floor.', assertive: true }]);
  ({ said } = step(next, 4, 'floor.overtime', { speaker: { participantId: 'me', since: 4, limitSeconds: 60, overtime: true } }));
  assert.deepEqual(said, [], 'still the same turn');

  const room = { roomId: 'r2', name: 'Group 2', participantIds: [], helpRequested: false, insights: [] };
  state = apply(initialState(), { ...welcome, state: snap({
    you: { participantId: 'me', role: 'moderator', roomId: null, mutedInChat: false },
    breakouts: { status: 'open', broadcast: null, rooms: [room] },
  }) });
  ({ said } = step(state, 2, 'breakouts.helpRequested', { roomId: 'r2' }));
  assert.deepEqual(said, [{ text: 'Group 2 asks for help.', assertive: true }]);
  let done;
  ({ next: done, said } = step(state, 2, 'room.done', { roomId: 'r2', done: true }));
  assert.deepEqual(said, [{ text: 'Group 2 is done.', assertive: false }], 'RD1: the moderator hears a group is done');
  ({ said } = step(done, 3, 'room.done', { roomId: 'r2', done: false }));
  assert.deepEqual(said, [], 'undone is shown, not said');
});

test('a report-back says which group reports now, and when it ended', () => {
  const rooms = { status: 'closed', broadcast: null, rooms: [{ roomId: 'r1', name: 'Group 1', participantIds: [], insights: [] },
    { roomId: 'r2', name: 'Group 2', participantIds: [], insights: [] }] };
  const before = snap({ breakouts: rooms, reportback: null });
  const shown = snap({ breakouts: rooms, reportback: { roundIndex: 0, roomId: 'r2', endsAt: 5, secondsPerRoom: 60 } });
  assert.deepEqual(noticesFor(before, shown, { name: 'reportback.shown' }, t).map(n => n.text), ['Report-back: now Group 2.']);
  assert.deepEqual(noticesFor(shown, before, { name: 'reportback.ended' }, t).map(n => n.text), ['The report-back has ended.']);
});
