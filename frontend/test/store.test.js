import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, initialState, currentItem, yourPlace, visibleChat, yourRoom, breakoutsRunning, EVENT_NAMES, CHAT_LIMIT, currentPoll } from '../js/store.js';

/** A state after a welcome, frozen so that no reducer may mutate it. */
function welcomed(s = snapshot(), seq = 10) {
  return deepFreeze(apply(initialState(), welcome(s, seq), { receivedAt: 1_000_000 }));
}

/**
 * Applies events one after the other, each with the next seq, and returns the snapshot.
 * @param {any} state @param {...[string, any]} events
 */
function applied(state, ...events) {
  let seq = state.seq;
  for (const [name, data] of events) state = apply(state, event(++seq, name, data));
  assert.equal(state.seq, seq, 'every event was taken');
  return state.snapshot;
}

// ---- welcome, seq and clock

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
  const started = running(item('i1'), 15_000);
  state = apply(state, event(2, 'agenda.started', { item: started }), { receivedAt: 6_050 });
  assert.equal(state.offset, (8_950 + 9_000) / 2);
  // so the fresh five-minute countdown shows 5:00, never 5:01
  assert.ok(started.endsAt - (6_050 + state.offset) <= 300_000);
  // deadlines in the future are no evidence
  const extended = { ...started, endsAt: 999_999 };
  assert.equal(apply(state, event(3, 'agenda.extended', { item: extended }), { receivedAt: 6_050 }).offset, state.offset);
});

test('a second welcome (reconnect) resynchronises everything', () => {
  const first = welcomed();
  const fresh = snapshot({ announcement: { text: 'Pauze', at: 1 } });
  const state = apply(first, welcome(fresh, 42, 1_000_000), { receivedAt: 1_000_000 });
  assert.equal(state.seq, 42);
  assert.deepEqual(state.snapshot, fresh);
});

test('events before any welcome are ignored', () => {
  const state = initialState();
  assert.equal(apply(state, event(1, 'hand.raised', { hand: hand('p1', 'speak', 1), index: 0 })), state);
});

test('stale and repeated events are ignored; state.snapshot may repeat the last seq', () => {
  const state = welcomed(snapshot(), 10);
  assert.equal(apply(state, event(9, 'announcement.changed', { announcement: { text: 'x', at: 1 } })), state);
  assert.equal(apply(state, event(10, 'announcement.changed', { announcement: { text: 'x', at: 1 } })), state);
  const replaced = apply(state, event(10, 'state.snapshot', snapshot({ announcement: { text: 'y', at: 2 } })));
  assert.equal(replaced.snapshot.announcement.text, 'y');
});

test('an unknown event moves seq on and leaves the snapshot as it was', () => {
  const state = welcomed();
  const next = apply(state, event(11, 'something.new', { x: 1 }));
  assert.equal(next.seq, 11);
  assert.equal(next.snapshot, state.snapshot);
  assert.deepEqual(next.snapshot, snapshot());
});

test('the old whole-section events are unknown now and change nothing', () => {
  const state = welcomed();
  const queue = { speaker: null, hands: [hand('p2', 'speak', 3)] };
  for (const [name, data] of [['queue.changed', { queue }], ['agenda.changed', { agenda: { currentItemId: null, items: [] } }],
    ['breakouts.changed', { breakouts: openRound() }]]) {
    assert.deepEqual(apply(state, event(11, name, data)).snapshot, snapshot(), name);
  }
});

test('every event name of the catalog (docs/protocol.md section 4) has a reducer, and no other', () => {
  const documented = ['participant.joined', 'participant.updated', 'presence.changed', 'participant.removed',
    'meeting.updated', 'announcement.changed',
    'agenda.added', 'agenda.updated', 'agenda.removed', 'agenda.moved', 'agenda.started', 'agenda.ended',
    'agenda.extended', 'agenda.overtime',
    'hand.raised', 'hand.lowered', 'floor.given', 'floor.ended', 'floor.overtime', 'floor.round',
    'chat.message', 'chat.deleted',
    'breakouts.opened', 'breakouts.extended', 'breakouts.closing', 'breakouts.helpRequested', 'breakouts.helpAnswered',
    'breakouts.broadcast', 'breakouts.warning', 'breakouts.closed', 'insight.added', 'room.done', 'state.snapshot',
    'insight.edited', 'insight.removed', 'question.asked', 'question.voted', 'question.answered', 'question.removed',
    'poll.opened', 'poll.voted', 'poll.results', 'poll.closed', 'reportback.shown', 'reportback.ended'];
  assert.deepEqual([...EVENT_NAMES].sort(), [...documented].sort());
});

// ---- polls (POLL)

/** @param {string} pollId @param {any} [overrides] */
function poll(pollId, overrides = {}) {
  return {
    pollId, question: 'Koffie?', options: ['ja', 'nee'], multiple: false, maxChoices: 1, anonymous: true,
    showResults: 'onClose', status: 'open', openedAt: 1, closedAt: null, yourChoices: [], results: null,
    fromRound: null, votes: null, ...overrides,
  };
}

test('poll.opened adds a poll once; poll.voted sets your choices; poll.closed closes it with the final counts', () => {
  const s = applied(welcomed(snapshot({ polls: [] })),
    ['poll.opened', { poll: poll('q1') }], ['poll.opened', { poll: poll('q1') }],
    ['poll.voted', { pollId: 'q1', yourChoices: [1] }],
    ['poll.closed', { pollId: 'q1', results: { counts: [2, 1], voters: 3 }, closedAt: 9 }]);
  assert.equal(s.polls.length, 1);
  assert.deepEqual(s.polls[0].yourChoices, [1]);
  assert.equal(s.polls[0].status, 'closed');
  assert.equal(s.polls[0].closedAt, 9);
  assert.deepEqual(s.polls[0].results, { counts: [2, 1], voters: 3 });
});

test('poll.results replaces the counts and adds the told choices to who chose what (moderators)', () => {
  const start = snapshot({ polls: [poll('q1', { anonymous: false, votes: {}, results: { counts: [0, 0], voters: 0 } })] });
  const s = applied(welcomed(start),
    ['poll.results', { pollId: 'q1', results: { counts: [1, 0], voters: 1 }, votes: { p2: [0] } }],
    ['poll.results', { pollId: 'q1', results: { counts: [1, 1], voters: 2 }, votes: { p3: [1] } }],
    ['poll.results', { pollId: 'q1', results: { counts: [0, 2], voters: 2 }, votes: { p2: [1] } }]);
  assert.deepEqual(s.polls[0].results, { counts: [0, 2], voters: 2 });
  assert.deepEqual(s.polls[0].votes, { p2: [1], p3: [1] });
});

test('an event about an unknown poll changes nothing; a snapshot without polls takes a new one', () => {
  const s = applied(welcomed(), ['poll.voted', { pollId: 'nope', yourChoices: [0] }], ['poll.opened', { poll: poll('q2') }]);
  assert.deepEqual(s.polls.map(p => p.pollId), ['q2']);
});

test('the poll shown is the open poll opened last, or else the last poll', () => {
  assert.equal(currentPoll(snapshot()), null);
  assert.equal(currentPoll(snapshot({ polls: [poll('a'), poll('b', { status: 'closed' })] })).pollId, 'a');
  assert.equal(currentPoll(snapshot({ polls: [poll('a', { status: 'closed' }), poll('b', { status: 'closed' })] })).pollId, 'b');
});

// ---- participants

test('participant.joined appends, and does not duplicate a known participant', () => {
  const cas = person('p4', 'Cas', 'Stad Gent');
  const state = welcomed();
  assert.deepEqual(applied(state, ['participant.joined', { participant: cas }]),
    snapshot({ participants: [...people(), cas] }));
  assert.deepEqual(applied(state, ['participant.joined', { participant: cas }], ['participant.joined', { participant: { ...cas, online: false } }]),
    snapshot({ participants: [...people(), { ...cas, online: false }] }));
});

test('participant.joined of someone without a device keeps attendance inRoom, offline; an update keeps it', () => {
  const els = { ...person('p9', 'Els', 'OCMW'), online: false, attendance: 'inRoom' };
  assert.deepEqual(applied(welcomed(), ['participant.joined', { participant: els }]),
    snapshot({ participants: [...people(), els] }));
  const moved = applied(welcomed(), ['participant.joined', { participant: els }],
    ['participant.updated', { participant: { ...els, roomId: 'r1' } }]);
  assert.equal(moved.participants.at(-1).attendance, 'inRoom');
  assert.equal(moved.participants.at(-1).roomId, 'r1');
});

test('participant.updated replaces the entry and leaves you alone when it is someone else', () => {
  const bram = { ...person('p2', 'Bram', 'OCMW Aalst'), online: false, mutedInChat: true };
  assert.deepEqual(applied(welcomed(), ['participant.updated', { participant: bram }]),
    snapshot({ participants: [people()[0], bram, people()[2]] }));
});

test('participant.updated updates you (role, room, mute) when it is you', () => {
  const me = { ...person('p1', 'An', 'Bibliotheek Gent'), role: 'moderator', mutedInChat: true };
  assert.deepEqual(applied(welcomed(), ['participant.updated', { participant: me }]), snapshot({
    participants: [me, people()[1], people()[2]],
    you: { participantId: 'p1', role: 'moderator', roomId: null, mutedInChat: true },
  }));
});

test('presence.changed sets who is online and who is not, several at once (P8)', () => {
  const s = snapshot({ participants: people().map(p => (p.participantId === 'p1' ? { ...p, online: false } : p)) });
  assert.deepEqual(applied(welcomed(s), ['presence.changed', { online: ['p1'], offline: ['p2', 'mod'] }]), snapshot({
    participants: people().map(p => (p.participantId === 'p1' ? p : { ...p, online: false })),
  }));
});

test('participant.removed drops the person, their hand and their turn', () => {
  const s = snapshot({ queue: { speaker: speaker('p2', 1), hands: [hand('p2', 'speak', 1), hand('p1', 'speak', 2)] } });
  assert.deepEqual(applied(welcomed(s), ['participant.removed', { participantId: 'p2' }]), snapshot({
    participants: [people()[0], people()[2]],
    queue: { speaker: null, hands: [hand('p1', 'speak', 2)] },
  }));
  // someone else's turn stays
  const other = snapshot({ queue: { speaker: speaker('p1', 1), hands: [hand('p2', 'speak', 1)] } });
  assert.deepEqual(applied(welcomed(other), ['participant.removed', { participantId: 'p2' }]), snapshot({
    participants: [people()[0], people()[2]],
    queue: { speaker: speaker('p1', 1), hands: [] },
  }));
});

// ---- rule R: the room lists follow the participants while a round is open or closing

test('participant.updated moving someone between rooms recomputes the room lists in participants order', () => {
  const state = welcomed(inRound());
  // p2 joins p1 and p4 in r1: listed between them, as in participants, not at the end
  const p2inR1 = { ...roomed('p2', 'r1') };
  assert.deepEqual(applied(state, ['participant.updated', { participant: p2inR1 }]),
    inRound({ p2: 'r1' }, { r1: ['p1', 'p2', 'p4'], r2: [] }));
  // p1 goes back to the plenary: they leave r1's list
  assert.deepEqual(applied(state, ['participant.updated', { participant: roomed('p1', null) }]),
    inRound({ p1: null }, { r1: ['p4'], r2: ['p2'] }, { you: { participantId: 'p1', role: 'participant', roomId: null, mutedInChat: false } }));
});

test('moderators are never listed in a room, also when they visit it or are promoted in it', () => {
  const state = welcomed(inRound());
  const visiting = { ...roomed('mod', 'r2'), role: 'moderator' };
  assert.deepEqual(applied(state, ['participant.updated', { participant: visiting }]),
    inRound({ mod: 'r2' }, { r1: ['p1', 'p4'], r2: ['p2'] }));
  const promoted = { ...roomed('p4', 'r1'), role: 'moderator' };
  const expected = inRound({}, { r1: ['p1'], r2: ['p2'] });
  expected.participants = expected.participants.map(p => (p.participantId === 'p4' ? promoted : p));
  assert.deepEqual(applied(state, ['participant.updated', { participant: promoted }]), expected);
});

test('rule R also holds while the round is closing', () => {
  const closing = inRound({}, undefined, { breakouts: { ...openRound(['p1', 'p4'], ['p2']), status: 'closing', closingAt: 1_500_000 } });
  const expected = inRound({ p4: 'r2' }, undefined, { breakouts: { ...openRound(['p1'], ['p2', 'p4']), status: 'closing', closingAt: 1_500_000 } });
  assert.deepEqual(applied(welcomed(closing), ['participant.updated', { participant: roomed('p4', 'r2') }]), expected);
});

test('after the close the room lists stay as they were at the close', () => {
  const closed = { ...openRound(['p1', 'p4'], ['p2']), status: 'closed' };
  const s = snapshot({ participants: [...people(), person('p4', 'Cas', 'Stad Gent')], breakouts: closed });
  const p4 = { ...person('p4', 'Cas', 'Stad Gent'), online: false };
  assert.deepEqual(applied(welcomed(s), ['participant.updated', { participant: p4 }], ['participant.removed', { participantId: 'p2' }]),
    snapshot({ participants: [people()[0], people()[2], p4], breakouts: closed }));
});

test('participant.removed while a round runs takes them out of their room, their hand and their turn', () => {
  const s = inRound({}, undefined, { queue: { speaker: speaker('p4', 5), hands: [hand('p2', 'speak', 3), hand('p4', 'reply', 4)] } });
  const expected = inRound({}, { r1: ['p1'], r2: ['p2'] }, { queue: { speaker: null, hands: [hand('p2', 'speak', 3)] } });
  expected.participants = expected.participants.filter(p => p.participantId !== 'p4');
  assert.deepEqual(applied(welcomed(s), ['participant.removed', { participantId: 'p4' }]), expected);
});

// ---- meeting and announcement

test('meeting.updated and announcement.changed replace their field', () => {
  const meeting = { ...snapshot().meeting, locked: true };
  assert.deepEqual(applied(welcomed(), ['meeting.updated', { meeting }]), snapshot({ meeting }));
  const announcement = { text: 'Pauze tot 11u', at: 5 };
  assert.deepEqual(applied(welcomed(), ['announcement.changed', { announcement }]), snapshot({ announcement }));
  assert.deepEqual(applied(welcomed(snapshot({ announcement })), ['announcement.changed', { announcement: null }]), snapshot());
});

// ---- agenda

test('agenda.added inserts at its position, and a repeat does not list it twice', () => {
  const i3 = item('i3', 'Pauze');
  const expect = (/** @type {any[]} */ items) => snapshot({ agenda: { currentItemId: null, items } });
  assert.deepEqual(applied(welcomed(), ['agenda.added', { item: i3, position: 1 }]), expect([item('i1'), i3, item('i2')]));
  assert.deepEqual(applied(welcomed(), ['agenda.added', { item: i3, position: 0 }]), expect([i3, item('i1'), item('i2')]));
  assert.deepEqual(applied(welcomed(), ['agenda.added', { item: i3, position: 2 }]), expect([item('i1'), item('i2'), i3]));
  assert.deepEqual(applied(welcomed(), ['agenda.added', { item: i3, position: 1 }], ['agenda.added', { item: i3, position: 1 }]),
    expect([item('i1'), i3, item('i2')]));
});

test('agenda.updated replaces the item with the same itemId; agenda.removed drops it', () => {
  const renamed = { ...item('i2'), title: 'Werken in groepen', durationSeconds: 900 };
  assert.deepEqual(applied(welcomed(), ['agenda.updated', { item: renamed }]),
    snapshot({ agenda: { currentItemId: null, items: [item('i1'), renamed] } }));
  assert.deepEqual(applied(welcomed(), ['agenda.removed', { itemId: 'i1' }]),
    snapshot({ agenda: { currentItemId: null, items: [item('i2')] } }));
});

test('agenda.added and agenda.updated carry the description and the prepared round whole (AP1, AP4)', () => {
  const preset = { roomCount: 2, strategy: 'random', graceSeconds: 30, topics: ['Kansen', 'Zorgen'], assignments: null, callUrls: null };
  const prepared = { ...item('i3', 'Ronde'), kind: 'breakout', description: 'Eerst alleen,\ndan samen', breakout: preset };
  const withPrepared = applied(welcomed(), ['agenda.added', { item: prepared, position: 2 }]);
  assert.deepEqual(withPrepared.agenda.items[2].breakout, preset);
  assert.equal(withPrepared.agenda.items[2].description, 'Eerst alleen,\ndan samen');
  const cleared = { ...prepared, description: '', breakout: null };
  const after = applied(welcomed(), ['agenda.added', { item: prepared, position: 2 }], ['agenda.updated', { item: cleared }]);
  assert.deepEqual(after.agenda.items[2], cleared);
});

test('agenda.moved takes the item out and inserts it at toIndex', () => {
  const three = snapshot({ agenda: { currentItemId: null, items: [item('i1'), item('i2'), item('i3')] } });
  const order = (/** @type {string[]} */ ids) => snapshot({ agenda: { currentItemId: null, items: ids.map(id => item(id)) } });
  assert.deepEqual(applied(welcomed(three), ['agenda.moved', { itemId: 'i1', toIndex: 2 }]), order(['i2', 'i3', 'i1']));
  assert.deepEqual(applied(welcomed(three), ['agenda.moved', { itemId: 'i3', toIndex: 0 }]), order(['i3', 'i1', 'i2']));
  assert.deepEqual(applied(welcomed(three), ['agenda.moved', { itemId: 'i2', toIndex: 1 }]), order(['i1', 'i2', 'i3']));
  assert.deepEqual(applied(welcomed(three), ['agenda.moved', { itemId: 'i3', toIndex: 0 }], ['agenda.moved', { itemId: 'i3', toIndex: 0 }]),
    order(['i3', 'i1', 'i2']), 'a repeat changes nothing more');
});

test('agenda.started sets the current item; agenda.ended clears it', () => {
  const started = running(item('i1'), 1_000);
  const afterStart = snapshot({ agenda: { currentItemId: 'i1', items: [started, item('i2')] } });
  assert.deepEqual(applied(welcomed(), ['agenda.started', { item: started }]), afterStart);
  assert.equal(currentItem(afterStart).itemId, 'i1');
  const done = { ...started, status: 'done', endedAt: 200_000 };
  assert.deepEqual(applied(welcomed(afterStart), ['agenda.ended', { item: done }]),
    snapshot({ agenda: { currentItemId: null, items: [done, item('i2')] } }));
});

test('agenda.ended of another item leaves the current one', () => {
  const current = running(item('i2'), 5_000);
  const s = snapshot({ agenda: { currentItemId: 'i2', items: [item('i1'), current] } });
  const done = { ...item('i1'), status: 'done', startedAt: 1_000, endsAt: 301_000, endedAt: 4_000 };
  assert.deepEqual(applied(welcomed(s), ['agenda.ended', { item: done }]),
    snapshot({ agenda: { currentItemId: 'i2', items: [done, current] } }));
});

test('agenda.extended and agenda.overtime replace the item', () => {
  const started = running(item('i1'), 1_000);
  const s = snapshot({ agenda: { currentItemId: 'i1', items: [started, item('i2')] } });
  const extended = { ...started, endsAt: started.endsAt + 60_000 };
  assert.deepEqual(applied(welcomed(s), ['agenda.extended', { item: extended }]),
    snapshot({ agenda: { currentItemId: 'i1', items: [extended, item('i2')] } }));
  const over = { ...started, overtime: true };
  assert.deepEqual(applied(welcomed(s), ['agenda.overtime', { item: over }]),
    snapshot({ agenda: { currentItemId: 'i1', items: [over, item('i2')] } }));
});

// ---- queue and floor

test('hand.raised inserts a new hand where the server says: a point of order in the middle, before the speak hands', () => {
  // Q2: points of order first, then replies, then speak; within a kind, first raised first.
  const s = snapshot({ queue: { speaker: null, hands: [hand('p2', 'pointOfOrder', 1), hand('mod', 'speak', 2)] } });
  const order = hand('p1', 'pointOfOrder', 3);
  const expected = snapshot({ queue: { speaker: null, hands: [hand('p2', 'pointOfOrder', 1), order, hand('mod', 'speak', 2)] } });
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: order, index: 1 }]), expected);
  assert.equal(yourPlace(expected), 2);
  const reply = hand('p1', 'reply', 3);
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: reply, index: 1 }]),
    snapshot({ queue: { speaker: null, hands: [hand('p2', 'pointOfOrder', 1), reply, hand('mod', 'speak', 2)] } }));
  const speak = hand('p1', 'speak', 3);
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: speak, index: 2 }]),
    snapshot({ queue: { speaker: null, hands: [hand('p2', 'pointOfOrder', 1), hand('mod', 'speak', 2), speak] } }), 'at the end');
});

test('hand.raised again with another kind moves the hand (Q3: it keeps raisedAt); a repeat does not duplicate it', () => {
  const s = snapshot({ queue: { speaker: null, hands: [hand('p1', 'reply', 1), hand('mod', 'reply', 3), hand('p2', 'speak', 2)] } });
  const up = hand('mod', 'pointOfOrder', 3);
  const expected = snapshot({ queue: { speaker: null, hands: [up, hand('p1', 'reply', 1), hand('p2', 'speak', 2)] } });
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: up, index: 0 }]), expected, 'moved up');
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: up, index: 0 }], ['hand.raised', { hand: up, index: 0 }]), expected);
  const down = hand('p1', 'speak', 1);
  assert.deepEqual(applied(welcomed(s), ['hand.raised', { hand: down, index: 1 }]),
    snapshot({ queue: { speaker: null, hands: [hand('mod', 'reply', 3), down, hand('p2', 'speak', 2)] } }), 'moved down');
});

test('floor.round gives the floor to the first and queues the others as speak hands in the round order (Q11)', () => {
  const s = snapshot({ queue: { speaker: null, hands: [], roundLimitSeconds: null } });
  const first = speaker('p2', 10, 60);
  const after = applied(welcomed(s),
    ['floor.round', { order: 'random', speaker: first, participantIds: ['p1', 'mod'], raisedAt: 10, roundLimitSeconds: 60 }]);
  assert.deepEqual(after, snapshot({ queue: { speaker: first, hands: [hand('p1', 'speak', 10), hand('mod', 'speak', 10)], roundLimitSeconds: 60 } }));
  assert.equal(yourPlace(after), 1);
});

test('the round limit ends with the queue: the last hand lowered, given the floor or removed (Q12)', () => {
  const s = snapshot({ queue: { speaker: speaker('p2', 10, 60), hands: [hand('p1', 'speak', 10)], roundLimitSeconds: 60 } });
  const empty = { speaker: speaker('p2', 10, 60), hands: [], roundLimitSeconds: null };
  assert.deepEqual(applied(welcomed(s), ['hand.lowered', { participantId: 'p1' }]), snapshot({ queue: empty }));
  assert.deepEqual(applied(welcomed(s), ['participant.removed', { participantId: 'p1' }]).queue, empty);
  assert.deepEqual(applied(welcomed(s), ['hand.lowered', { participantId: 'p1' }], ['floor.given', { speaker: speaker('p1', 20, 60) }]).queue,
    { speaker: speaker('p1', 20, 60), hands: [], roundLimitSeconds: null });
  const two = snapshot({ queue: { speaker: null, hands: [hand('p1', 'speak', 10), hand('p3', 'speak', 10)], roundLimitSeconds: 60 } });
  assert.equal(applied(welcomed(two), ['hand.lowered', { participantId: 'p1' }]).queue.roundLimitSeconds, 60, 'a hand still waits');
});

test('hand.lowered drops the hand', () => {
  const s = snapshot({ queue: { speaker: null, hands: [hand('p1', 'reply', 1), hand('p2', 'speak', 2)] } });
  assert.deepEqual(applied(welcomed(s), ['hand.lowered', { participantId: 'p1' }]),
    snapshot({ queue: { speaker: null, hands: [hand('p2', 'speak', 2)] } }));
  assert.deepEqual(applied(welcomed(s), ['hand.lowered', { participantId: 'p4' }]), s, 'no hand, no change');
});

test('floor.given sets the speaker and drops their hand; floor.ended clears the speaker', () => {
  const s = snapshot({ queue: { speaker: null, hands: [hand('p2', 'speak', 1), hand('p1', 'speak', 2)] } });
  const given = snapshot({ queue: { speaker: speaker('p2', 10, 60), hands: [hand('p1', 'speak', 2)] } });
  assert.deepEqual(applied(welcomed(s), ['floor.given', { speaker: speaker('p2', 10, 60) }]), given);
  assert.equal(yourPlace(given), 1);
  // given to someone without a hand (the hand was lowered first): the hands stay
  assert.deepEqual(applied(welcomed(s), ['floor.given', { speaker: speaker('mod', 10) }]),
    snapshot({ queue: { speaker: speaker('mod', 10), hands: s.queue.hands } }));
  assert.deepEqual(applied(welcomed(given), ['floor.ended', { participantId: 'p2' }]),
    snapshot({ queue: { speaker: null, hands: [hand('p1', 'speak', 2)] } }));
});

test('floor.overtime replaces the speaker', () => {
  const s = snapshot({ queue: { speaker: speaker('p2', 10, 60), hands: [hand('p1', 'speak', 2)] } });
  const over = { ...speaker('p2', 10, 60), overtime: true };
  assert.deepEqual(applied(welcomed(s), ['floor.overtime', { speaker: over }]),
    snapshot({ queue: { speaker: over, hands: [hand('p1', 'speak', 2)] } }));
});

// ---- chat

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

test('chat.deleted brings the revealed older message into view first, once', () => {
  let state = welcomed();
  for (let i = 1; i <= CHAT_LIMIT; i++) {
    state = apply(state, event(10 + i, 'chat.message', { message: { messageId: `m${i}`, roomId: null, participantId: 'p2', name: 'Bram', text: `hallo ${i}`, sentAt: i } }));
  }
  const older = { messageId: 'm0', roomId: null, participantId: 'p2', name: 'Bram', text: 'hallo 0', sentAt: 0 };
  const deleted = apply(state, event(500, 'chat.deleted', { messageId: 'm50', roomId: null, revealed: older }));
  assert.equal(deleted.snapshot.chat.length, CHAT_LIMIT);
  assert.deepEqual(deleted.snapshot.chat[0], older);
  assert.ok(!deleted.snapshot.chat.some(m => m.messageId === 'm50'));
  const again = apply(deleted, event(501, 'chat.deleted', { messageId: 'm50', roomId: null, revealed: older }));
  assert.deepEqual(again.snapshot.chat, deleted.snapshot.chat);
});

// ---- breakouts

test('breakouts.opened sets the rooms of listed participants, never of moderators', () => {
  const next = applied(welcomed(), ['breakouts.opened', { breakouts: openRound(['p1'], ['p2']) }]);
  assert.deepEqual(next, snapshot({
    participants: [roomed('p1', 'r1'), roomed('p2', 'r2'), people()[2]],
    you: { participantId: 'p1', role: 'participant', roomId: 'r1', mutedInChat: false },
    breakouts: openRound(['p1'], ['p2']),
  }));
  assert.equal(yourRoom(next).name, 'Groep 1');
  assert.ok(breakoutsRunning(next));
});

test('breakouts.opened of a group method keeps its round index, attendance and hosts; a move keeps the host', () => {
  const rotate = { ...openRound(['p1'], ['p2']), strategy: 'rotate', roundIndex: 3, attendance: 'separate' };
  rotate.rooms = rotate.rooms.map(room => ({ ...room, hostId: room.participantIds[0] }));
  const next = applied(welcomed(), ['breakouts.opened', { breakouts: rotate }]);
  assert.equal(next.breakouts.roundIndex, 3);
  assert.equal(next.breakouts.attendance, 'separate');
  assert.deepEqual(next.breakouts.rooms.map(room => room.hostId), ['p1', 'p2']);
  const moved = applied(welcomed(), ['breakouts.opened', { breakouts: rotate }],
    ['participant.updated', { participant: roomed('p2', 'r1') }]);
  assert.deepEqual(moved.breakouts.rooms.map(room => room.participantIds), [['p1', 'p2'], []]);
  assert.deepEqual(moved.breakouts.rooms.map(room => room.hostId), ['p1', 'p2']);
});

test('a moderator listed nowhere keeps the plenary when rooms open', () => {
  const s = snapshot({ you: { participantId: 'mod', role: 'moderator', roomId: null, mutedInChat: false } });
  assert.equal(applied(welcomed(s), ['breakouts.opened', { breakouts: openRound(['p1'], ['p2']) }]).you.roomId, null);
});

test('breakouts.extended sets the new end and takes the warning back', () => {
  const s = inRound({}, undefined, { breakouts: { ...openRound(['p1', 'p4'], ['p2']), warned: true } });
  assert.deepEqual(applied(welcomed(s), ['breakouts.extended', { endsAt: 2_300_000, warned: false }]),
    inRound({}, undefined, { breakouts: { ...openRound(['p1', 'p4'], ['p2']), endsAt: 2_300_000, warned: false } }));
});

test('breakouts.closing sets the status and closingAt, and the other section fields it carries', () => {
  const closing = { ...openRound(['p1', 'p4'], ['p2']), status: 'closing', closingAt: 1_530_000 };
  assert.deepEqual(applied(welcomed(inRound()), ['breakouts.closing', { closingAt: 1_530_000 }]),
    inRound({}, undefined, { breakouts: closing }));
  assert.deepEqual(applied(welcomed(inRound()), ['breakouts.closing', { closingAt: 1_530_000, endsAt: 1_500_000, at: 1_500_000 }]),
    inRound({}, undefined, { breakouts: { ...closing, endsAt: 1_500_000 } }), 'a field the section lacks (at) is no section field');
  assert.ok(breakoutsRunning(inRound({}, undefined, { breakouts: closing })));
});

test('breakouts.helpRequested and helpAnswered set that room\'s helpRequested', () => {
  const asked = openRound(['p1', 'p4'], ['p2']);
  asked.rooms[1] = { ...asked.rooms[1], helpRequested: true };
  const requested = applied(welcomed(inRound()), ['breakouts.helpRequested', { roomId: 'r2' }]);
  assert.deepEqual(requested, inRound({}, undefined, { breakouts: asked }));
  const state = welcomed(requested);
  assert.deepEqual(applied(state, ['breakouts.helpAnswered', { roomId: 'r2' }]), inRound());
  assert.deepEqual(applied(welcomed(inRound()), ['breakouts.helpRequested', { roomId: 'r2' }], ['breakouts.helpRequested', { roomId: 'r2' }]),
    inRound({}, undefined, { breakouts: asked }), 'a repeat changes nothing more');
});

test('room.done sets and clears that room\'s done (RD1); the other room and the rest stay', () => {
  const marked = openRound(['p1', 'p4'], ['p2']);
  marked.rooms[1] = { ...marked.rooms[1], done: true };
  const done = applied(welcomed(inRound()), ['room.done', { roomId: 'r2', done: true }]);
  assert.deepEqual(done, inRound({}, undefined, { breakouts: marked }));
  assert.deepEqual(applied(welcomed(done), ['room.done', { roomId: 'r2', done: false }]), inRound());
  assert.deepEqual(applied(welcomed(inRound()), ['room.done', { roomId: 'nope', done: true }]), inRound(),
    'an unknown room changes nothing');
});

test('breakouts.broadcast, warning and insight.added update the round', () => {
  const insight = { insightId: 'n1', participantId: 'p1', text: 'Samen lezen werkt', at: 10 };
  const next = applied(welcomed(inRound()),
    ['breakouts.broadcast', { broadcast: { text: 'Nog 5 minuten', at: 9 } }],
    ['breakouts.warning', { endsAt: 2_000_000, secondsLeft: 60 }],
    ['insight.added', { roomId: 'r1', insight }],
    ['insight.added', { roomId: 'r1', insight }]);
  const round = { ...openRound(['p1', 'p4'], ['p2']), broadcast: { text: 'Nog 5 minuten', at: 9 }, warned: true };
  round.rooms[0] = { ...round.rooms[0], insights: [insight] };
  assert.deepEqual(next, inRound({}, undefined, { breakouts: round }));
});

test('[IN1] insight.edited replaces the text, insight.removed takes it away; an unknown one changes nothing', () => {
  const insight = { insightId: 'n1', participantId: 'p1', text: 'Samen lezne', at: 10 };
  const other = { insightId: 'n2', participantId: 'p4', text: 'Tweede', at: 11 };
  const edited = { ...insight, text: 'Samen lezen' };
  const next = applied(welcomed(inRound()),
    ['insight.added', { roomId: 'r1', insight }],
    ['insight.added', { roomId: 'r1', insight: other }],
    ['insight.edited', { roomId: 'r1', insight: edited }],
    ['insight.removed', { roomId: 'r1', insightId: 'n2' }],
    ['insight.removed', { roomId: 'r1', insightId: 'nope' }]);
  const round = openRound(['p1', 'p4'], ['p2']);
  round.rooms[0] = { ...round.rooms[0], insights: [edited] };
  assert.deepEqual(next, inRound({}, undefined, { breakouts: round }));
});

test('[QA7][QA8] questions: asked, voted (youVoted only for the voter), sorted by votes then age, answered, removed', () => {
  const q = (questionId, askedAt, extra = {}) => ({ questionId, text: `Vraag ${questionId}`, participantId: null,
    name: null, itemId: null, votes: 0, answered: false, askedAt, ...extra });
  let state = welcomed();
  state = apply(state, event(11, 'question.asked', { question: q('a', 1, { participantId: 'p1', name: 'An' }) }));
  state = apply(state, event(12, 'question.asked', { question: q('b', 2) }));
  state = apply(state, event(13, 'question.asked', { question: q('c', 2) }));
  assert.deepEqual(state.snapshot.questions.map(x => x.questionId), ['a', 'b', 'c']);
  assert.equal(state.snapshot.questions[0].youVoted, false);
  state = apply(state, event(14, 'question.voted', { questionId: 'c', votes: 1, youVoted: true }));
  state = apply(state, event(15, 'question.voted', { questionId: 'b', votes: 2 }));
  assert.deepEqual(state.snapshot.questions.map(x => [x.questionId, x.votes, x.youVoted]),
    [['b', 2, false], ['c', 1, true], ['a', 0, false]]);
  state = apply(state, event(16, 'question.voted', { questionId: 'b', votes: 0 }));
  state = apply(state, event(17, 'question.voted', { questionId: 'c', votes: 0, youVoted: false }));
  assert.deepEqual(state.snapshot.questions.map(x => x.questionId), ['a', 'b', 'c'], 'equal votes: oldest, then by id');
  state = apply(state, event(18, 'question.answered', { questionId: 'a', answered: true }));
  state = apply(state, event(19, 'question.removed', { questionId: 'b' }));
  assert.deepEqual(state.snapshot.questions.map(x => [x.questionId, x.answered]), [['a', true], ['c', false]]);
});

test('breakouts.closed brings everyone back and replaces the chat with the plenary chat', () => {
  let state = apply(welcomed(), event(11, 'breakouts.opened', { breakouts: openRound(['p1'], ['p2']) }));
  state = apply(state, event(12, 'chat.message', { message: { messageId: 'room', roomId: 'r1', participantId: 'p1', name: 'An', text: 'in de groep', sentAt: 1 } }));
  assert.deepEqual(visibleChat(state.snapshot).map(m => m.messageId), ['room']);
  const plenary = [{ messageId: 'pl', roomId: null, participantId: 'p2', name: 'Bram', text: 'plenair', sentAt: 2 }];
  const closed = { ...openRound(['p1'], ['p2']), status: 'closed' };
  state = apply(state, event(13, 'breakouts.closed', { breakouts: closed, chat: plenary }));
  assert.deepEqual(state.snapshot, snapshot({ breakouts: closed, chat: plenary }));
  assert.ok(!breakoutsRunning(state.snapshot));
});

test('state.snapshot replaces the whole snapshot', () => {
  const moved = inRound({ p1: 'r2' }, { r1: ['p4'], r2: ['p1', 'p2'] }, { you: { participantId: 'p1', role: 'participant', roomId: 'r2', mutedInChat: false } });
  const next = apply(welcomed(), event(11, 'state.snapshot', moved));
  assert.equal(next.snapshot, moved);
});

// ---- a session

test('applying the events of a session gives what a fresh welcome would give', () => {
  const cas = person('p4', 'Cas', 'Stad Gent');
  const msg = { messageId: 'm1', roomId: null, participantId: 'p4', name: 'Cas', text: '<b>hoi</b>', sentAt: 6 };
  const started = running(item('i1'), 2);
  const i3 = item('i3', 'Vragen');
  const next = applied(welcomed(),
    ['participant.joined', { participant: cas }],
    ['agenda.added', { item: i3, position: 1 }],
    ['agenda.started', { item: started }],
    ['hand.raised', { hand: hand('p2', 'speak', 3), index: 0 }],
    ['hand.raised', { hand: hand('p4', 'speak', 4), index: 1 }],
    ['hand.raised', { hand: hand('p1', 'pointOfOrder', 5), index: 0 }],
    ['floor.given', { speaker: speaker('p1', 6, 120) }],
    ['hand.lowered', { participantId: 'p2' }],
    ['floor.ended', { participantId: 'p1' }],
    ['floor.given', { speaker: speaker('p4', 7, 120) }],
    ['chat.message', { message: msg }],
    ['agenda.moved', { itemId: 'i2', toIndex: 1 }],
    ['participant.removed', { participantId: 'p2' }]);
  assert.deepEqual(next, snapshot({
    participants: [people()[0], people()[2], cas],
    agenda: { currentItemId: 'i1', items: [started, item('i2'), i3] },
    queue: { speaker: speaker('p4', 7, 120), hands: [] },
    chat: [msg],
  }));
});

// ---- test data shaped like the welcome's snapshot (protocol.md section 3 and docs/protocol.md section 3)

function snapshot(overrides = {}) {
  return {
    meeting: { meetingId: 'm1', title: 'Lerend netwerk', status: 'open', locked: false, language: 'nl' },
    you: { participantId: 'p1', role: 'participant', roomId: null, mutedInChat: false },
    participants: people(),
    agenda: { currentItemId: null, items: [item('i1'), item('i2')] },
    queue: { speaker: null, hands: [] },
    breakouts: {
      status: 'closed', strategy: null, roundId: null, openedAt: null, durationSeconds: null, endsAt: null,
      graceSeconds: null, closingAt: null, warned: false, broadcast: null, rooms: [],
    },
    chat: [],
    announcement: null,
    polls: [],
    serverTime: 1_000_000,
    ...overrides,
  };
}

function people() {
  return [person('p1', 'An', 'Bibliotheek Gent'), person('p2', 'Bram', 'OCMW Aalst'), { ...person('mod', 'Mo', 'Kring'), role: 'moderator' }];
}

/** @param {string} id @param {string} name @param {string} organisation */
function person(id, name, organisation) {
  return { participantId: id, name, organisation, role: 'participant', online: true, roomId: null, mutedInChat: false, joinedAt: 1_000 };
}

/** @param {string} id @param {string} [title] */
function item(id, title = { i1: 'Welkom', i2: 'Groepswerk' }[id] ?? `Punt ${id}`) {
  return {
    itemId: id, title, kind: id === 'i2' ? 'breakout' : 'plenary', durationSeconds: id === 'i2' ? 1200 : 300,
    status: 'pending', startedAt: null, endsAt: null, endedAt: null, overtime: false,
    description: '', breakout: null,
  };
}

/** @param {any} pending @param {number} at */
function running(pending, at) {
  return { ...pending, status: 'running', startedAt: at, endsAt: at + pending.durationSeconds * 1000 };
}

/** @param {string} id @param {string} kind @param {number} raisedAt */
function hand(id, kind, raisedAt) {
  return { participantId: id, kind, raisedAt };
}

/** @param {string} id @param {number} since @param {number|null} [limitSeconds] */
function speaker(id, since, limitSeconds = null) {
  return { participantId: id, since, limitSeconds, overtime: false };
}

/** @param {string[]} r1 @param {string[]} r2 */
function openRound(r1 = ['p1', 'p4'], r2 = ['p2']) {
  return {
    status: 'open', strategy: 'random', roundId: 'b1', roundIndex: 0, attendance: 'mixed', openedAt: 1_000_000,
    durationSeconds: 1000, endsAt: 2_000_000, graceSeconds: 30, closingAt: null, warned: false, broadcast: null,
    rooms: [
      { roomId: 'r1', name: 'Groep 1', topic: 'Lezen', hostId: null, participantIds: r1, helpRequested: false, done: false, insights: [] },
      { roomId: 'r2', name: 'Groep 2', topic: '', hostId: null, participantIds: r2, helpRequested: false, done: false, insights: [] },
    ],
  };
}

/** @param {string} id @param {string|null} roomId */
function roomed(id, roomId) {
  const p = [...people(), person('p4', 'Cas', 'Stad Gent')].find(q => q.participantId === id);
  return { ...p, roomId };
}

/**
 * A welcome during an open round: p1 (you) and p4 in r1, p2 in r2, the moderator in the plenary.
 * @param {Record<string, string|null>} [rooms] changes to who is where
 * @param {{r1: string[], r2: string[]}} [lists] the rooms' participantIds (by default as the rooms say)
 * @param {object} [overrides]
 */
function inRound(rooms = {}, lists = undefined, overrides = {}) {
  const where = { p1: 'r1', p2: 'r2', mod: null, p4: 'r1', ...rooms };
  const participants = ['p1', 'p2', 'mod', 'p4'].map(id => roomed(id, where[id]));
  const round = lists ? openRound(lists.r1, lists.r2) : openRound();
  return snapshot({
    participants,
    you: { participantId: 'p1', role: 'participant', roomId: where.p1, mutedInChat: false },
    breakouts: round,
    ...overrides,
  });
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

// ---- issue 12: prepared rounds and group methods (protocol.md section 7)

test('agenda events carry the description and the prepared round; the running item keeps them', () => {
  const preset = { groupSize: 2, strategy: 'random', graceSeconds: 60 };
  const prepared = { ...item('i2'), description: 'Stel je voor.\nWat leer je?', breakout: preset };
  const added = { ...item('i3'), kind: 'breakout', description: '', breakout: { roomCount: 1, strategy: 'merge', fromRound: 0 } };
  let next = applied(welcomed(),
    ['agenda.updated', { item: prepared }],
    ['agenda.added', { item: added, position: 2 }],
    ['agenda.started', { item: running(prepared, 1_000_000) }]);
  assert.equal(currentItem(next).description, 'Stel je voor.\nWat leer je?');
  assert.deepEqual(currentItem(next).breakout, preset);
  assert.deepEqual(next.agenda.items[2].breakout, { roomCount: 1, strategy: 'merge', fromRound: 0 });
  // Clearing comes as an item without them.
  next = applied(welcomed(next), ['agenda.updated', { item: { ...added, breakout: null } }]);
  assert.equal(next.agenda.items[2].breakout, null);
});

test('breakouts.opened brings the round index, the attendance and each room\'s host', () => {
  const round = { ...openRound(['p1', 'p4'], ['p2']), strategy: 'rotate', roundIndex: 2, attendance: 'separate' };
  round.rooms = round.rooms.map((room, i) => ({ ...room, hostId: i === 0 ? 'p4' : null }));
  const next = applied(welcomed(), ['breakouts.opened', { breakouts: round }]);
  assert.equal(next.breakouts.roundIndex, 2);
  assert.equal(next.breakouts.attendance, 'separate');
  assert.equal(yourRoom(next).hostId, 'p4');
  assert.equal(next.breakouts.rooms[1].hostId, null);
  assert.equal(next.you.roomId, 'r1');
});

// ---- issue 13: report-back (RB rules)

test('reportback.shown sets the room shown and its countdown; reportback.ended clears it', () => {
  const shown = { roundIndex: 0, roomId: 'r2', endsAt: 90_000, secondsPerRoom: 60 };
  const next = applied(welcomed(), ['reportback.shown', shown]);
  assert.deepEqual(next.reportback, shown);
  const moved = applied(welcomed(next, 11), ['reportback.shown', { ...shown, roomId: 'r1', endsAt: 150_000 }]);
  assert.equal(moved.reportback.roomId, 'r1');
  assert.equal(moved.reportback.endsAt, 150_000);
  const ended = applied(welcomed(moved, 12), ['reportback.ended', {}]);
  assert.equal(ended.reportback, null);
});

test('[IN1][RB11] a moderator\'s insight.edited and insight.removed of an earlier round change reportbackRoom', () => {
  const reportback = { roundIndex: 0, roomId: 'old1', endsAt: 90_000, secondsPerRoom: 60 };
  const room = { roomId: 'old1', name: 'Groep 1', topic: null, members: ['An'],
    insights: [{ insightId: 'i1', text: 'Samen' }, { insightId: 'i2', text: 'Tweede' }] };
  const shown = applied(welcomed(), ['reportback.shown', { ...reportback, reportbackRoom: room }]);
  const next = applied(welcomed(shown, 11),
    ['insight.edited', { roomId: 'old1', insight: { insightId: 'i1', participantId: 'p1', text: 'Samen lezen', at: 5 } }],
    ['insight.removed', { roomId: 'old1', insightId: 'i2' }],
    ['insight.edited', { roomId: 'old2', insight: { insightId: 'i9', participantId: 'p1', text: 'Elders', at: 5 } }]);
  assert.deepEqual(next.reportbackRoom, { ...room, insights: [{ insightId: 'i1', text: 'Samen lezen' }] },
    'as a fresh snapshot: only the id and the new text');
  assert.deepEqual(next.breakouts, shown.breakouts, 'the last round\'s rooms stay as they were');
});

test('[RB11] reportback.shown of an earlier round sets reportbackRoom apart from the contract\'s reportback', () => {
  const reportback = { roundIndex: 0, roomId: 'old1', endsAt: 90_000, secondsPerRoom: 60 };
  const room = { roomId: 'old1', name: 'Groep 1', topic: null, members: ['An'], insights: [{ insightId: 'i1', text: 'Samen' }] };
  const next = applied(welcomed(), ['reportback.shown', { ...reportback, reportbackRoom: room }]);
  assert.deepEqual(next.reportback, reportback, 'exactly the four fields of RB8');
  assert.deepEqual(next.reportbackRoom, room);
  const last = applied(welcomed(next, 11), ['reportback.shown', { ...reportback, roundIndex: 1, reportbackRoom: null }]);
  assert.equal(last.reportbackRoom, null, 'a room of the last round is in breakouts.rooms');
  const ended = applied(welcomed(next, 11), ['reportback.ended', {}]);
  assert.equal(ended.reportbackRoom, null);
});
