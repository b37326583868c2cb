import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, initialState, currentItem, yourPlace, visibleChat, yourRoom, breakoutsRunning, EVENT_NAMES, CHAT_LIMIT } from '../js/store.js';

/** A state after a welcome, frozen so that no reducer may mutate it. */
function welcomed(s = snapshot(), seq = 10) {
  return deepFreeze(apply(initialState(), welcome(s, seq), { receivedAt: 1_000_000 }));
}

test('a welcome replaces the state and sets seq and the clock offset', () => {
  const state = apply(initialState(), welcome(snapshot({ serverTime: 5_000 }), 7, 5_000), { receivedAt: 4_000 });
  assert.equal(state.seq, 7);
  assert.equal(state.offset, 1_000);
  assert.equal(state.snapshot.meeting.title, 'Lerend netwerk');
});

test('the clock offset uses the middle of the round trip when the hello time is known', () => {
  const state = apply(initialState(), welcome(snapshot({ serverTime: 10_000 }), 1, 10_000), { sentAt: 1_000, receivedAt: 1_200 });
  assert.equal(state.offset, 10_000 - 1_100);
});

test('an event about something that just happened corrects a clock estimate that lags', () => {
  // The welcome's round trip says the offset is between 8_800 and 9_000; we guess 8_900.
  let state = apply(initialState(), welcome(snapshot({ serverTime: 10_000 }), 1, 10_000), { sentAt: 1_000, receivedAt: 1_200 });
  assert.equal(state.offset, 8_900);
  // An item started at server time 15_000 and we heard of it at local 6_050: the offset is at least 8_950.
  const agenda = { currentItemId: 'i1', items: [{ ...snapshot().agenda.items[0], status: 'running', startedAt: 15_000, endsAt: 315_000 }] };
  state = apply(state, event(2, 'agenda.changed', { agenda }), { receivedAt: 6_050 });
  assert.equal(state.offset, (8_950 + 9_000) / 2);
  // so the fresh five-minute countdown shows 5:00, never 5:01
  assert.ok(315_000 - (6_050 + state.offset) <= 300_000);
  // deadlines in the future are no evidence
  const extended = { ...agenda, items: [{ ...agenda.items[0], endsAt: 999_999 }] };
  assert.equal(apply(state, event(3, 'agenda.changed', { agenda: extended }), { receivedAt: 6_050 }).offset, state.offset);
});

test('a second welcome (reconnect) resynchronises everything', () => {
  const first = welcomed();
  const fresh = snapshot({ announcement: { text: 'Pauze', at: 1 } });
  const state = apply(first, welcome(fresh, 42, 1_000_000), { receivedAt: 1_000_000 });
  assert.equal(state.seq, 42);
  assert.deepEqual(state.snapshot.announcement, { text: 'Pauze', at: 1 });
});

test('events before any welcome are ignored', () => {
  const state = initialState();
  assert.equal(apply(state, event(1, 'queue.changed', { queue: { speaker: null, hands: [] } })), state);
});

test('stale and repeated events are ignored; state.snapshot may repeat the last seq', () => {
  const state = welcomed(snapshot(), 10);
  assert.equal(apply(state, event(9, 'announcement.changed', { announcement: { text: 'x', at: 1 } })), state);
  assert.equal(apply(state, event(10, 'announcement.changed', { announcement: { text: 'x', at: 1 } })), state);
  const replaced = apply(state, event(10, 'state.snapshot', snapshot({ announcement: { text: 'y', at: 2 } })));
  assert.equal(replaced.snapshot.announcement.text, 'y');
});

test('unknown events move seq on and change nothing else', () => {
  const state = welcomed();
  const next = apply(state, event(11, 'something.new', { x: 1 }));
  assert.equal(next.seq, 11);
  assert.equal(next.snapshot, state.snapshot);
});

test('participant.joined appends, and does not duplicate a known participant', () => {
  const state = welcomed();
  const cas = person('p4', 'Cas', 'Stad Gent');
  const next = apply(state, event(11, 'participant.joined', { participant: cas }));
  assert.deepEqual(next.snapshot.participants.map(p => p.participantId), ['p1', 'p2', 'mod', 'p4']);
  const again = apply(next, event(12, 'participant.joined', { participant: { ...cas, online: false } }));
  assert.equal(again.snapshot.participants.filter(p => p.participantId === 'p4').length, 1);
  assert.equal(again.snapshot.participants.find(p => p.participantId === 'p4').online, false);
});

test('participant.updated replaces the entry and updates you when it is you', () => {
  const state = welcomed();
  const bram = { ...person('p2', 'Bram', 'OCMW Aalst'), online: false };
  const next = apply(state, event(11, 'participant.updated', { participant: bram }));
  assert.equal(next.snapshot.participants.find(p => p.participantId === 'p2').online, false);
  assert.equal(next.snapshot.you, state.snapshot.you);

  const me = { ...person('p1', 'An', 'Bibliotheek Gent'), role: 'moderator', mutedInChat: true, roomId: 'r1' };
  const mine = apply(next, event(12, 'participant.updated', { participant: me }));
  assert.deepEqual(mine.snapshot.you, { participantId: 'p1', role: 'moderator', roomId: 'r1', mutedInChat: true });
});

test('presence.changed sets who is online and who is not, several at once (P8)', () => {
  const state = welcomed();
  const others = state.snapshot.participants.filter(p => p.participantId !== 'p1').map(p => p.participantId);
  assert.ok(others.length >= 1);
  const next = apply(state, event(11, 'presence.changed', { online: ['p1'], offline: others }));
  for (const id of others) {
    assert.equal(next.snapshot.participants.find(q => q.participantId === id).online, false);
  }
  assert.equal(next.snapshot.participants.find(q => q.participantId === 'p1').online, true);
  assert.equal(next.snapshot.participants.length, state.snapshot.participants.length);
  assert.equal(next.snapshot.you, state.snapshot.you);
});

test('participant events bring the rooms along when someone moves during a round', () => {
  let state = apply(welcomed(), event(11, 'breakouts.opened', { breakouts: rooms() }));
  const moved = rooms();
  moved.rooms[0] = { ...moved.rooms[0], participantIds: ['p1', 'p2'] };
  moved.rooms[1] = { ...moved.rooms[1], participantIds: [] };
  state = apply(state, event(12, 'participant.updated', { participant: { ...person('p2', 'Bram', 'OCMW Aalst'), roomId: 'r1' }, breakouts: moved }));
  assert.deepEqual(state.snapshot.breakouts.rooms.map(r => r.participantIds), [['p1', 'p2'], []]);
  assert.equal(state.snapshot.participants.find(p => p.participantId === 'p2').roomId, 'r1');
  const gone = { ...moved, rooms: [{ ...moved.rooms[0], participantIds: ['p1'] }, moved.rooms[1]] };
  state = apply(state, event(13, 'participant.removed', { participantId: 'p2', breakouts: gone }));
  assert.deepEqual(state.snapshot.breakouts.rooms.map(r => r.participantIds), [['p1'], []]);
  // without rooms in the event, the rooms stay as they are
  state = apply(state, event(14, 'participant.updated', { participant: { ...person('p1', 'An', 'Bibliotheek Gent'), roomId: 'r1', online: false } }));
  assert.deepEqual(state.snapshot.breakouts.rooms.map(r => r.participantIds), [['p1'], []]);
});

test('participant.removed drops the person, their hand and their turn', () => {
  const s = snapshot({
    queue: { speaker: { participantId: 'p2', since: 1, limitSeconds: null }, hands: [{ participantId: 'p2', kind: 'speak', raisedAt: 1 }, { participantId: 'p1', kind: 'speak', raisedAt: 2 }] },
  });
  const next = apply(welcomed(s), event(11, 'participant.removed', { participantId: 'p2' }));
  assert.deepEqual(next.snapshot.participants.map(p => p.participantId), ['p1', 'mod']);
  assert.equal(next.snapshot.queue.speaker, null);
  assert.deepEqual(next.snapshot.queue.hands.map(h => h.participantId), ['p1']);
});

test('meeting, announcement, agenda and queue events replace their section', () => {
  let state = welcomed();
  state = apply(state, event(11, 'meeting.updated', { meeting: { ...state.snapshot.meeting, locked: true } }));
  assert.equal(state.snapshot.meeting.locked, true);
  state = apply(state, event(12, 'announcement.changed', { announcement: { text: 'Pauze tot 11u', at: 5 } }));
  assert.equal(state.snapshot.announcement.text, 'Pauze tot 11u');
  state = apply(state, event(13, 'announcement.changed', { announcement: null }));
  assert.equal(state.snapshot.announcement, null);
  const agenda = { currentItemId: 'i1', items: [{ ...snapshot().agenda.items[0], status: 'running', startedAt: 1, endsAt: 301_000 }] };
  state = apply(state, event(14, 'agenda.changed', { agenda }));
  assert.equal(currentItem(state.snapshot).itemId, 'i1');
  state = apply(state, event(15, 'agenda.overtime', { itemId: 'i1', agenda: { ...agenda, items: [{ ...agenda.items[0], overtime: true }] } }));
  assert.equal(state.snapshot.agenda.items[0].overtime, true);
  const queue = { speaker: null, hands: [{ participantId: 'p2', kind: 'reply', raisedAt: 3 }, { participantId: 'p1', kind: 'speak', raisedAt: 2 }] };
  state = apply(state, event(16, 'queue.changed', { queue }));
  assert.equal(yourPlace(state.snapshot), 2);
  state = apply(state, event(17, 'floor.overtime', { participantId: 'p2', queue: { ...queue, speaker: { participantId: 'p2', since: 1, limitSeconds: 60, overtime: true } } }));
  assert.equal(state.snapshot.queue.speaker.overtime, true);
});

test('chat.message appends once and keeps the last 100; chat.deleted drops', () => {
  let state = welcomed();
  for (let i = 0; i < CHAT_LIMIT + 5; i++) {
    state = apply(state, event(11 + i, 'chat.message', { message: { messageId: `m${i}`, roomId: null, participantId: 'p2', name: 'Bram', text: `hallo ${i}`, sentAt: i } }));
  }
  assert.equal(state.snapshot.chat.length, CHAT_LIMIT);
  assert.equal(state.snapshot.chat[0].messageId, 'm5');
  const same = apply(state, event(500, 'chat.message', { message: state.snapshot.chat[3] }));
  assert.equal(same.snapshot.chat.length, CHAT_LIMIT);
  const deleted = apply(same, event(501, 'chat.deleted', { messageId: 'm7', roomId: null }));
  assert.ok(!deleted.snapshot.chat.some(m => m.messageId === 'm7'));
});

test('breakouts.opened sets the rooms of listed participants, never of moderators', () => {
  const next = apply(welcomed(), event(11, 'breakouts.opened', { breakouts: rooms() }));
  const roomOf = Object.fromEntries(next.snapshot.participants.map(p => [p.participantId, p.roomId]));
  assert.deepEqual(roomOf, { p1: 'r1', p2: 'r2', mod: null });
  assert.equal(next.snapshot.you.roomId, 'r1');
  assert.equal(yourRoom(next.snapshot).name, 'Groep 1');
  assert.ok(breakoutsRunning(next.snapshot));
});

test('a moderator listed nowhere keeps the plenary when rooms open', () => {
  const s = snapshot({ you: { participantId: 'mod', role: 'moderator', roomId: null, mutedInChat: false } });
  const next = apply(welcomed(s), event(11, 'breakouts.opened', { breakouts: rooms() }));
  assert.equal(next.snapshot.you.roomId, null);
});

test('breakouts.changed, broadcast, warning and insight.added update the round', () => {
  let state = apply(welcomed(), event(11, 'breakouts.opened', { breakouts: rooms() }));
  state = apply(state, event(12, 'breakouts.changed', { breakouts: { ...rooms(), endsAt: 2_060_000 } }));
  assert.equal(state.snapshot.breakouts.endsAt, 2_060_000);
  state = apply(state, event(13, 'breakouts.broadcast', { broadcast: { text: 'Nog 5 minuten', at: 9 } }));
  assert.equal(state.snapshot.breakouts.broadcast.text, 'Nog 5 minuten');
  state = apply(state, event(14, 'breakouts.warning', { endsAt: 2_060_000, secondsLeft: 60 }));
  assert.equal(state.snapshot.breakouts.warned, true);
  const insight = { insightId: 'n1', participantId: 'p1', text: 'Samen lezen werkt', at: 10 };
  state = apply(state, event(15, 'insight.added', { roomId: 'r1', insight }));
  state = apply(state, event(16, 'insight.added', { roomId: 'r1', insight }));
  assert.deepEqual(state.snapshot.breakouts.rooms[0].insights, [insight]);
  assert.deepEqual(state.snapshot.breakouts.rooms[1].insights, []);
});

test('breakouts.closed brings everyone back and replaces the chat with the plenary chat', () => {
  let state = apply(welcomed(), event(11, 'breakouts.opened', { breakouts: rooms() }));
  state = apply(state, event(12, 'chat.message', { message: { messageId: 'room', roomId: 'r1', participantId: 'p1', name: 'An', text: 'in de groep', sentAt: 1 } }));
  assert.deepEqual(visibleChat(state.snapshot).map(m => m.messageId), ['room']);
  const plenary = [{ messageId: 'pl', roomId: null, participantId: 'p2', name: 'Bram', text: 'plenair', sentAt: 2 }];
  state = apply(state, event(13, 'breakouts.closed', { breakouts: { ...rooms(), status: 'closed' }, chat: plenary }));
  assert.equal(state.snapshot.you.roomId, null);
  assert.ok(state.snapshot.participants.every(p => p.roomId === null));
  assert.deepEqual(visibleChat(state.snapshot).map(m => m.messageId), ['pl']);
  assert.ok(!breakoutsRunning(state.snapshot));
});

test('state.snapshot replaces the whole snapshot', () => {
  const moved = snapshot({ you: { participantId: 'p1', role: 'participant', roomId: 'r2', mutedInChat: false }, breakouts: rooms() });
  const next = apply(welcomed(), event(11, 'state.snapshot', moved));
  assert.equal(next.snapshot, moved);
});

test('every event name of docs/protocol.md section 4 has a reducer', () => {
  const documented = ['participant.joined', 'participant.updated', 'presence.changed', 'participant.removed', 'meeting.updated',
    'announcement.changed', 'agenda.changed', 'agenda.overtime', 'queue.changed', 'floor.overtime', 'chat.message',
    'chat.deleted', 'breakouts.opened', 'breakouts.changed', 'breakouts.broadcast', 'breakouts.warning',
    'breakouts.closed', 'insight.added', 'state.snapshot'];
  assert.deepEqual([...EVENT_NAMES].sort(), [...documented].sort());
});

test('applying events gives what a fresh welcome would give', () => {
  // A small session: someone joins, raises a hand, gets the floor, chats.
  let state = welcomed();
  const cas = person('p4', 'Cas', 'Stad Gent');
  const queue = { speaker: { participantId: 'p4', since: 5, limitSeconds: 120 }, hands: [] };
  const msg = { messageId: 'm1', roomId: null, participantId: 'p4', name: 'Cas', text: '<b>hoi</b>', sentAt: 6 };
  state = apply(state, event(11, 'participant.joined', { participant: cas }));
  state = apply(state, event(12, 'queue.changed', { queue }));
  state = apply(state, event(13, 'chat.message', { message: msg }));
  const expected = snapshot({ participants: [...snapshot().participants, cas], queue, chat: [msg] });
  assert.deepEqual(state.snapshot, expected);
});

// ---- test data shaped like protocol.md section 3

function snapshot(overrides = {}) {
  return {
    meeting: { meetingId: 'm1', title: 'Lerend netwerk', status: 'open', locked: false, language: 'nl' },
    you: { participantId: 'p1', role: 'participant', roomId: null, mutedInChat: false },
    participants: [
      person('p1', 'An', 'Bibliotheek Gent'),
      person('p2', 'Bram', 'OCMW Aalst'),
      { ...person('mod', 'Mo', 'Kring'), role: 'moderator' },
    ],
    agenda: {
      currentItemId: null,
      items: [
        { itemId: 'i1', title: 'Welkom', kind: 'plenary', durationSeconds: 300, status: 'pending', startedAt: null, endsAt: null, endedAt: null },
        { itemId: 'i2', title: 'Groepswerk', kind: 'breakout', durationSeconds: 1200, status: 'pending', startedAt: null, endsAt: null, endedAt: null },
      ],
    },
    queue: { speaker: null, hands: [] },
    breakouts: { status: 'closed', strategy: null, endsAt: null, closingAt: null, broadcast: null, rooms: [] },
    chat: [],
    announcement: null,
    serverTime: 1_000_000,
    ...overrides,
  };
}

/** @param {string} id @param {string} name @param {string} organisation */
function person(id, name, organisation) {
  return { participantId: id, name, organisation, role: 'participant', online: true, roomId: null, mutedInChat: false };
}

function welcome(state = snapshot(), seq = 10, serverTime = 1_000_000) {
  return { type: 'welcome', seq, serverTime, state };
}

/** @param {number} seq @param {string} name @param {any} data */
function event(seq, name, data) {
  return { type: 'event', seq, name, data };
}

/** Freezes deeply, so a reducer that mutates its input throws. @param {any} value */
function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function rooms() {
  return {
    status: 'open', strategy: 'random', endsAt: 2_000_000, closingAt: null, broadcast: null,
    rooms: [
      { roomId: 'r1', name: 'Groep 1', topic: 'Lezen', participantIds: ['p1'], helpRequested: false, insights: [] },
      { roomId: 'r2', name: 'Groep 2', topic: '', participantIds: ['p2'], helpRequested: false, insights: [] },
    ],
  };
}
