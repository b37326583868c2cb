/**
 * The page at /n/{networkId} (protocol.md section 9): the network's meetings (the next one first,
 * with its join link; past ones with their recaps), the directory and "my profile" for members
 * (the member token this browser got on its first join of a network meeting), and for the
 * coordinator (the key in the fragment, kept for this tab only) the forms to plan a meeting and
 * to download the network report.
 */
import { ApiError, deleteProfile, fetchNetworkReport, forgetMember, keyFromHash, loadCoordinatorKey, loadMember,
  networkIdFromPath, networkInfo, networkMembers, planMeeting, saveCoordinatorKey, saveMember, saveProfile } from './api.js';
import { loadLanguageChoice, resolveLanguage, translate } from './i18n.js';
import { languageToggle } from './language.js';
import { $, copyInputValue, h, show } from './lib/dom.js';
import { arrangeMeetings, formatWhen, MODES, planBody, profileBody, searchDirectory } from './networkModel.js';

const storage = window.localStorage;
const session = window.sessionStorage;
const networkId = networkIdFromPath(location.pathname);

let lang = resolveLanguage(loadLanguageChoice(storage), null);
/** @param {string} key @param {Record<string, string|number>} [vars] */
const t = (key, vars) => translate(lang, key, vars);

/** @type {{networkId: string, name: string, language: string, meetings: Array<import('./api.js').NetworkMeeting>}|null} */
let network = null;
/** @type {string|null} */ let coordinatorKey = null;
/** @type {import('./api.js').Member|null} */ let member = null;
/** The directory as last fetched; null: not fetched (or not allowed). @type {Array<import('./api.js').Profile>|null} */
let profiles = null;
/** Why the directory is not shown (a translation key), when it is not. @type {string|null} */
let directoryNote = null;
/** The profile form was filled from the server once: later fetches must not overwrite what is being typed. */
let profileFilled = false;
/** @type {() => void} */ let refreshMessage = () => {};

// ---------------------------------------------------------------- language

const setLanguage = languageToggle({
  storage,
  current: () => lang,
  onChange: next => {
    lang = next;
    refreshMessage();
    if (network) render();
  },
});

// ---------------------------------------------------------------- views

/** @param {string} id */
function showView(id) {
  for (const view of ['loading-view', 'message-view', 'network-view']) show($(`#${view}`), view === id);
}

/**
 * @param {string} headingKey @param {string} textKey
 * @param {Array<() => HTMLElement>} [actions]
 */
function showMessage(headingKey, textKey, actions = []) {
  refreshMessage = () => {
    $('#message-heading').textContent = t(headingKey);
    $('#message-text').textContent = t(textKey);
    $('#message-actions').replaceChildren(...actions.map(make => make()));
  };
  refreshMessage();
  showView('message-view');
  $('#main').focus({ preventScroll: true });
}

/** @param {string} text */
function announce(text) {
  const region = $('#live-polite');
  region.textContent = '';
  window.setTimeout(() => { region.textContent = text; }, 50);
}

/** @param {unknown} err @param {string} prefix @param {string[]} known the codes `prefix` has a text for */
function errorText(err, prefix, known) {
  const code = err instanceof ApiError ? err.code : 'generic';
  if (known.includes(code)) return t(`${prefix}.${code}`);
  if (code === 'NETWORK') return t('join.error.NETWORK');
  if (code === 'RATE_LIMITED') return t('join.error.RATE_LIMITED');
  return t('join.error.generic');
}

// ---------------------------------------------------------------- start

async function start() {
  setLanguage(lang);
  if (!networkId) {
    showMessage('network.notFound.heading', 'network.notFound.text', [homeLink]);
    return;
  }
  // The coordinator key: from the fragment into this tab's storage, and out of the address bar
  // (a copied address or a screenshot must not carry it).
  const fromHash = keyFromHash(location.hash);
  if (fromHash) {
    saveCoordinatorKey(session, networkId, fromHash);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  coordinatorKey = fromHash ?? loadCoordinatorKey(session, networkId);
  member = loadMember(storage, networkId);
  try {
    network = await networkInfo(networkId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      showMessage('network.notFound.heading', 'network.notFound.text', [homeLink]);
    } else {
      showMessage('network.unreachable.heading', 'network.unreachable.text', [retryButton]);
    }
    return;
  }
  const next = resolveLanguage(loadLanguageChoice(storage), network.language);
  if (next !== lang) setLanguage(next);
  render();
  showView('network-view');
  await loadDirectory();
}

function homeLink() {
  return h('a', { class: 'button', href: '/', text: t('app.newMeeting') });
}

function retryButton() {
  return h('button', { type: 'button', class: 'button button--primary', text: t('app.retry'), on: { click: () => location.reload() } });
}

async function reloadNetwork() {
  try {
    network = await networkInfo(/** @type {string} */ (networkId));
    render();
  } catch { /* the page keeps what it showed */ }
}

// ---------------------------------------------------------------- render

function render() {
  if (!network) return;
  $('#network-name').textContent = network.name;
  document.title = `${network.name} · Kring`;
  renderMeetings();
  renderDirectory();
  renderProfile();
  renderCoordinator();
}

/** @param {import('./api.js').NetworkMeeting} m */
function when(m) {
  return typeof m.startsAt === 'number' ? formatWhen(m.startsAt, lang) : t('network.noDate');
}

/** @param {import('./api.js').NetworkMeeting} m */
function modeText(m) {
  return t(`mode.${MODES.includes(m.mode ?? '') ? m.mode : 'online'}`);
}

/**
 * The moderator link of a meeting of the network: the coordinator key is its moderator key.
 * @param {string} meetingId @param {string} title
 */
function moderatorLink(meetingId, title) {
  return h('a', { class: 'button button--small', href: `/m/${encodeURIComponent(meetingId)}#key=${coordinatorKey}`,
    text: t('network.openAsModerator'), 'aria-label': t('network.openAsModeratorLabel', { title }) });
}

function renderMeetings() {
  const { next, later, past } = arrangeMeetings(network ? network.meetings : [], Date.now());
  const view = $('#next-view');
  if (next) {
    view.replaceChildren(
      h('p', { class: 'next__title', text: next.title }),
      h('p', { class: 'next__when', text: t('network.whenMode', { when: when(next), mode: modeText(next) }) }),
      h('div', { class: 'toolbar' },
        h('a', { class: 'button button--primary button--large', href: next.joinPath, text: t('network.join'),
          'aria-label': t('network.joinLabel', { title: next.title }) }),
        coordinatorKey ? moderatorLink(next.meetingId, next.title) : null));
  } else {
    view.replaceChildren(h('p', { class: 'note', text: t(coordinatorKey ? 'network.nextEmptyCoordinator' : 'network.nextEmpty') }));
  }
  show($('#later'), later.length > 0);
  $('#later-list').replaceChildren(...later.map(m => h('li', { class: 'meeting-list__item' },
    h('span', { class: 'meeting-list__title', text: m.title }),
    h('span', { text: t('network.whenMode', { when: when(m), mode: modeText(m) }) }),
    h('a', { href: m.joinPath, text: t('network.joinLink'), 'aria-label': t('network.joinLabel', { title: m.title }) }),
    coordinatorKey ? moderatorLink(m.meetingId, m.title) : null)));
  show($('#past-empty'), past.length === 0);
  $('#past-list').replaceChildren(...past.map(m => h('li', { class: 'meeting-list__item' },
    h('span', { class: 'meeting-list__title', text: m.title }),
    h('span', { text: when(m) }),
    m.recapPath
      ? h('a', { href: m.recapPath, text: t('network.recap'), 'aria-label': t('network.recapLabel', { title: m.title }) })
      : h('span', { class: 'note', text: t('network.noRecap') }),
    coordinatorKey ? moderatorLink(m.meetingId, m.title) : null)));
}

// ---------------------------------------------------------------- directory

/** The token the directory is asked with: yours as a member (it shows you too), else the coordinator's. */
function directoryToken() {
  return member ? member.memberToken : coordinatorKey;
}

async function loadDirectory() {
  const token = directoryToken();
  if (!token || !networkId) {
    profiles = null;
    render();
    return;
  }
  try {
    profiles = await networkMembers(networkId, token);
    directoryNote = null;
  } catch (e) {
    profiles = null;
    const status = e instanceof ApiError ? e.status : 0;
    if (status === 401 && member && token === member.memberToken) {
      memberGone('member.expired');
      if (coordinatorKey) await loadDirectory();
      return;
    }
    if (status === 403 && token === coordinatorKey) {
      coordinatorRefused();
    } else {
      directoryNote = 'directory.error';
    }
  }
  render();
}

/** This browser's member token no longer works (deleted, or never valid): forget it. @param {string} noteKey */
function memberGone(noteKey) {
  forgetMember(storage, /** @type {string} */ (networkId));
  member = null;
  profileFilled = false;
  directoryNote = noteKey;
  render();
}

function coordinatorRefused() {
  saveCoordinatorKey(session, /** @type {string} */ (networkId), null);
  coordinatorKey = null;
  $('#coordinator-error').textContent = t('coordinator.forbidden');
  render();
}

function renderDirectory() {
  const intro = directoryNote ?? (member || coordinatorKey ? 'directory.intro' : 'directory.notMember');
  $('#directory-intro').textContent = t(intro);
  show($('#directory-body'), profiles !== null);
  if (profiles === null) return;
  const query = /** @type {HTMLInputElement} */ ($('#directory-search')).value;
  const youId = member ? member.memberId : null;
  const shown = searchDirectory(profiles, query, youId);
  const others = profiles.filter(p => p.memberId !== youId).length;
  $('#directory-status').textContent = query.trim()
    ? t(shown.length ? 'directory.found' : 'directory.noneFound', { n: shown.length, query: query.trim() })
    : t(others === 0 ? 'directory.empty' : others === 1 ? 'directory.countOne' : 'directory.count', { n: others });
  $('#directory-list').replaceChildren(...shown.map(p => profileCard(p, p.memberId === youId)));
}

/** @param {import('./api.js').Profile} p @param {boolean} you */
function profileCard(p, you) {
  const line = [p.organisation, p.function].filter(Boolean).join(' · ');
  return h('li', { class: `directory__card${you ? ' directory__card--you' : ''}` },
    h('h3', { class: 'directory__name', text: you ? t('directory.you', { name: p.name }) : p.name }),
    you && !p.shareInDirectory ? h('p', { class: 'tag', text: t('directory.notShared') }) : null,
    line ? h('p', { class: 'directory__line', text: line }) : null,
    p.email ? h('p', { class: 'directory__line' }, h('a', { href: `mailto:${p.email}`, text: p.email })) : null,
    p.phone ? h('p', { class: 'directory__line' }, h('a', { href: `tel:${p.phone.replace(/[^0-9+]/g, '')}`, text: p.phone })) : null,
    p.offer ? h('div', null, h('span', { class: 'directory__label', text: t('directory.offer') }),
      h('p', { class: 'directory__text', text: p.offer })) : null,
    p.ask ? h('div', null, h('span', { class: 'directory__label', text: t('directory.ask') }),
      h('p', { class: 'directory__text', text: p.ask })) : null);
}

$('#directory-search').addEventListener('input', () => renderDirectory());

// ---------------------------------------------------------------- my profile

/** @param {string} id */
const field = id => /** @type {HTMLInputElement} */ ($(id));

function renderProfile() {
  show($('#profile'), member !== null);
  if (!member || profileFilled) return;
  const mine = profiles ? profiles.find(p => p.memberId === member?.memberId) : undefined;
  if (!mine && profiles === null) {
    // Not fetched yet: what this browser remembers, until the server answers.
    field('#profile-name').value = field('#profile-name').value || member.name;
    field('#profile-organisation').value = field('#profile-organisation').value || member.organisation;
    return;
  }
  fillProfile(mine ?? { name: member.name, organisation: member.organisation, shareInDirectory: false });
  profileFilled = true;
}

/** @param {Partial<import('./api.js').Profile>} p */
function fillProfile(p) {
  for (const name of ['name', 'organisation', 'function', 'email', 'phone', 'offer', 'ask']) {
    field(`#profile-${name}`).value = /** @type {any} */ (p)[name] ?? '';
  }
  field('#profile-share').checked = p.shareInDirectory === true;
}

$('#profile-form').addEventListener('submit', async e => {
  e.preventDefault();
  if (!member || !networkId) return;
  const error = $('#profile-error');
  const status = $('#profile-status');
  error.textContent = '';
  status.textContent = '';
  /** @type {Record<string, any>} */
  const values = { shareInDirectory: field('#profile-share').checked };
  for (const name of ['name', 'organisation', 'function', 'email', 'phone', 'offer', 'ask']) values[name] = field(`#profile-${name}`).value;
  const checked = profileBody(/** @type {any} */ (values));
  if ('error' in checked) {
    error.textContent = t(checked.error);
    field(`#profile-${checked.field}`).focus();
    return;
  }
  const save = /** @type {HTMLButtonElement} */ ($('#profile-save'));
  save.disabled = true;
  try {
    const saved = await saveProfile(networkId, member.memberToken, checked.body);
    member = { ...member, memberId: saved.memberId ?? member.memberId, name: saved.name, organisation: saved.organisation ?? '' };
    saveMember(storage, networkId, member);
    fillProfile(saved);
    status.textContent = t(saved.shareInDirectory ? 'profile.savedShared' : 'profile.savedPrivate');
    await loadDirectory();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      memberGone('member.expired');
      return;
    }
    error.textContent = errorText(err, 'profile.error', ['INVALID']);
  } finally {
    save.disabled = false;
  }
});

$('#profile-delete').addEventListener('click', async () => {
  if (!member || !networkId) return;
  if (!(await confirmDialog(t('profile.deleteConfirm')))) return;
  try {
    await deleteProfile(networkId, member.memberToken);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) {
      $('#profile-error').textContent = errorText(err, 'profile.error', []);
      return;
    }
  }
  fillProfile({});
  memberGone('profile.deleted');
  announce(t('profile.deleted'));
  if (coordinatorKey) await loadDirectory();
  $('#directory-heading').focus();
});

/** @param {string} text @returns {Promise<boolean>} */
function confirmDialog(text) {
  const dialog = /** @type {HTMLDialogElement} */ ($('#confirm-dialog'));
  $('#confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

// ---------------------------------------------------------------- coordinator

function renderCoordinator() {
  show($('#coordinator'), coordinatorKey !== null);
  if (!coordinatorKey || !network) return;
  field('#coordinator-link').value = `${location.origin}/n/${network.networkId}#key=${coordinatorKey}`;
  field('#network-link').value = `${location.origin}/n/${network.networkId}`;
  const select = /** @type {HTMLSelectElement} */ ($('#plan-copy'));
  const chosen = select.value;
  select.replaceChildren(h('option', { value: '', text: t('plan.copyNothing') }),
    ...network.meetings.map(m => h('option', { value: m.meetingId,
      text: typeof m.startsAt === 'number' ? `${m.title} (${formatWhen(m.startsAt, lang)})` : m.title })));
  if (network.meetings.some(m => m.meetingId === chosen)) select.value = chosen;
}

$('#plan-form').addEventListener('submit', async e => {
  e.preventDefault();
  if (!coordinatorKey || !network || !networkId) return;
  const error = $('#plan-error');
  const status = $('#plan-status');
  error.textContent = '';
  status.textContent = '';
  const checked = planBody({ title: field('#plan-title').value, startsAt: field('#plan-starts').value,
    mode: field('#plan-mode').value, copyAgendaFrom: field('#plan-copy').value, language: network.language });
  if ('error' in checked) {
    error.textContent = t(checked.error);
    field(checked.field === 'title' ? '#plan-title' : '#plan-starts').focus();
    return;
  }
  const submit = /** @type {HTMLButtonElement} */ ($('#plan-submit'));
  submit.disabled = true;
  try {
    const planned = await planMeeting(networkId, coordinatorKey, checked.body);
    /** @type {HTMLFormElement} */ ($('#plan-form')).reset();
    await reloadNetwork();
    status.textContent = t('plan.done', { title: planned.title });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      coordinatorRefused();
      return;
    }
    error.textContent = errorText(err, 'plan.error', ['INVALID', 'NOT_FOUND']);
  } finally {
    submit.disabled = false;
  }
});

document.addEventListener('click', async e => {
  const target = /** @type {HTMLElement} */ (e.target);
  const copy = target.closest('[data-copy]');
  if (copy) {
    const ok = await copyInputValue(/** @type {HTMLInputElement} */ ($(`#${/** @type {HTMLElement} */ (copy).dataset.copy}`)));
    $('#copy-status').textContent = t(ok ? 'moderation.copied' : 'moderation.copyFailed');
    return;
  }
  const report = target.closest('[data-network-report]');
  if (report && coordinatorKey && networkId) {
    const format = /** @type {HTMLElement} */ (report).dataset.networkReport === 'json' ? 'json' : 'md';
    try {
      const blob = await fetchNetworkReport(networkId, coordinatorKey, format);
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: `kring-network-${networkId}.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) coordinatorRefused();
      else $('#coordinator-error').textContent = errorText(err, 'plan.error', []);
    }
  }
});

start();
