/**
 * The poll cards (POLL rules), in the plenary and in the rooms: the question, the options as radio buttons or
 * checkboxes ("choose up to N"), vote or change your vote, the results as bars when you may see them, else the
 * note that they show at the close; for moderators the close button and, for a poll that is not anonymous, who
 * chose what. What you ticked but did not send yet survives the re-renders that events cause.
 */
import { h, renderInto } from '../lib/dom.js';
import { commandButton } from './commands.js';
import { nameOf } from './names.js';

/** Your ticks not sent yet, by pollId. @type {Map<string, Set<number>>} */
const drafts = new Map();

/**
 * The polls to show: every open poll, and the last poll once it closed (its results).
 * @param {import('../store.js').Snapshot} s
 */
export function shownPolls(s) {
  const polls = s.polls ?? [];
  const last = polls[polls.length - 1];
  return polls.filter(p => p.status === 'open' || p === last);
}

/**
 * @param {HTMLElement} root
 * @param {import('./context.js').ViewContext} ctx
 * @returns {boolean} whether there is anything to show
 */
export function renderPolls(root, { s, t, moderator }) {
  const polls = shownPolls(s);
  renderInto(root,
    h('h2', { id: 'polls-heading', text: t(polls.length > 1 ? 'poll.headingMany' : 'poll.heading') }),
    polls.map(poll => card(s, poll, t, moderator)));
  return polls.length > 0;
}

/**
 * @param {import('../store.js').Snapshot} s @param {any} poll
 * @param {(key: string, vars?: Record<string, string|number>) => string} t @param {boolean} moderator
 */
function card(s, poll, t, moderator) {
  const open = poll.status === 'open';
  const headingId = `poll-q-${poll.pollId}`;
  const voted = (poll.yourChoices ?? []).length > 0;
  return h('article', { class: 'poll-card', 'aria-labelledby': headingId, dataset: { pollId: poll.pollId } },
    h('h3', { id: headingId, text: poll.question }),
    h('p', { class: 'muted poll-card__meta',
      text: [t(open ? 'poll.open' : 'poll.closed'), t(poll.anonymous ? 'poll.anonymous' : 'poll.named')].join(' · ') }),
    open ? voteForm(poll, t, voted) : null,
    voted && open ? h('p', { class: 'poll-card__voted', role: 'status', text: t('poll.youVoted') }) : null,
    poll.results ? results(poll, t)
      : h('p', { class: 'muted poll-card__hidden', text: t('poll.resultsAtClose') }),
    moderator && poll.votes && Object.keys(poll.votes).length ? whoVoted(s, poll, t) : null,
    moderator && open ? h('div', { class: 'toolbar' },
      commandButton(t('poll.close'), 'poll.close', { pollId: poll.pollId }, { key: `poll.close:${poll.pollId}` })) : null);
}

/** @param {any} poll @param {(key: string, vars?: Record<string, string|number>) => string} t @param {boolean} voted */
function voteForm(poll, t, voted) {
  const checked = drafts.get(poll.pollId) ?? new Set(poll.yourChoices ?? []);
  const type = poll.maxChoices > 1 ? 'checkbox' : 'radio';
  return h('form', { class: 'form poll-form', dataset: { pollId: poll.pollId, maxChoices: poll.maxChoices } },
    h('fieldset', { class: 'fieldset' },
      h('legend', { text: poll.maxChoices > 1 ? t('poll.chooseUpTo', { n: poll.maxChoices }) : t('poll.chooseOne') }),
      poll.options.map((/** @type {string} */ option, /** @type {number} */ i) => h('label', { class: 'poll-option' },
        h('input', { type, name: `poll-${poll.pollId}`, value: i, checked: checked.has(i),
          dataset: { key: `poll:${poll.pollId}:${i}` } }),
        ' ', option))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'button button--primary', dataset: { key: `poll.vote:${poll.pollId}` } },
      t(voted ? 'poll.changeVote' : 'poll.vote')));
}

/** Bars as progress elements (no inline style: the CSP forbids it). @param {any} poll @param {Function} t */
function results(poll, t) {
  const { counts, voters } = poll.results;
  const total = counts.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0);
  return h('div', { class: 'poll-results' },
    h('ul', { class: 'poll-results__list' }, poll.options.map((/** @type {string} */ option, /** @type {number} */ i) => {
      const percent = total ? Math.round((100 * counts[i]) / total) : 0;
      const text = t('poll.count', { option, n: counts[i], percent });
      return h('li', { class: 'poll-results__row' },
        h('span', { class: 'poll-results__label', text }),
        h('progress', { max: Math.max(total, 1), value: counts[i], 'aria-label': text }));
    })),
    h('p', { class: 'muted', text: voters ? t('poll.voters', { n: voters }) : t('poll.noVotesYet') }));
}

/** POLL6: moderators only, polls that are not anonymous. */
function whoVoted(s, poll, t) {
  return h('details', { class: 'poll-votes' },
    h('summary', { text: t('poll.whoVoted') }),
    h('ul', {}, Object.entries(poll.votes).map(([participantId, choices]) => h('li', {
      text: `${nameOf(s, participantId, t)}: ${/** @type {number[]} */ (choices).map(i => poll.options[i]).join(', ')}`,
    }))));
}

/**
 * Wires the vote forms once: ticks are kept as drafts; a submit sends poll.vote with the ticked options.
 * @param {HTMLElement} root
 * @param {(command: {type: string, [field: string]: any}) => Promise<boolean>} send
 * @param {(key: string, vars?: Record<string, string|number>) => string} t
 */
export function setupPolls(root, send, t) {
  root.addEventListener('change', e => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const form = input.closest('form.poll-form');
    if (!(form instanceof HTMLFormElement)) return;
    drafts.set(/** @type {string} */ (form.dataset.pollId), ticked(form));
  });
  root.addEventListener('submit', async e => {
    const form = /** @type {HTMLFormElement} */ (e.target);
    if (!form.classList.contains('poll-form')) return;
    e.preventDefault();
    const pollId = /** @type {string} */ (form.dataset.pollId);
    const max = Number(form.dataset.maxChoices);
    const choices = [...ticked(form)];
    const error = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    if (choices.length === 0 || choices.length > max) {
      error.textContent = choices.length ? t('poll.tooMany', { n: max }) : t('poll.chooseSome');
      return;
    }
    error.textContent = '';
    if (await send({ type: 'poll.vote', pollId, choices })) drafts.delete(pollId);
  });
}

/** @param {HTMLFormElement} form */
function ticked(form) {
  return new Set([...form.querySelectorAll('input:checked')].map(input => Number(/** @type {HTMLInputElement} */ (input).value)));
}
