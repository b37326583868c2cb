/**
 * The page at /m/{meetingId}: the join form, then the room. Wires the connection, the store and
 * the views; one delegated click handler sends every `data-command` button.
 */
import { ApiError, fetchReport, forgetIdentity, forgetMember, joinMeeting, keyFromHash, loadIdentity, loadMember,
  meetingIdFromPath, meetingInfo, saveIdentity, saveMember } from './api.js';
import { MeetingConnection, socketUrl } from './connection.js';
import { loadLanguageChoice, resolveLanguage, translate } from './i18n.js';
import { languageToggle } from './language.js';
import { $, copyInputValue, h, show } from './lib/dom.js';
import { countdown } from './lib/time.js';
import { confirmDialog, openAgendaDialog, setupDialogs } from './dialogs.js';
import { noticesFor } from './notices.js';
import { apply, breakoutsRunning, currentItem, initialState, isModerator, yourRoom } from './store.js';
import { renderAgenda } from './views/agenda.js';
import { renderBreakout } from './views/breakout.js';
import { renderCallBack, renderCallForm, renderCallHeader } from './views/call.js';
import { renderRecapControls, renderRecapHeader } from './views/recap.js';
import { renderBreakouts } from './views/breakouts.js';
import { renderChat } from './views/chat.js';
import { tickCountdowns } from './views/countdown.js';
import { renderMeetingControls } from './views/moderation.js';
import { renderNow } from './views/now.js';
import { renderOverview } from './views/overview.js';
import { renderPeople } from './views/people.js';
import { renderQueue } from './views/queue.js';
import { setupInsightEditing } from './views/insights.js';
import { renderQuestions, setupQuestionForm } from './views/questions.js';
import { renderPolls, setupPolls } from './views/polls.js';
import { setupPollDialog } from './pollDialog.js';
import { renderReportBack, renderReportBackForm, setupReportBackForm } from './views/reportback.js';

const storage = window.localStorage;
const meetingId = meetingIdFromPath(location.pathname);
const moderatorKey = keyFromHash(location.hash);

let lang = resolveLanguage(loadLanguageChoice(storage), null);
/** @type {string|null} */ let meetingLanguage = null;
/** @param {string} key @param {Record<string, string|number>} [vars] */
const t = (key, vars) => translate(lang, key, vars);

let state = initialState();
/** @type {MeetingConnection|null} */ let connection = null;
/** @type {import('./api.js').Identity & {moderatorKey?: string} | null} */ let identity = null;
let renderQueued = false;
/** The absolute join link the server gives when KRING_PUBLIC_URL is set; null: this page's origin. */
let publicJoinUrl = null;
/** @type {number|undefined} */ let tickTimer;
/** @type {{itemId: string|null, phase: string|null}} */ let itemPhase = { itemId: null, phase: null };
/** @type {any} */ let lastJoinInfo = null;
/** @type {string} */ let currentView = 'loading-view';
/** @type {() => void} */ let refreshStatic = () => {};
/** The network this meeting belongs to (protocol.md section 9), or null. @type {string|null} */ let networkId = null;

// ---------------------------------------------------------------- language

const setLanguage = languageToggle({
  storage,
  current: () => lang,
  onChange: next => {
    lang = next;
    refreshStatic();
    showConnection(connection ? connection.status : 'connecting');
    scheduleRender();
  },
});

/** Follows the meeting's language unless this browser chose one. @param {string|null|undefined} language */
function followMeetingLanguage(language) {
  if (!language || language === meetingLanguage) return;
  meetingLanguage = language;
  const next = resolveLanguage(loadLanguageChoice(storage), language);
  if (next !== lang) setLanguage(next);
}

// ---------------------------------------------------------------- views and messages

/** @param {string} id */
function showView(id) {
  for (const view of ['loading-view', 'message-view', 'join-view', 'room-view']) show($(`#${view}`), view === id);
  show($('#leave'), id === 'room-view');
  show($('#connection-status'), id === 'room-view' || (id === 'loading-view' && connection !== null));
  if (id !== currentView) {
    currentView = id;
    if (id !== 'room-view') $('#main').focus({ preventScroll: true });
  }
}

/**
 * A full-page message (not found, ended, left...).
 * @param {string} headingKey @param {string} textKey
 * @param {Array<() => HTMLElement>} [actions] made again when the language changes
 */
function showMessage(headingKey, textKey, actions = []) {
  refreshStatic = () => {
    $('#message-heading').textContent = t(headingKey);
    $('#message-text').textContent = t(textKey);
    $('#message-actions').replaceChildren(...actions.map(make => make()));
  };
  refreshStatic();
  showView('message-view');
}

/** @param {string} text @param {boolean} [assertive] */
function announce(text, assertive = false) {
  const region = $(assertive ? '#live-assertive' : '#live-polite');
  region.textContent = '';
  window.setTimeout(() => { region.textContent = text; }, 50);
}

/** @param {import('./connection.js').ConnectionStatus} status */
function showConnection(status) {
  const el = $('#connection-status');
  el.dataset.state = status;
  el.textContent = t(`status.${status}`);
  document.body.dataset.connection = status;
}

/** @type {number|undefined} */ let errorTimer;
/** @param {{code?: string}} error */
function showCommandError(error) {
  const code = error && error.code ? error.code : 'generic';
  const key = `error.${code}`;
  const text = translate(lang, key) === key ? t('error.generic') : t(key);
  const el = $('#command-error');
  el.textContent = text;
  window.clearTimeout(errorTimer);
  errorTimer = window.setTimeout(() => { el.textContent = ''; }, 8000);
}

// ---------------------------------------------------------------- start

async function start() {
  setLanguage(lang);
  if (!meetingId) {
    showMessage('notFound.heading', 'notFound.text', [homeLink]);
    return;
  }
  identity = loadIdentity(storage, meetingId);
  let info = null;
  try {
    info = await meetingInfo(meetingId);
    publicJoinUrl = typeof info.joinUrl === 'string' ? info.joinUrl : null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      forgetIdentity(storage, meetingId);
      showMessage('notFound.heading', 'notFound.text', [homeLink]);
      return;
    }
    if (!identity) {
      showMessage('unreachable.heading', 'unreachable.text', [retryButton]);
      return;
    }
  }
  if (info) {
    networkId = typeof info.networkId === 'string' && info.networkId ? info.networkId : null;
    followMeetingLanguage(info.language);
    setTitle(info.title);
    if (info.status === 'ended') {
      showEnded();
      return;
    }
  }
  const wantsModerator = moderatorKey && (!identity || identity.role !== 'moderator');
  if (identity && !wantsModerator) {
    enterRoom();
  } else {
    showJoin(info, null);
  }
}

function homeLink() {
  return h('a', { class: 'button', href: '/', text: t('app.newMeeting') });
}

function useHereButton() {
  return h('button', { type: 'button', class: 'button button--primary', text: t('replaced.useHere'), on: { click: () => location.reload() } });
}

function retryButton() {
  return h('button', { type: 'button', class: 'button button--primary', text: t('app.retry'), on: { click: () => location.reload() } });
}

/** @param {string} title */
function setTitle(title) {
  if ($('#meeting-title').textContent !== title) $('#meeting-title').textContent = title;
  const pageTitle = `${title} · Kring`;
  if (document.title !== pageTitle) document.title = pageTitle;
}

// ---------------------------------------------------------------- join

/** @param {any} info @param {string|null} noteKey why the form is shown again (removed, expired...) */
function showJoin(info, noteKey) {
  lastJoinInfo = info ?? lastJoinInfo;
  refreshStatic = () => {
    $('#join-heading').textContent = t(moderatorKey ? 'join.headingModerator' : 'join.heading');
    $('#join-submit').textContent = t(moderatorKey ? 'join.submitModerator' : 'join.submit');
    $('#join-meeting').textContent = lastJoinInfo ? lastJoinInfo.title : '';
    const note = noteKey ?? (lastJoinInfo && lastJoinInfo.locked && !moderatorKey ? 'join.lockedNote' : null);
    $('#join-note').textContent = note ? t(note) : '';
    show($('#join-note'), Boolean(note));
    // A returning member of the meeting's network: greet them and fill in what they gave last time.
    const member = networkId ? loadMember(storage, networkId) : null;
    $('#join-welcome').textContent = member && member.name ? t('join.welcomeBack', { name: member.name }) : '';
    show($('#join-welcome'), Boolean(member && member.name));
  };
  refreshStatic();
  const member = networkId ? loadMember(storage, networkId) : null;
  if (member) {
    const name = /** @type {HTMLInputElement} */ ($('#join-name'));
    const organisation = /** @type {HTMLInputElement} */ ($('#join-organisation'));
    if (!name.value) name.value = member.name;
    if (!organisation.value) organisation.value = member.organisation;
  }
  showView('join-view');
  $('#join-name').focus();
}

/**
 * Joins, as the network's member this browser is when it is one. A member token the server no longer
 * knows (the profile was deleted) is forgotten, and the join is made again without it.
 * @param {{name: string, organisation: string, attendance: string, moderatorKey?: string}} body
 */
async function joinAsMember(body) {
  const id = /** @type {string} */ (meetingId);
  const member = networkId ? loadMember(storage, networkId) : null;
  let joined;
  try {
    joined = await joinMeeting(id, member ? { ...body, memberToken: member.memberToken } : body);
  } catch (err) {
    if (!(member && networkId && err instanceof ApiError && err.status === 401)) throw err;
    forgetMember(storage, networkId);
    joined = await joinMeeting(id, body);
  }
  const network = networkId ?? (typeof joined.networkId === 'string' ? joined.networkId : null);
  if (network && typeof joined.memberId === 'string') {
    const known = loadMember(storage, network);
    const memberToken = typeof joined.memberToken === 'string' ? joined.memberToken : known?.memberToken;
    if (memberToken) {
      saveMember(storage, network, { memberToken, memberId: joined.memberId, name: body.name, organisation: body.organisation });
    }
  }
  return joined;
}

$('#join-form').addEventListener('submit', async e => {
  e.preventDefault();
  const name = /** @type {HTMLInputElement} */ ($('#join-name')).value.trim();
  const organisation = /** @type {HTMLInputElement} */ ($('#join-organisation')).value.trim();
  const attendance = /** @type {HTMLInputElement} */ ($('#join-attendance-inroom')).checked ? 'inRoom' : 'online';
  const error = $('#join-error');
  if (!name) {
    error.textContent = t('join.nameRequired');
    $('#join-name').focus();
    return;
  }
  error.textContent = '';
  const submit = /** @type {HTMLButtonElement} */ ($('#join-submit'));
  submit.disabled = true;
  try {
    const body = { name, organisation, attendance, ...(moderatorKey ? { moderatorKey } : {}) };
    const joined = await joinAsMember(body);
    identity = { token: joined.token, participantId: joined.participantId, role: joined.role,
      ...(moderatorKey && joined.role === 'moderator' ? { moderatorKey } : {}) };
    saveIdentity(storage, /** @type {string} */ (meetingId), identity);
    enterRoom();
  } catch (err) {
    const code = err instanceof ApiError ? err.code : 'generic';
    if (code === 'ENDED') {
      showEnded();
      return;
    }
    const key = `join.error.${code}`;
    error.textContent = translate(lang, key) === key ? t('join.error.generic') : t(key);
  } finally {
    submit.disabled = false;
  }
});

// ---------------------------------------------------------------- the room

function enterRoom() {
  if (!identity || !meetingId) return;
  refreshStatic = refreshRoomStatic;
  refreshStatic();
  if (connection) connection.close();
  state = initialState();
  showView('loading-view');
  showConnection('connecting');
  connection = new MeetingConnection({
    url: socketUrl(location, meetingId),
    token: identity.token,
    handlers: {
      onWelcome: (message, clock) => update(apply(state, message, clock), null),
      onEvent: (message, clock) => update(apply(state, message, clock), message),
      onStatus: status => showConnection(status),
      onFatal: reason => fatal(reason),
      onProtocolError: error => showCommandError(error),
    },
  });
  connection.connect();
  window.clearInterval(tickTimer);
  tickTimer = window.setInterval(tick, 250);
}

window.addEventListener('online', () => connection && connection.retryNow());

/** @param {string} reason */
function fatal(reason) {
  window.clearInterval(tickTimer);
  connection = null;
  if (reason === 'ended') {
    showEnded();
    return;
  }
  if (reason === 'replaced') {
    // Still the same person with a working token: this tab may take over again, but only when asked.
    showMessage('replaced.heading', 'replaced.text', [useHereButton]);
    return;
  }
  forgetIdentity(storage, /** @type {string} */ (meetingId));
  identity = null;
  showJoin(lastJoinInfo, reason === 'removed' ? 'join.removedNote' : 'join.expiredNote');
}

function showEnded() {
  window.clearInterval(tickTimer);
  const actions = [homeLink];
  if (identity && identity.role === 'moderator') {
    actions.unshift(
      () => h('button', { type: 'button', class: 'button', dataset: { report: 'md' }, text: t('report.markdown') }),
      () => h('button', { type: 'button', class: 'button', dataset: { report: 'json' }, text: t('report.json') }));
  } else {
    forgetIdentity(storage, /** @type {string} */ (meetingId));
  }
  showMessage('ended.heading', 'ended.text', actions);
}

function serverNow() {
  return Date.now() + state.offset;
}

/**
 * @param {import('./store.js').State} next
 * @param {any} event the event that led here (null for a welcome)
 */
function update(next, event) {
  const prev = state.snapshot;
  state = next;
  if (!state.snapshot) return;
  if (currentView !== 'room-view') showView('room-view');
  followMeetingLanguage(state.snapshot.meeting.language);
  // Remember a promotion or demotion, so a reload and the end screen know the role too.
  if (identity && meetingId && identity.role !== state.snapshot.you.role) {
    identity = { ...identity, role: state.snapshot.you.role };
    saveIdentity(storage, meetingId, identity);
  }
  const said = noticesFor(prev, state.snapshot, event, t);
  const polite = said.filter(n => !n.assertive).map(n => n.text);
  const assertive = said.filter(n => n.assertive).map(n => n.text);
  if (polite.length) announce(polite.join(' '));
  if (assertive.length) announce(assertive.join(' '), true);
  scheduleRender();
}

function scheduleRender() {
  if (renderQueued || !state.snapshot) return;
  renderQueued = true;
  window.requestAnimationFrame(render);
}

function render() {
  renderQueued = false;
  const s = state.snapshot;
  if (!s) return;
  const moderator = isModerator(s);
  /** @type {import('./views/context.js').ViewContext} */
  const ctx = { s, t, lang, moderator, now: serverNow };
  setTitle(s.meeting.title);

  show($('#announcement'), Boolean(s.announcement));
  const announcementText = s.announcement ? s.announcement.text : '';
  if ($('#announcement-text').textContent !== announcementText) $('#announcement-text').textContent = announcementText;
  show($('#floor-notice'), Boolean(s.queue.speaker && s.queue.speaker.participantId === s.you.participantId));

  renderCallHeader($('#call-header'), ctx);
  renderRecapHeader($('#recap-header'), ctx);
  renderCallBack($('#call-back'), ctx);
  renderNow($('#now'), ctx);
  const inRoom = Boolean(yourRoom(s));
  show($('#breakout-room'), inRoom);
  renderBreakout($('#breakout-view'), ctx);
  show($('#reportback'), renderReportBack($('#reportback-view'), ctx));
  show($('#breakouts'), renderBreakouts($('#breakouts'), ctx));
  show($('#polls'), renderPolls($('#polls-view'), ctx) || moderator);
  renderQueue($('#queue-view'), ctx);
  renderChat($('#chat-list'), $('#chat-heading'), ctx);
  renderQuestions($('#question-list'), ctx);
  show($('#chat-muted'), s.you.mutedInChat);
  for (const el of $('#chat-form').querySelectorAll('textarea, button')) {
    /** @type {HTMLButtonElement} */ (el).disabled = s.you.mutedInChat;
  }
  renderPeople($('#people'), ctx);
  renderAgenda($('#agenda-view'), ctx);

  for (const el of document.querySelectorAll('.mod-only')) show(el, moderator);
  if (moderator) {
    renderMeetingControls($('#meeting-controls'), ctx);
    renderOverview($('#overview-view'), ctx);
    renderCallForm($('#call-controls'), ctx, send);
    renderRecapControls($('#recap-controls'), ctx, publicOrigin());
    show($('#open-breakouts'), !breakoutsRunning(s));
    show($('#broadcast-form'), s.breakouts.status === 'open');
    renderRoomChoices(/** @type {HTMLSelectElement} */ ($('#room-insight-room')), breakoutsRunning(s) ? s.breakouts.rooms ?? [] : []);
    show($('#room-insight-form'), breakoutsRunning(s));
    show($('#reportback-form'), renderReportBackForm(/** @type {HTMLFormElement} */ ($('#reportback-form')), ctx));
  }
  tick();
}

/**
 * The rooms a moderator can add an insight to; the choice survives a re-render while its room exists.
 * @param {HTMLSelectElement} select @param {Array<{roomId: string, name: string}>} rooms
 */
function renderRoomChoices(select, rooms) {
  const chosen = select.value;
  const same = select.options.length === rooms.length
    && rooms.every((r, i) => select.options[i].value === r.roomId && select.options[i].textContent === r.name);
  if (same) return;
  select.replaceChildren(...rooms.map(r => h('option', { value: r.roomId, text: r.name })));
  if (rooms.some(r => r.roomId === chosen)) select.value = chosen;
}

/** The server's public origin (KRING_PUBLIC_URL, from the join link it gave) or else this page's. */
function publicOrigin() {
  const suffix = `/m/${meetingId}`;
  return publicJoinUrl && publicJoinUrl.endsWith(suffix) ? publicJoinUrl.slice(0, -suffix.length) : location.origin;
}

function refreshRoomStatic() {
  // The server's public address (KRING_PUBLIC_URL) when it has one: the room may be open on an internal address.
  const joinUrl = publicJoinUrl ?? `${location.origin}/m/${meetingId}`;
  /** @type {HTMLInputElement} */ ($('#join-link')).value = joinUrl;
  $('#display-link').setAttribute('href', `/display/${meetingId}`);
  const key = identity && identity.moderatorKey ? identity.moderatorKey : moderatorKey;
  show($('#moderator-link-box'), Boolean(key));
  /** @type {HTMLInputElement} */ ($('#moderator-link')).value = key ? `${joinUrl}#key=${key}` : '';
}

function tick() {
  const now = serverNow();
  tickCountdowns(document, now, t);
  const s = state.snapshot;
  if (!s) return;
  // Say it once when the current item enters its last minute and when it runs over.
  const item = currentItem(s);
  const phase = item && typeof item.endsAt === 'number' ? countdown(item.endsAt, now).phase : null;
  const itemId = item ? item.itemId : null;
  if (itemId === itemPhase.itemId && phase !== itemPhase.phase && itemPhase.phase !== null) {
    if (phase === 'warning') announce(t('notice.itemOneMinute', { title: item.title }));
    if (phase === 'over') announce(t('notice.itemOver', { title: item.title }));
  }
  itemPhase = { itemId, phase };
}

// ---------------------------------------------------------------- commands

/**
 * @param {{type: string, [field: string]: any}} command
 * @returns {Promise<boolean>} whether the server accepted it
 */
async function send(command) {
  if (!connection) {
    showCommandError({ code: 'OFFLINE' });
    return false;
  }
  try {
    await connection.send(command);
    return true;
  } catch (error) {
    showCommandError(/** @type {any} */ (error));
    return false;
  }
}

// The one delegated click handler for everything that acts.
document.addEventListener('click', async e => {
  const target = /** @type {HTMLElement} */ (e.target);
  const button = target.closest('button');
  if (!button || button.disabled) return;
  const data = button.dataset;
  if (data.command) {
    const fields = data.fields ? JSON.parse(data.fields) : {};
    if (data.withLimit) {
      const limit = Number(/** @type {HTMLSelectElement} */ ($('#speaker-limit')).value);
      if (limit > 0) fields.limitSeconds = limit;
    }
    if (data.confirm && !(await confirmDialog(t(data.confirm, { name: data.confirmName ?? '' })))) return;
    await send({ type: data.command, ...fields });
  } else if (data.action === 'edit-item') {
    openAgendaDialog(/** @type {string} */ (data.itemId));
  } else if (data.report) {
    downloadReport(/** @type {'md'|'json'} */ (data.report));
  } else if (data.copy) {
    copyField(data.copy);
  } else if (button.hasAttribute('data-close-dialog')) {
    /** @type {HTMLDialogElement|null} */ (button.closest('dialog'))?.close();
  }
});

/**
 * A form whose text goes out as one command; the text is cleared once the server accepts it.
 * @param {string} formSelector @param {string} fieldSelector @param {string} type
 */
function textForm(formSelector, fieldSelector, type) {
  const form = $(formSelector);
  const field = /** @type {HTMLTextAreaElement} */ ($(fieldSelector));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const text = field.value.trim();
    if (!text) return;
    if (await send({ type, text })) field.value = '';
    field.focus();
  });
  field.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
}
textForm('#chat-form', '#chat-text', 'chat.send');
textForm('#insight-form', '#insight-text', 'insight.add');
setupInsightEditing(send, scheduleRender);
setupQuestionForm(send, () => state.snapshot, scheduleRender);
textForm('#announce-form', '#announce-text', 'meeting.announce');
textForm('#broadcast-form', '#broadcast-text', 'breakout.broadcast');

// Q11: a round of turns for everyone present, in the chosen order, with a limit per turn (0: none).
$('#round-form').addEventListener('submit', async e => {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const order = /** @type {HTMLSelectElement} */ (form.elements.namedItem('order')).value;
  const minutes = Number(/** @type {HTMLInputElement} */ (form.elements.namedItem('minutes')).value);
  const limitSeconds = Math.min(3600, Math.round(minutes * 60));
  await send(limitSeconds > 0 ? { type: 'floor.round', order, limitSeconds } : { type: 'floor.round', order });
});

// The physical room: someone without a device, added by a moderator.
$('#add-person-form').addEventListener('submit', async e => {
  e.preventDefault();
  const nameField = /** @type {HTMLInputElement} */ ($('#add-person-name'));
  const organisationField = /** @type {HTMLInputElement} */ ($('#add-person-organisation'));
  const name = nameField.value.trim();
  if (!name) {
    nameField.focus();
    return;
  }
  const organisation = organisationField.value.trim();
  if (await send({ type: 'participant.add', name, ...(organisation ? { organisation } : {}) })) {
    nameField.value = '';
    organisationField.value = '';
  }
  nameField.focus();
});

// A moderator adds an insight to a room of the open round, on behalf of the group.
$('#room-insight-form').addEventListener('submit', async e => {
  e.preventDefault();
  const roomId = /** @type {HTMLSelectElement} */ ($('#room-insight-room')).value;
  const field = /** @type {HTMLTextAreaElement} */ ($('#room-insight-text'));
  const text = field.value.trim();
  if (!roomId || !text) return;
  if (await send({ type: 'insight.add', text, roomId })) field.value = '';
  field.focus();
});

$('#agenda-add-form').addEventListener('submit', async e => {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const title = /** @type {HTMLInputElement} */ (form.elements.namedItem('title')).value.trim();
  const minutes = Number(/** @type {HTMLInputElement} */ (form.elements.namedItem('minutes')).value);
  const kind = /** @type {HTMLSelectElement} */ (form.elements.namedItem('kind')).value;
  const descriptionField = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('description'));
  const description = descriptionField.value.trim();
  if (!title || !(minutes > 0)) return;
  if (await send({ type: 'agenda.add', title, durationSeconds: Math.round(minutes * 60), kind, ...(description ? { description } : {}) })) {
    /** @type {HTMLInputElement} */ (form.elements.namedItem('title')).value = '';
    descriptionField.value = '';
  }
});

// ---------------------------------------------------------------- links, report, leave

/** @param {string} inputId */
async function copyField(inputId) {
  const ok = await copyInputValue(/** @type {HTMLInputElement} */ ($(`#${inputId}`)));
  $('#copy-status').textContent = t(ok ? 'moderation.copied' : 'moderation.copyFailed');
}

/** @param {'md'|'json'} format */
async function downloadReport(format) {
  if (!identity || !meetingId) return;
  try {
    const blob = await fetchReport(meetingId, identity.token, format);
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: `kring-${meetingId}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    showCommandError({ code: e instanceof ApiError ? e.code : 'generic' });
  }
}

$('#leave').addEventListener('click', async () => {
  await send({ type: 'meeting.leave' });
  if (connection) connection.close();
  connection = null;
  window.clearInterval(tickTimer);
  showMessage('left.heading', 'left.text', [
    () => h('button', { type: 'button', class: 'button button--primary', text: t('left.rejoin'), on: { click: () => enterRoom() } }),
    homeLink]);
});

setupDialogs({ snapshot: () => state.snapshot, send, t });
setupPollDialog({ snapshot: () => state.snapshot, send, t });
setupPolls($('#polls-view'), send, t);
setupReportBackForm(/** @type {HTMLFormElement} */ ($('#reportback-form')), send);
start();
