/**
 * The projector view at /display/{meetingId}: polls the public projector snapshot every two
 * seconds and ticks its countdowns locally. No login, no chat, no secrets.
 */
import { ApiError, displaySnapshot, meetingIdFromPath } from './api.js';
import { loadLanguageChoice, resolveLanguage, translate } from './i18n.js';
import { languageToggle } from './language.js';
import { $, h, renderInto, show } from './lib/dom.js';
import { latestPastTime, narrowOffset, offsetBounds, offsetWithin } from './lib/time.js';
import { tickCountdowns, countdownEl, stopwatchEl } from './views/countdown.js';

const POLL_MS = 2000;
const storage = window.localStorage;
const meetingId = meetingIdFromPath(location.pathname);
let lang = resolveLanguage(loadLanguageChoice(storage), null);
/** @param {string} key @param {Record<string, string|number>} [vars] */
const t = (key, vars) => translate(lang, key, vars);
/** @type {any} */ let snapshot = null;
let offset = 0;
/** @type {import('./lib/time.js').OffsetBounds|null} */ let bounds = null;
/** @type {'connecting'|'open'|'reconnecting'|'ended'|'notFound'} */ let status = 'connecting';

const setLanguage = languageToggle({
  storage,
  current: () => lang,
  onChange: next => {
    lang = next;
    render();
  },
});

async function poll() {
  if (!meetingId) {
    status = 'notFound';
    render();
    return;
  }
  const sentAt = Date.now();
  try {
    const next = await displaySnapshot(meetingId);
    const receivedAt = Date.now();
    // Every poll narrows what we know of the server clock, so the big timer does not jitter.
    const learnt = narrowOffset(offsetBounds(next.serverTime, receivedAt, sentAt),
      { min: latestPastTime(next) - receivedAt, max: Infinity });
    bounds = narrowOffset(bounds, learnt);
    offset = offsetWithin(bounds);
    snapshot = next;
    status = next.meeting && next.meeting.status === 'ended' ? 'ended' : 'open';
    const wanted = resolveLanguage(loadLanguageChoice(storage), next.meeting && next.meeting.language);
    if (wanted !== lang) setLanguage(wanted);
    else render();
  } catch (e) {
    status = e instanceof ApiError && e.status === 404 ? 'notFound' : 'reconnecting';
    render();
  }
  if (status !== 'notFound') window.setTimeout(poll, POLL_MS);
}

function render() {
  const statusEl = $('#display-status');
  statusEl.dataset.state = status;
  statusEl.textContent = status === 'open' ? '' : t(`display.status.${status}`);
  const joinUrl = snapshot && typeof snapshot.joinUrl === 'string' ? snapshot.joinUrl
    : `${location.origin}${snapshot && snapshot.joinPath ? snapshot.joinPath : `/m/${meetingId ?? ''}`}`;
  const qr = /** @type {HTMLImageElement} */ ($('#display-qr'));
  const qrSrc = `/api/meetings/${encodeURIComponent(meetingId ?? '')}/qr.svg`;
  if (meetingId && qr.getAttribute('src') !== qrSrc) qr.setAttribute('src', qrSrc);
  qr.alt = t('display.qrAlt', { url: joinUrl });
  $('#display-url').textContent = joinUrl.replace(/^https?:\/\//, '');
  if (!snapshot) {
    $('#display-title').textContent = status === 'notFound' ? t('notFound.heading') : '';
    renderInto($('#display-now'), h('p', { class: 'muted', text: t(status === 'notFound' ? 'notFound.text' : 'app.loading') }));
    return;
  }
  const s = snapshot;
  $('#display-title').textContent = s.meeting.title;
  document.title = `${s.meeting.title} · Kring`;

  show($('#display-announcement'), Boolean(s.announcement));
  $('#display-announcement-text').textContent = s.announcement ? s.announcement.text : '';

  const items = s.agenda.items ?? [];
  const item = items.find((/** @type {any} */ i) => i.itemId === s.agenda.currentItemId) ?? items.find((/** @type {any} */ i) => i.status === 'running');
  const nextItem = items.find((/** @type {any} */ i) => i.status === 'pending');
  renderInto($('#display-now'),
    h('h2', { id: 'display-now-heading', class: 'display__label', text: t('now.heading') }),
    status === 'ended'
      ? h('p', { class: 'display__item', text: t('ended.heading') })
      : item
        ? [h('p', { class: 'display__item', text: item.title }),
           item.description ? h('p', { class: 'display__description', text: item.description }) : null,
           typeof item.endsAt === 'number' ? countdownEl(item.endsAt, { size: 'huge' }) : null]
        : h('p', { class: 'display__item muted', text: t('now.nothing') }),
    nextItem && status !== 'ended' ? h('p', { class: 'display__next', text: t('display.nextItem', { title: nextItem.title }) }) : null);

  const speaker = s.queue.speaker;
  const hands = s.queue.hands ?? [];
  // Q11: during a round of turns (its limit lasts while people wait) it says so, and who is next.
  const round = s.queue.roundLimitSeconds != null;
  renderInto($('#display-queue'),
    round ? h('p', { class: 'display__round', id: 'display-round', text: t('display.round') }) : null,
    h('h2', { id: 'display-queue-heading', class: 'display__label', text: t('queue.speaking') }),
    speaker
      ? [h('p', { class: 'display__speaker', text: speaker.name ?? '' }),
         typeof speaker.limitSeconds === 'number'
           ? countdownEl(speaker.since + speaker.limitSeconds * 1000, { size: 'large' })
           : stopwatchEl(speaker.since, { size: 'large' })]
      : h('p', { class: 'display__speaker muted', text: t('queue.nobody') }),
    round && hands.length
      ? h('p', { class: 'display__next', id: 'display-next-speaker', text: t('display.nextUp', { name: hands[0].name ?? '' }) })
      : null,
    h('h3', { class: 'display__label', text: t('display.nextSpeakers') }),
    hands.length
      ? h('ol', { class: 'display__hands' }, hands.slice(0, 3).map((/** @type {any} */ hand) => h('li', {},
          h('span', { text: hand.name ?? '' }),
          hand.kind !== 'speak' ? h('span', { class: `tag tag--${hand.kind}`, text: t(`queue.kind.${hand.kind}`) }) : null)))
      : h('p', { class: 'muted', text: t('queue.empty') }),
    hands.length > 3 ? h('p', { class: 'muted', text: t('display.moreHands', { n: hands.length - 3 }) }) : null);

  renderReportBack(s.reportback);
  const b = s.breakouts ?? { status: 'closed', rooms: [] };
  const running = b.status === 'open' || b.status === 'closing';
  const withInsights = (b.rooms ?? []).filter((/** @type {any} */ r) => (r.insights ?? []).length);
  // RB10: during a report-back the room reporting fills the screen; the other rooms' insights wait.
  const showBreakouts = running || (withInsights.length > 0 && !s.reportback);
  show($('#display-breakouts'), showBreakouts);
  if (showBreakouts) {
    renderInto($('#display-breakouts'),
      running
        ? [h('h2', { id: 'display-breakouts-heading', class: 'display__label', text: t('breakouts.running') }),
           b.status === 'closing' && typeof b.closingAt === 'number'
             ? countdownEl(b.closingAt, { size: 'large', label: t('breakout.backIn') })
             : typeof b.endsAt === 'number' ? countdownEl(b.endsAt, { size: 'large' }) : null,
           h('p', { class: 'muted', text: (b.rooms ?? []).length === 1 ? t('display.room1') : t('display.rooms', { n: (b.rooms ?? []).length }) }),
           // An in-person meeting: everyone in the room sees where to go.
           Array.isArray(s.groups) && s.groups.length
             ? h('div', { class: 'display__groups', role: 'list', 'aria-label': t('display.groups') },
                 s.groups.map((/** @type {any} */ g) => h('article', { class: 'room-card', role: 'listitem' },
                   h('h3', { text: g.name }),
                   g.topic ? h('p', { class: 'room-card__topic', text: g.topic }) : null,
                   h('ul', { class: 'display__members' }, (g.members ?? []).map((/** @type {string} */ name) => h('li', { text: name }))))))
             : null]
        : [h('h2', { id: 'display-breakouts-heading', class: 'display__label', text: t('breakouts.results') }),
           h('div', { class: 'display__insights' }, withInsights.map((/** @type {any} */ room) => h('article', { class: 'room-card' },
             h('h3', { text: room.name }),
             room.topic ? h('p', { class: 'room-card__topic', text: room.topic }) : null,
             h('ul', { class: 'insights' }, room.insights.map((/** @type {any} */ i) => h('li', { text: i.text }))))))]);
  }
  // QA9: the top unanswered questions, most votes first; the projector shows no names.
  const questions = Array.isArray(s.questions) ? s.questions : [];
  show($('#display-questions'), questions.length > 0);
  renderInto($('#display-questions'), questions.length
    ? [h('h2', { id: 'display-questions-heading', class: 'display__label', text: t('display.questions') }),
       h('ol', { class: 'display__questions' }, questions.map((/** @type {any} */ q) => h('li', {},
         h('span', { class: 'display__votes', text: `▲ ${q.votes}` }), ' ', h('span', { text: q.text }))))]
    : []);
  renderPoll(s.poll);
  tickCountdowns(document, Date.now() + offset, t);
}

/**
 * RB10: the room reporting back, large: its name, topic, members, insights and the countdown (into overtime).
 * @param {any} rb the projector's reportback, or null
 */
function renderReportBack(rb) {
  show($('#display-reportback'), Boolean(rb));
  if (!rb) return;
  const members = Array.isArray(rb.members) ? rb.members : [];
  const insights = Array.isArray(rb.insights) ? rb.insights : [];
  renderInto($('#display-reportback'),
    h('h2', { id: 'display-reportback-heading', class: 'display__label', text: t('reportback.startHeading') }),
    h('p', { class: 'display__item', text: rb.name ?? '' }),
    rb.topic ? h('p', { class: 'display__description', text: rb.topic }) : null,
    countdownEl(rb.endsAt, { size: 'huge', label: t('reportback.timeLeft') }),
    members.length
      ? h('p', { class: 'display__members-line', text: members.join(', ') })
      : h('p', { class: 'muted', text: t('reportback.noMembers') }),
    insights.length
      ? h('ul', { class: 'insights display__reportback-insights' }, insights.map((/** @type {string} */ text) => h('li', { text })))
      : h('p', { class: 'muted', text: t('reportback.noInsights') }));
}

/**
 * POLL5: the open (or last) poll's question, and its results as bars only when everyone may see them (the
 * server sends them only then).
 * @param {any} poll
 */
function renderPoll(poll) {
  show($('#display-poll'), Boolean(poll));
  if (!poll) return;
  const counts = poll.results ? poll.results.counts : [];
  const total = counts.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0);
  renderInto($('#display-poll'),
    h('h2', { id: 'display-poll-heading', class: 'display__label', text: t(poll.status === 'open' ? 'poll.heading' : 'poll.closed') }),
    h('p', { class: 'display-poll__question', text: poll.question }),
    poll.results
      ? [h('ul', { class: 'poll-results__list' }, poll.options.map((/** @type {string} */ option, /** @type {number} */ i) => {
          const text = t('poll.count', { option, n: counts[i], percent: total ? Math.round((100 * counts[i]) / total) : 0 });
          return h('li', { class: 'poll-results__row' }, h('span', { text }),
            h('progress', { max: Math.max(total, 1), value: counts[i], 'aria-label': text }));
        })),
        h('p', { class: 'muted', text: t('poll.voters', { n: poll.results.voters }) })]
      : h('p', { class: 'muted', text: t('poll.resultsAtClose') }));
}

setLanguage(lang);
window.setInterval(() => tickCountdowns(document, Date.now() + offset, t), 250);
poll();
