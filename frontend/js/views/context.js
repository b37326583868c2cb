/**
 * What every room view gets besides its root element.
 * @typedef {object} ViewContext
 * @property {import('../store.js').Snapshot} s the meeting as you see it
 * @property {(key: string, vars?: Record<string, string|number>) => string} t
 * @property {string} lang 'nl' or 'en'
 * @property {boolean} moderator
 * @property {() => number} now the server's clock
 */
export {};
