/**
 * What to tell a person (and their screen reader) after a change: you have the floor, you are
 * next, you moved to a room, one minute left... Pure: compares the snapshot before and after.
 */
import { isModerator, yourPlace, yourRoom } from './store.js';

/**
 * @typedef {{text: string, assertive: boolean}} Notice assertive: interrupts (the floor, a call for help)
 * @param {import('./store.js').Snapshot|null} prev the snapshot before (null after a welcome)
 * @param {import('./store.js').Snapshot} s the snapshot now
 * @param {any} event the event that led here, or null
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 * @returns {Notice[]}
 */
export function noticesFor(prev, s, event, t) {
  /** @type {Notice[]} */
  const out = [];
  const say = (/** @type {string} */ text, assertive = false) => out.push({ text, assertive });
  const name = event ? event.name : null;
  if (name === 'breakouts.warning') say(t('notice.oneMinute'));
  if (name === 'announcement.changed' && s.announcement) say(t('notice.announcement', { text: s.announcement.text }));
  if (name === 'breakouts.broadcast' && s.breakouts.broadcast) say(t('notice.broadcast', { text: s.breakouts.broadcast.text }));
  // RB10: the room reporting back now, and the end of the report-back.
  if (name === 'reportback.shown' && s.reportback) {
    const room = (s.breakouts.rooms ?? []).find(r => r.roomId === s.reportback.roomId);
    if (room) say(t('notice.reportBack', { room: room.name }));
  }
  if (name === 'reportback.ended') say(t('notice.reportBackEnded'));
  if (!prev) return out;
  const me = s.you.participantId;
  const wasSpeaker = Boolean(prev.queue.speaker && prev.queue.speaker.participantId === me);
  const isSpeaker = Boolean(s.queue.speaker && s.queue.speaker.participantId === me);
  if (isSpeaker && !wasSpeaker) say(t('floor.youHaveTheFloor'), true);
  if (!isSpeaker && yourPlace(s) === 1 && yourPlace(prev) !== 1) say(t('notice.youAreNext'));
  if ((s.you.roomId ?? null) !== (prev.you.roomId ?? null)) {
    const room = yourRoom(s);
    say(room ? t('notice.inRoom', { room: room.name }) : t('notice.backInPlenary'));
  }
  if (s.you.role !== prev.you.role) say(t(s.you.role === 'moderator' ? 'notice.promoted' : 'notice.demoted'));
  if (s.you.mutedInChat !== prev.you.mutedInChat) say(t(s.you.mutedInChat ? 'notice.muted' : 'notice.unmuted'));
  if (isModerator(s)) {
    for (const room of s.breakouts.rooms ?? []) {
      const before = (prev.breakouts.rooms ?? []).find(r => r.roomId === room.roomId);
      if (room.helpRequested && before && !before.helpRequested) say(t('notice.helpRequested', { room: room.name }), true);
      if (room.done === true && before && before.done !== true) say(t('notice.roomDone', { room: room.name }));
    }
  }
  return out;
}
