/**
 * The recap page at /r/{recapId} (protocol.md section 8, RC rules): what a meeting harvested, for anyone
 * with the link: the agenda as run, each round's rooms with their topics and insights, closed polls'
 * counts and the questions with their votes. No names and no chat (the server sends none). Everything is
 * built with DOM nodes and textContent; it prints cleanly (@media print in kring.css).
 */
import { ApiError, fetchRecap, recapIdFromPath } from './api.js';
import { loadLanguageChoice, resolveLanguage, translate } from './i18n.js';
import { languageToggle } from './language.js';
import { $, h, renderInto, show } from './lib/dom.js';
import { formatClock, minutesOf } from './lib/time.js';

const storage = window.localStorage;
const recapId = recapIdFromPath(location.pathname);
let lang = resolveLanguage(loadLanguageChoice(storage), null);
/** @param {string} key @param {Record<string, string|number>} [vars] */
const t = (key, vars) => translate(lang, key, vars);
/** @type {any} */ let recap = null;
/** @type {'loading'|'shown'|'notFound'|'error'} */ let status = 'loading';

const setLanguage = languageToggle({
  storage,
  current: () => lang,
  onChange: next => {
    lang = next;
    render();
  },
});
$('#recap-print').addEventListener('click', () => window.print());

/** @param {number} at */
function formatDate(at) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-BE', { dateStyle: 'long' }).format(new Date(at));
}

/** @param {any} item @param {boolean} ended */
function itemLine(item, ended) {
  const planned = minutesOf(item.plannedSeconds);
  if (!item.ran) return t(ended ? 'recap.itemSkipped' : 'recap.itemPending', { planned });
  const minutes = minutesOf(item.actualSeconds ?? 0);
  const start = formatClock(item.startedAt, lang);
  if (item.endedAt == null) return t('recap.itemRunning', { start, minutes, planned });
  return t('recap.itemRan', { start, end: formatClock(item.endedAt, lang), minutes, planned });
}

/** @param {string} headingKey @param {string} id @param {Array<any>} children */
function section(headingKey, id, children) {
  return h('section', { class: 'recap__section', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading`, text: t(headingKey) }),
    children.length ? children : h('p', { class: 'note', text: t('recap.empty') }));
}

/** @param {any} r */
function agenda(r) {
  if (!r.agenda.length) return [];
  return [h('ol', { class: 'recap__agenda' }, r.agenda.map(/** @param {any} item */ item =>
    h('li', { class: item.ran ? 'recap__item' : 'recap__item recap__item--skipped' },
      h('strong', { text: item.title }), ' ',
      h('span', { class: 'note', text: itemLine(item, r.status === 'ended') }))))];
}

/** @param {any} r */
function rounds(r) {
  return r.rounds.map(/** @param {any} round */ round =>
    h('div', { class: 'recap__round' },
      h('h3', { text: t('recap.round', { n: round.index + 1 }) }),
      h('div', { class: 'recap__rooms' }, round.rooms.map(/** @param {any} room */ room =>
        h('div', { class: 'recap__room' },
          h('h4', {}, room.name, room.topic ? h('span', { class: 'recap__topic', text: ` · ${room.topic}` }) : null),
          room.insights.length
            ? h('ul', { class: 'recap__insights' }, room.insights.map(/** @param {any} i */ i => h('li', { text: i.text })))
            : h('p', { class: 'note', text: t('recap.noInsights') }))))));
}

/** @param {any} r */
function polls(r) {
  return r.polls.map(/** @param {any} poll */ poll => {
    const counts = poll.results ? poll.results.counts : null;
    const total = counts ? counts.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0) : 0;
    return h('div', { class: 'recap__poll' },
      h('h3', { text: poll.question }),
      counts
        ? [h('ul', { class: 'recap__bars' }, poll.options.map(/** @param {string} option @param {number} i */ (option, i) =>
            h('li', { class: 'recap__bar' },
              h('span', { class: 'recap__option', text: option }),
              // a progress element, not an inline style (the CSP forbids those)
              h('progress', { class: 'recap__meter', max: Math.max(total, 1), value: counts[i], 'aria-hidden': 'true' }),
              h('span', { class: 'recap__count', text: t('recap.votes', { n: counts[i] }) })))),
          h('p', { class: 'note', text: t('recap.pollVoters', { n: poll.results.voters }) })]
        : h('p', { class: 'note', text: t('recap.pollOpen') }));
  });
}

/** @param {any} r */
function questions(r) {
  if (!r.questions.length) return [];
  return [h('ol', { class: 'recap__questions' }, r.questions.map(/** @param {any} q */ q =>
    h('li', { class: 'recap__question' },
      h('span', { class: 'recap__question-text', text: q.text }), ' ',
      h('span', { class: 'tag', text: t('recap.questionVotes', { n: q.votes }) }),
      q.answered ? [' ', h('span', { class: 'tag tag--ok', text: t('recap.answered') })] : null)))];
}

function render() {
  show($('#recap-loading'), status === 'loading');
  const message = $('#recap-message');
  const view = $('#recap-view');
  show($('#recap-print'), status === 'shown');
  if (status === 'notFound' || status === 'error') {
    $('#recap-message-heading').textContent = t(status === 'notFound' ? 'recap.notFoundHeading' : 'recap.errorHeading');
    $('#recap-message-text').textContent = t(status === 'notFound' ? 'recap.notFoundText' : 'recap.errorText');
    document.title = t('recap.pageTitle');
    show(message, true);
    show(view, false);
    return;
  }
  show(message, false);
  if (status !== 'shown') return;
  const r = recap;
  document.title = `${r.title} · ${t('recap.pageTitle')}`;
  renderInto(view,
    h('header', { class: 'recap__head' },
      h('h1', { id: 'recap-title', text: r.title }),
      h('p', { class: 'recap__date', text: t('recap.date', { date: formatDate(r.date) }) }),
      r.status === 'ended' && r.endedAt
        ? h('p', { class: 'note', text: t('recap.ended', { time: formatClock(r.endedAt, lang) }) })
        : h('p', { class: 'note', text: t('recap.inProgress') })),
    section('recap.agenda', 'recap-agenda', agenda(r)),
    r.rounds.length ? section('recap.rounds', 'recap-rounds', rounds(r)) : null,
    r.polls.length ? section('recap.polls', 'recap-polls', polls(r)) : null,
    r.questions.length ? section('recap.questions', 'recap-questions', questions(r)) : null,
    h('footer', { class: 'recap__footer note', text: t('recap.footer') }));
  show(view, true);
}

/** Without a recap there is no meeting language: the browser's, if it is one of ours. */
function browserLanguage() {
  const preferred = (navigator.language || '').slice(0, 2).toLowerCase();
  return preferred === 'en' || preferred === 'nl' ? preferred : null;
}

async function load() {
  if (!recapId) {
    status = 'notFound';
    setLanguage(resolveLanguage(loadLanguageChoice(storage), browserLanguage()));
    return;
  }
  try {
    recap = await fetchRecap(recapId);
    status = 'shown';
    setLanguage(resolveLanguage(loadLanguageChoice(storage), recap.language));
  } catch (e) {
    status = e instanceof ApiError && e.status === 404 ? 'notFound' : 'error';
    setLanguage(resolveLanguage(loadLanguageChoice(storage), browserLanguage()));
  }
}

setLanguage(lang);
load();
