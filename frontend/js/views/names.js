/** How people are named in the room. */
import { participant } from '../store.js';

/**
 * A participant's name, "(you)" added for yourself.
 * @param {import('../store.js').Snapshot} s
 * @param {string} participantId
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 */
export function nameOf(s, participantId, t) {
  const p = participant(s, participantId);
  const name = p ? p.name : t('people.unknown');
  return participantId === s.you.participantId ? t('people.you', { name }) : name;
}

/**
 * The name of a breakout room by id.
 * @param {import('../store.js').Snapshot} s
 * @param {string|null} roomId
 */
export function roomName(s, roomId) {
  const room = s.breakouts.rooms.find(r => r.roomId === roomId);
  return room ? room.name : '';
}
