/**
 * The report-back (RB rules): the room of a closed round that is reporting now, for everyone — its name, topic,
 * members and insights, with a countdown that runs into overtime (RB3: only the moderator moves on). Moderators
 * get "next room" and "stop", edit and remove for an earlier round's insights (IN1), and, when a round is closed and
 * no report-back runs, the form to start one.
 */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';
import { countdownEl } from './countdown.js';
import { insightList } from './insights.js';
import { nameOf } from './names.js';

/**
 * The room shown, from the snapshot's rooms (the last round's, kept after its close).
 * @param {import('../store.js').Snapshot} s
 */
export function shownRoom(s) {
  const rb = s.reportback;
  if (!rb) return null;
  return (s.breakouts.rooms ?? []).find(r => r.roomId === rb.roomId) ?? null;
}

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 * @returns {boolean} whether a report-back runs
 */
export function renderReportBack(root, { s, t, moderator }) {
  const rb = s.reportback;
  // RB11: a room of an earlier round comes with the snapshot (reportbackRoom), the last round's from its rooms
  const earlier = rb && s.reportbackRoom && s.reportbackRoom.roomId === rb.roomId ? s.reportbackRoom : null;
  const room = earlier ?? shownRoom(s);
  if (!rb || !room) {
    renderInto(root, []);
    return false;
  }
  const rooms = s.breakouts.rooms ?? [];
  const position = rooms.indexOf(room) + 1;
  const last = !earlier && position === rooms.length;
  const insights = room.insights ?? [];
  /** @type {string[]} */
  const members = earlier ? earlier.members : room.participantIds.map((/** @type {string} */ id) => nameOf(s, id, t));
  renderInto(root,
    h('h2', { id: 'reportback-heading', text: t('reportback.heading', { room: room.name }) }),
    earlier ? h('p', { class: 'muted', text: t('reportback.round', { n: rb.roundIndex + 1 }) })
      : h('p', { class: 'muted', text: t('reportback.position', { n: position, total: rooms.length }) }),
    room.topic ? h('p', { class: 'room-card__topic', text: room.topic }) : null,
    countdownEl(rb.endsAt, { size: 'large', label: t('reportback.timeLeft') }),
    h('h3', { text: t('reportback.members') }),
    members.length
      ? h('ul', { class: 'reportback__members' }, members.map(name => h('li', { text: name })))
      : h('p', { class: 'muted', text: t('reportback.noMembers') }),
    h('h3', { text: t('reportback.insights') }),
    insights.length
      // IN1: a moderator corrects an earlier round's insights here (the last round's have their controls in the
      // rooms' list, and one insight gets one editor)
      ? (earlier && moderator
        ? insightList(s, t, earlier, { className: 'insights reportback__insights' })
        : h('ul', { class: 'insights reportback__insights' }, insights.map((/** @type {any} */ i) => h('li', { text: i.text }))))
      : h('p', { class: 'muted', text: t('reportback.noInsights') }),
    moderator ? h('div', { class: 'toolbar' },
      commandButton(t(last ? 'reportback.finish' : 'reportback.next'), 'reportback.next', {},
        { className: 'button button--primary', key: 'reportback.next' }),
      commandButton(t('reportback.stop'), 'reportback.stop', {}, { key: 'reportback.stop' })) : null);
  return true;
}

/**
 * The moderator's start form: shown when some round is closed and no report-back runs (also while a newer
 * round is open); any closed round may report back (RB1; an earlier one whose insights were forgotten over L6's budget is refused), the last
 * one chosen first.
 * @param {HTMLFormElement} form
 * @param {import('./context.js').ViewContext} ctx
 * @returns {boolean} whether the form is offered
 */
export function renderReportBackForm(form, { s, t, moderator }) {
  const b = s.breakouts;
  // While a round is open or closing, the rounds before it are closed and may report back (RB1).
  const lastClosed = typeof b.roundIndex !== 'number' ? -1
    : b.status === 'closed' ? ((b.rooms ?? []).length > 0 ? b.roundIndex : -1) : b.roundIndex - 1;
  const offered = moderator && !s.reportback && lastClosed >= 0;
  const select = /** @type {HTMLSelectElement} */ (form.querySelector('select[name="roundIndex"]'));
  if (offered) {
    const labels = [];
    for (let n = lastClosed; n >= 0; n--) labels.push(t('reportback.round', { n: n + 1 }));
    const same = select.options.length === labels.length
      && labels.every((label, i) => select.options[i].value === String(lastClosed - i)
        && select.options[i].textContent === label);
    if (!same) {
      select.replaceChildren(...labels.map((label, i) => h('option', { value: String(lastClosed - i), text: label })));
    }
  }
  return offered;
}

/**
 * @param {HTMLFormElement} form
 * @param {(command: any) => Promise<boolean>} send
 */
export function setupReportBackForm(form, send) {
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const seconds = /** @type {HTMLInputElement} */ (form.querySelector('input[name="secondsPerRoom"]'));
    const round = /** @type {HTMLSelectElement} */ (form.querySelector('select[name="roundIndex"]'));
    if (!form.reportValidity()) return;
    await send({ type: 'reportback.start', secondsPerRoom: Number(seconds.value), roundIndex: Number(round.value) });
  });
}
