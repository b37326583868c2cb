/**
 * QA: the questions panel: ask (optionally anonymously), vote toggles with the count, answered marks; moderators
 * answer and remove, the asker removes. An anonymous question shows nobody who asked, so this device remembers the
 * ids of the questions it asked (the sender gets its events before its ack), to offer their remove button.
 */
import { $, h, renderInto } from '../lib/dom.js';
import { isModerator } from '../store.js';
import { commandButton } from './commands.js';

const ASKED_KEY = 'kring.asked.';

/** @param {string} meetingId @returns {string[]} */
function askedHere(meetingId) {
  try {
    const ids = JSON.parse(localStorage.getItem(ASKED_KEY + meetingId) ?? '[]');
    return Array.isArray(ids) ? ids.filter(id => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** @param {string} meetingId @param {string[]} ids */
function remember(meetingId, ids) {
  try {
    localStorage.setItem(ASKED_KEY + meetingId, JSON.stringify([...askedHere(meetingId), ...ids].slice(-50)));
  } catch {
    // private browsing: the asker can still ask a moderator to remove it
  }
}

/**
 * @param {HTMLElement} root the list
 * @param {import('./context.js').ViewContext} ctx
 */
export function renderQuestions(root, { s, t }) {
  const questions = s.questions ?? [];
  const moderator = isModerator(s);
  const mine = new Set(askedHere(s.meeting.meetingId));
  renderInto(root, questions.length === 0
    ? h('li', { class: 'questions__empty muted', text: t('questions.empty') })
    : questions.map(q => h('li', { class: `questions__item${q.answered ? ' questions__item--answered' : ''}` },
        h('p', { class: 'questions__text', text: q.text }),
        h('p', { class: 'questions__meta muted' },
          h('span', { text: q.name ?? t('questions.anonymous') }),
          q.answered ? h('span', { class: 'tag tag--answered', text: `✓ ${t('questions.answered')}` }) : null),
        h('span', { class: 'toolbar' },
          commandButton(`▲ ${q.votes}`, 'question.upvote', { questionId: q.questionId, up: !q.youVoted },
            { pressed: q.youVoted === true, key: `vote:${q.questionId}`, className: 'button button--small button--vote',
              label: t(q.youVoted ? 'questions.unvoteLabel' : 'questions.voteLabel', { n: q.votes, text: short(q.text) }) }),
          moderator
            ? commandButton(t(q.answered ? 'questions.unanswer' : 'questions.answer'), 'question.answer',
                { questionId: q.questionId, answered: !q.answered },
                { key: `answer:${q.questionId}`, className: 'button button--small',
                  label: t(q.answered ? 'questions.unanswerLabel' : 'questions.answerLabel', { text: short(q.text) }) })
            : null,
          moderator || mine.has(q.questionId) || (q.participantId && q.participantId === s.you.participantId)
            ? commandButton(t('questions.remove'), 'question.remove', { questionId: q.questionId },
                { className: 'button button--small button--quiet', label: t('questions.removeLabel', { text: short(q.text) }) })
            : null))));
}

/** @param {string} text */
function short(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The static ask form: the text is cleared once the server accepts it.
 * @param {(command: any) => Promise<boolean>} send
 * @param {() => import('../store.js').Snapshot|null} snapshot
 * @param {() => void} [rerender] the question may have been drawn before its ack: draw its remove button now
 */
export function setupQuestionForm(send, snapshot, rerender = () => {}) {
  const form = $('#question-form');
  const field = /** @type {HTMLTextAreaElement} */ ($('#question-text'));
  const anonymous = /** @type {HTMLInputElement} */ ($('#question-anonymous'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const text = field.value.trim();
    const s = snapshot();
    if (!text || !s) return;
    const before = new Set((s.questions ?? []).map(q => q.questionId));
    if (await send({ type: 'question.ask', text, anonymous: anonymous.checked })) {
      const after = snapshot();
      const asked = (after?.questions ?? []).filter(q => !before.has(q.questionId)
        && q.text === text.normalize('NFC').trim() && (q.participantId ?? s.you.participantId) === s.you.participantId);
      remember(s.meeting.meetingId, asked.slice(-1).map(q => q.questionId));
      rerender();
      field.value = '';
      anonymous.checked = false;
    }
    field.focus();
  });
}
