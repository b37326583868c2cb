/** Test data shaped like protocol.md section 3. */

export function snapshot(overrides = {}) {
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
export function person(id, name, organisation) {
  return { participantId: id, name, organisation, role: 'participant', online: true, roomId: null, mutedInChat: false };
}

export function welcome(state = snapshot(), seq = 10, serverTime = 1_000_000) {
  return { type: 'welcome', seq, serverTime, state };
}

/** @param {number} seq @param {string} name @param {any} data */
export function event(seq, name, data) {
  return { type: 'event', seq, name, data };
}

/** Freezes deeply, so a reducer that mutates its input throws. @param {any} value */
export function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function rooms() {
  return {
    status: 'open', strategy: 'random', endsAt: 2_000_000, closingAt: null, broadcast: null,
    rooms: [
      { roomId: 'r1', name: 'Groep 1', topic: 'Lezen', participantIds: ['p1'], helpRequested: false, insights: [] },
      { roomId: 'r2', name: 'Groep 2', topic: '', participantIds: ['p2'], helpRequested: false, insights: [] },
    ],
  };
}
