/**
 * The client's copy of the meeting: the last snapshot, kept current by applying the server's
 * events as docs/protocol.md (section 4, column "apply") says. Each event carries one change (a hand,
 * an item, a participant), never a whole section, except the welcome, state.snapshot and the open and
 * close of a breakout round. Pure: no DOM, no sockets, no clock; every function returns a new state
 * and leaves its input alone, and applying an event twice lists nothing twice.
 *
 * @typedef {object} Participant
 * @property {string} participantId
 * @property {string} name
 * @property {string} [organisation]
 * @property {'moderator'|'participant'} role
 * @property {boolean} online
 * @property {string|null} roomId
 * @property {boolean} mutedInChat
 * @property {"online"|"inRoom"} [attendance] how they take part (protocol.md section 7)
 *
 * @typedef {object} Snapshot the contract's snapshot (protocol.md section 3)
 * @property {{meetingId: string, title: string, status: string, locked: boolean, language: string}} meeting
 * @property {{participantId: string, role: string, roomId: string|null, mutedInChat: boolean}} you
 * @property {Participant[]} participants
 * @property {{currentItemId: string|null, items: any[]}} agenda
 * @property {{speaker: any, hands: any[], roundLimitSeconds?: number|null}} queue
 * @property {{status: string, rooms: any[], broadcast: any, endsAt?: number, closingAt?: number, [k: string]: any}} breakouts
 * @property {any[]} chat
 * @property {{text: string, at: number}|null} announcement
 * @property {any} [reportback] RB8: the room reporting back and its countdown, or null
 * @property {any} [reportbackRoom] RB11: the shown room of an earlier round (not in breakouts.rooms), or null
 * @property {any[]} [questions] QA7: most votes first, then the oldest first
 * @property {any[]} [polls] POLL: each as you see it (yourChoices; results null while hidden; votes for moderators)
 * @property {number} [serverTime]
 *
 * @typedef {object} State
 * @property {Snapshot|null} snapshot
 * @property {number} seq the seq of the last welcome or event applied
 * @property {number} offset add to the local clock to get the server's
 * @property {import('./lib/time.js').OffsetBounds|null} bounds what we know of that offset
 */

import { latestPastTime, narrowOffset, offsetBounds, offsetWithin } from './lib/time.js';

/** How many chat messages the client keeps, as the server does. */
export const CHAT_LIMIT = 100;

/** @returns {State} */
export function initialState() {
  return { snapshot: null, seq: -1, offset: 0, bounds: null };
}

/**
 * Applies one server message (welcome or event) to the state.
 * @param {State} state
 * @param {any} message a `welcome` or an `event` as received
 * @param {{receivedAt?: number, sentAt?: number|null}} [clock] local times, for the clock offset
 * @returns {State} the new state (the same object when the message changes nothing)
 */
export function apply(state, message, clock = {}) {
  if (!message || typeof message !== 'object') return state;
  if (message.type === 'welcome') {
    const receivedAt = clock.receivedAt ?? message.serverTime;
    // A fresh connection may be to a restarted server: start the clock estimate again.
    const bounds = narrowOffset(offsetBounds(message.serverTime, receivedAt, clock.sentAt ?? null),
      { min: latestPastTime(message.state) - receivedAt, max: Infinity });
    return { snapshot: message.state, seq: message.seq, offset: offsetWithin(bounds), bounds };
  }
  if (message.type !== 'event' || !state.snapshot) return state;
  // Events arrive in order; anything older than what we have is stale. A state.snapshot carries the
  // seq of the command's last event, so it may repeat the current seq.
  if (message.seq < state.seq || (message.seq === state.seq && message.name !== 'state.snapshot')) return state;
  const reducer = REDUCERS[message.name];
  const snapshot = reducer ? reducer(state.snapshot, message.data ?? {}) : state.snapshot;
  // What just happened on the server happened before we heard of it: a lower bound for its clock
  // (so a countdown that has just started never shows more than its full time).
  let { offset, bounds } = state;
  const happened = latestPastTime(message.data);
  if (typeof clock.receivedAt === 'number' && Number.isFinite(happened) && bounds) {
    bounds = narrowOffset(bounds, { min: happened - clock.receivedAt, max: Infinity });
    offset = offsetWithin(bounds);
  }
  return { ...state, snapshot, seq: message.seq, offset, bounds };
}

/** @type {Record<string, (s: Snapshot, data: any) => Snapshot>} */
const REDUCERS = {
  'participant.joined': (s, { participant }) => ({
    ...s,
    participants: [...s.participants.filter(p => p.participantId !== participant.participantId), participant],
  }),

  'participant.updated': (s, { participant }) => {
    const known = s.participants.some(p => p.participantId === participant.participantId);
    const participants = known
      ? s.participants.map(p => (p.participantId === participant.participantId ? participant : p))
      : [...s.participants, participant];
    const you = participant.participantId === s.you.participantId
      ? { ...s.you, role: participant.role, roomId: participant.roomId, mutedInChat: participant.mutedInChat }
      : s.you;
    return withRoomLists({ ...s, participants, you });
  },

  // P8: presence (online) changes, several people at once.
  'presence.changed': (s, { online = [], offline = [] }) => {
    const on = new Set(online);
    const off = new Set(offline);
    return {
      ...s,
      participants: s.participants.map(p =>
        on.has(p.participantId) ? { ...p, online: true } : off.has(p.participantId) ? { ...p, online: false } : p),
    };
  },

  'participant.removed': (s, { participantId }) => withRoomLists({
    ...s,
    participants: s.participants.filter(p => p.participantId !== participantId),
    queue: queueWithHands(s.queue, s.queue.hands.filter(hand => hand.participantId !== participantId),
      s.queue.speaker && s.queue.speaker.participantId === participantId ? null : s.queue.speaker),
  }),

  'meeting.updated': (s, { meeting }) => ({ ...s, meeting }),
  'announcement.changed': (s, { announcement }) => ({ ...s, announcement: announcement ?? null }),
  // RB8: the room shown in the report-back and its countdown, or none.
  // RB11: the event carries the snapshot's reportback and, as an extra field, its reportbackRoom
  'reportback.shown': (s, { reportbackRoom, ...reportback }) =>
    ({ ...s, reportback, reportbackRoom: reportbackRoom ?? null }),
  'reportback.ended': s => ({ ...s, reportback: null, reportbackRoom: null }),

  // Dropping a known copy first keeps a repeated event from listing the item twice.
  'agenda.added': (s, { item, position }) =>
    withItems(s, insertAt(s.agenda.items.filter(i => i.itemId !== item.itemId), position, item)),
  'agenda.updated': (s, { item }) => withItems(s, replaceItem(s.agenda.items, item)),
  'agenda.removed': (s, { itemId }) => withItems(s, s.agenda.items.filter(i => i.itemId !== itemId)),
  'agenda.moved': (s, { itemId, toIndex }) => {
    const item = s.agenda.items.find(i => i.itemId === itemId);
    if (!item) return s;
    return withItems(s, insertAt(s.agenda.items.filter(i => i.itemId !== itemId), toIndex, item));
  },
  'agenda.started': (s, { item }) => ({
    ...s,
    agenda: { ...s.agenda, currentItemId: item.itemId, items: replaceItem(s.agenda.items, item) },
  }),
  'agenda.ended': (s, { item }) => ({
    ...s,
    agenda: {
      ...s.agenda,
      currentItemId: s.agenda.currentItemId === item.itemId ? null : s.agenda.currentItemId,
      items: replaceItem(s.agenda.items, item),
    },
  }),
  'agenda.extended': (s, { item }) => withItems(s, replaceItem(s.agenda.items, item)),
  'agenda.overtime': (s, { item }) => withItems(s, replaceItem(s.agenda.items, item)),

  // The server says where the hand goes, so the client need not know the speaking order (Q2).
  'hand.raised': (s, { hand, index }) =>
    withHands(s, insertAt(s.queue.hands.filter(h => h.participantId !== hand.participantId), index, hand)),
  'hand.lowered': (s, { participantId }) => withHands(s, s.queue.hands.filter(h => h.participantId !== participantId)),
  'floor.given': (s, { speaker }) => ({
    ...s,
    queue: queueWithHands(s.queue, s.queue.hands.filter(h => h.participantId !== speaker.participantId), speaker),
  }),
  // Q11: a round of turns starts on an empty queue: the first speaks, the others wait as speak hands, in order.
  'floor.round': (s, { speaker, participantIds, raisedAt, roundLimitSeconds }) => ({
    ...s,
    queue: {
      ...s.queue,
      speaker,
      hands: participantIds.map(participantId => ({ participantId, kind: 'speak', raisedAt })),
      roundLimitSeconds: roundLimitSeconds ?? null,
    },
  }),
  'floor.ended': s => ({ ...s, queue: { ...s.queue, speaker: null } }),
  'floor.overtime': (s, { speaker }) => ({ ...s, queue: { ...s.queue, speaker } }),

  'chat.message': (s, { message }) => {
    if (s.chat.some(m => m.messageId === message.messageId)) return s;
    return { ...s, chat: [...s.chat, message].slice(-CHAT_LIMIT) };
  },

  // The oldest shown message goes first: a deletion among the last 100 brings the next older one into view.
  'chat.deleted': (s, { messageId, revealed }) => {
    const chat = s.chat.filter(m => m.messageId !== messageId);
    if (revealed && !chat.some(m => m.messageId === revealed.messageId)) chat.unshift(revealed);
    return { ...s, chat };
  },

  'breakouts.opened': (s, { breakouts }) => {
    /** @type {Map<string, string>} */
    const roomOf = new Map();
    for (const room of breakouts.rooms ?? []) {
      for (const id of room.participantIds ?? []) roomOf.set(id, room.roomId);
    }
    const participants = s.participants.map(p =>
      p.role !== 'moderator' && roomOf.has(p.participantId) ? { ...p, roomId: roomOf.get(p.participantId) ?? null } : p);
    const you = roomOf.has(s.you.participantId) && s.you.role !== 'moderator'
      ? { ...s.you, roomId: roomOf.get(s.you.participantId) ?? null }
      : s.you;
    return { ...s, breakouts, participants, you };
  },

  // BR10: a new end gets its own one-minute warning, so the server sends warned: false along.
  'breakouts.extended': (s, { endsAt, warned = false }) => ({ ...s, breakouts: { ...s.breakouts, endsAt, warned } }),
  // The close-start may change more than closingAt (the end, say): take every field of the section it carries.
  'breakouts.closing': (s, data) => {
    const carried = Object.fromEntries(Object.entries(data).filter(([key]) => key in s.breakouts));
    return { ...s, breakouts: { ...s.breakouts, ...carried, closingAt: data.closingAt, status: 'closing' } };
  },
  'breakouts.helpRequested': (s, { roomId }) => withRoom(s, roomId, room => ({ ...room, helpRequested: true })),
  'breakouts.helpAnswered': (s, { roomId }) => withRoom(s, roomId, room => ({ ...room, helpRequested: false })),
  // RD1: a room says it is done, or not any more; kept after the close, a new round's rooms come without it.
  'room.done': (s, { roomId, done }) => withRoom(s, roomId, room => ({ ...room, done: done === true })),
  'breakouts.broadcast': (s, { broadcast }) => ({ ...s, breakouts: { ...s.breakouts, broadcast } }),
  'breakouts.warning': s => ({ ...s, breakouts: { ...s.breakouts, warned: true } }),

  'breakouts.closed': (s, { breakouts, chat }) => ({
    ...s,
    breakouts,
    participants: s.participants.map(p => (p.roomId === null ? p : { ...p, roomId: null })),
    you: { ...s.you, roomId: null },
    chat: Array.isArray(chat) ? chat.slice(-CHAT_LIMIT) : s.chat.filter(m => m.roomId === null),
  }),

  'insight.added': (s, { roomId, insight }) => withRoom(s, roomId, room => {
    const insights = room.insights ?? [];
    if (insights.some(i => i.insightId === insight.insightId)) return room;
    return { ...room, insights: [...insights, insight] };
  }),

  // IN1: an insight's new text, or its removal, reaches whoever sees the insight: in the last round's rooms, or,
  // a moderator's change to an earlier round, in the report-back's reportbackRoom (RB11: there an insight is
  // only its id and text).
  'insight.edited': (s, { roomId, insight }) => withReportBackRoom(withRoom(s, roomId, room => ({
    ...room, insights: (room.insights ?? []).map(i => (i.insightId === insight.insightId ? insight : i)),
  })), roomId, insights => insights.map(i => (i.insightId === insight.insightId ? { ...i, text: insight.text } : i))),
  'insight.removed': (s, { roomId, insightId }) => withReportBackRoom(withRoom(s, roomId, room => ({
    ...room, insights: (room.insights ?? []).filter(i => i.insightId !== insightId),
  })), roomId, insights => insights.filter(i => i.insightId !== insightId)),

  // QA: questions; a new one has no votes, so nobody voted for it yet.
  'question.asked': (s, { question }) => withQuestions(s, [
    ...(s.questions ?? []).filter(q => q.questionId !== question.questionId), { ...question, youVoted: false }]),
  // QA8: the count for all; youVoted only comes to the voter.
  'question.voted': (s, { questionId, votes, youVoted }) => withQuestions(s, (s.questions ?? []).map(q => (
    q.questionId !== questionId ? q : { ...q, votes, ...(typeof youVoted === 'boolean' ? { youVoted } : {}) }))),
  'question.answered': (s, { questionId, answered }) => ({
    ...s, questions: (s.questions ?? []).map(q => (q.questionId === questionId ? { ...q, answered } : q)),
  }),
  'question.removed': (s, { questionId }) => ({
    ...s, questions: (s.questions ?? []).filter(q => q.questionId !== questionId),
  }),

  'state.snapshot': (_s, data) => data,

  // POLL: a new poll as you may see it; your own choices; the told counts (and, for moderators of a poll
  // that is not anonymous, the choices told since the last results); the close with the final counts.
  'poll.opened': (s, { poll }) => {
    const polls = s.polls ?? [];
    if (polls.some(p => p.pollId === poll.pollId)) return s;
    return { ...s, polls: [...polls, poll] };
  },
  'poll.voted': (s, { pollId, yourChoices }) => withPoll(s, pollId, poll => ({ ...poll, yourChoices })),
  'poll.results': (s, data) => withPoll(s, data.pollId, poll => withResults(poll, data)),
  'poll.closed': (s, data) => withPoll(s, data.pollId, poll => ({
    ...withResults(poll, data), status: 'closed', closedAt: data.closedAt,
  })),
};

/**
 * QA7: most votes first, then the oldest, then by id (as the server sorts).
 * @param {Snapshot} s @param {any[]} questions
 */
function withQuestions(s, questions) {
  const sorted = [...questions].sort((a, b) => (b.votes - a.votes) || (a.askedAt - b.askedAt)
    || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
  return { ...s, questions: sorted };
}

// ---- Helpers of the reducers (pure; each returns new arrays and objects)

/**
 * Inserts at a 0-based index, clamped to the list (a missing index appends).
 * @template T
 * @param {T[]} list
 * @param {number|undefined} index
 * @param {T} entry
 */
function insertAt(list, index, entry) {
  const at = Number.isInteger(index) ? Math.max(0, Math.min(/** @type {number} */ (index), list.length)) : list.length;
  return [...list.slice(0, at), entry, ...list.slice(at)];
}

/** Replaces the item with the same itemId (an unknown item changes nothing). @param {any[]} items @param {any} item */
function replaceItem(items, item) {
  return items.map(i => (i.itemId === item.itemId ? item : i));
}

/** @param {Snapshot} s @param {any[]} items */
function withItems(s, items) {
  return { ...s, agenda: { ...s.agenda, items } };
}

/** @param {Snapshot} s @param {any[]} hands */
function withHands(s, hands) {
  return { ...s, queue: queueWithHands(s.queue, hands, s.queue.speaker) };
}

/**
 * The queue with these hands and speaker; Q12: the round's limit ends when the queue is empty.
 * @param {any} queue @param {any[]} hands @param {any} speaker
 */
function queueWithHands(queue, hands, speaker) {
  if (hands.length === 0 && queue.roundLimitSeconds != null) return { ...queue, speaker, hands, roundLimitSeconds: null };
  return { ...queue, speaker, hands };
}

/** @param {Snapshot} s @param {string} roomId @param {(room: any) => any} change */
function withRoom(s, roomId, change) {
  return {
    ...s,
    breakouts: { ...s.breakouts, rooms: s.breakouts.rooms.map(room => (room.roomId === roomId ? change(room) : room)) },
  };
}

/**
 * RB11: changes the insights of the earlier round's room the report-back shows, when it is {@code roomId}.
 * @param {Snapshot} s @param {string} roomId @param {(insights: any[]) => any[]} change
 */
function withReportBackRoom(s, roomId, change) {
  const shown = s.reportbackRoom;
  if (!shown || shown.roomId !== roomId) return s;
  return { ...s, reportbackRoom: { ...shown, insights: change(shown.insights ?? []) } };
}

/** @param {Snapshot} s @param {string} pollId @param {(poll: any) => any} change */
function withPoll(s, pollId, change) {
  return { ...s, polls: (s.polls ?? []).map(poll => (poll.pollId === pollId ? change(poll) : poll)) };
}

/** The told results; `votes` (moderators, not anonymous) adds to who chose what. @param {any} poll @param {any} data */
function withResults(poll, data) {
  const votes = data.votes ? { ...(poll.votes ?? {}), ...data.votes } : poll.votes;
  return { ...poll, results: data.results, votes };
}

/**
 * Rule R: while a round is open or closing, a room lists the participants (role participant, never a
 * moderator) whose roomId is that room, in the order of `participants`. The server builds the lists the
 * same way, so the events need not carry them. After the close the lists are the members at the close.
 * @param {Snapshot} s
 */
function withRoomLists(s) {
  if (!breakoutsRunning(s)) return s;
  /** @type {Map<string, string[]>} */
  const members = new Map(s.breakouts.rooms.map(room => [room.roomId, []]));
  for (const p of s.participants) {
    if (p.role === 'participant' && p.roomId !== null) members.get(p.roomId)?.push(p.participantId);
  }
  const rooms = s.breakouts.rooms.map(room => {
    const participantIds = members.get(room.roomId) ?? [];
    const same = participantIds.length === (room.participantIds ?? []).length
      && participantIds.every((id, i) => id === room.participantIds[i]);
    return same ? room : { ...room, participantIds };
  });
  return { ...s, breakouts: { ...s.breakouts, rooms } };
}

/** The event names the store knows how to apply. */
export const EVENT_NAMES = Object.freeze(Object.keys(REDUCERS));

// ---- Derived views of a snapshot (pure helpers the views share) ----

/**
 * @param {Snapshot} s
 * @param {string|null|undefined} participantId
 * @returns {Participant|undefined}
 */
export function participant(s, participantId) {
  return s.participants.find(p => p.participantId === participantId);
}

/** @param {Snapshot} s */
export function isModerator(s) {
  return s.you.role === 'moderator';
}

/** The running agenda item, if any. @param {Snapshot} s */
export function currentItem(s) {
  const id = s.agenda.currentItemId;
  return (id && s.agenda.items.find(i => i.itemId === id)) || s.agenda.items.find(i => i.status === 'running') || null;
}

/** The room you are in now, if any. @param {Snapshot} s */
export function yourRoom(s) {
  if (!s.you.roomId) return null;
  return s.breakouts.rooms.find(r => r.roomId === s.you.roomId) ?? null;
}

/** Your place in the queue (1-based), or 0. @param {Snapshot} s */
export function yourPlace(s) {
  return s.queue.hands.findIndex(hand => hand.participantId === s.you.participantId) + 1;
}

/** Chat messages of the place you are in now (a room, or the plenary). @param {Snapshot} s */
export function visibleChat(s) {
  const roomId = s.you.roomId ?? null;
  return s.chat.filter(m => (m.roomId ?? null) === roomId);
}

/** True while a breakout round is open or closing. @param {Snapshot} s */
export function breakoutsRunning(s) {
  return s.breakouts.status === 'open' || s.breakouts.status === 'closing';
}

/** POLL5: the poll the room shows: the open poll opened last, or else the last poll. @param {Snapshot} s */
export function currentPoll(s) {
  const polls = s.polls ?? [];
  for (let i = polls.length - 1; i >= 0; i--) if (polls[i].status === 'open') return polls[i];
  return polls.length ? polls[polls.length - 1] : null;
}
