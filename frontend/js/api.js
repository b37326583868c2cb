/**
 * The HTTP side of the protocol (protocol.md section 1), and the per-meeting memory of who
 * you are in this browser.
 */

/** An HTTP error answer: status and the contract's error code. */
export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function request(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code ?? codeOfStatus(response.status), error.message ?? response.statusText);
  }
  return body;
}

/** @param {number} status */
function codeOfStatus(status) {
  return ({ 400: 'INVALID', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
    410: 'ENDED', 429: 'RATE_LIMITED', 503: 'UNAVAILABLE' })[status] ?? 'UNAVAILABLE';
}

/** @param {any} body */
function json(body) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * @param {{title: string, language: string, agenda?: Array<{title: string, durationSeconds: number, kind?: string}>}} meeting
 * @returns {Promise<{meetingId: string, title: string, moderatorKey: string, joinPath: string, moderatorPath: string}>}
 */
export function createMeeting(meeting) {
  return request('/api/meetings', json(meeting));
}

/** @param {string} meetingId */
export function meetingInfo(meetingId) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}`);
}

/**
 * @param {string} meetingId
 * @param {{name: string, organisation?: string, moderatorKey?: string, memberToken?: string}} who
 * @returns {Promise<{participantId: string, token: string, role: string, memberId?: string, memberToken?: string}>}
 */
export function joinMeeting(meetingId, who) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}/participants`, json(who));
}

// ---- The network (protocol.md section 9) ----

/** @param {string} token */
const bearer = token => ({ Authorization: `Bearer ${token}` });

/** @param {string} networkId */
const networkPath = networkId => `/api/networks/${encodeURIComponent(networkId)}`;

/**
 * @param {{name: string, language?: string}} network
 * @returns {Promise<{networkId: string, name: string, coordinatorKey: string, networkPath: string, coordinatorPath: string}>}
 */
export function createNetwork(network) {
  return request('/api/networks', json(network));
}

/**
 * @param {string} networkId
 * @returns {Promise<{networkId: string, name: string, language: string, meetings: Array<NetworkMeeting>}>}
 * @typedef {{meetingId: string, title: string, status: string, startsAt: number|null, mode: string|null,
 *   joinPath: string, recapPath: string|null}} NetworkMeeting
 */
export function networkInfo(networkId) {
  return request(networkPath(networkId));
}

/**
 * Plans a meeting of the network (the coordinator key is its moderator key).
 * @param {string} networkId @param {string} coordinatorKey
 * @param {{title: string, language?: string, startsAt?: number, mode?: string, copyAgendaFrom?: string}} meeting
 * @returns {Promise<{meetingId: string, title: string, moderatorKey: string, joinPath: string, moderatorPath: string, networkId: string}>}
 */
export function planMeeting(networkId, coordinatorKey, meeting) {
  const init = json(meeting);
  return request(`${networkPath(networkId)}/meetings`, { ...init, headers: { ...init.headers, ...bearer(coordinatorKey) } });
}

/**
 * The directory: members who share in it, plus yourself.
 * @param {string} networkId @param {string} token a member token or the coordinator key
 * @returns {Promise<Array<Profile>>}
 * @typedef {{memberId: string, name: string, organisation: string|null, function: string|null, email: string|null,
 *   phone: string|null, offer: string|null, ask: string|null, shareInDirectory: boolean}} Profile
 */
export function networkMembers(networkId, token) {
  return request(`${networkPath(networkId)}/members`, { headers: bearer(token) });
}

/**
 * @param {string} networkId @param {string} memberToken @param {Record<string, any>} profile
 * @returns {Promise<Profile>}
 */
export function saveProfile(networkId, memberToken, profile) {
  return request(`${networkPath(networkId)}/members/me`, { method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...bearer(memberToken) }, body: JSON.stringify(profile) });
}

/** @param {string} networkId @param {string} memberToken */
export function deleteProfile(networkId, memberToken) {
  return request(`${networkPath(networkId)}/members/me`, { method: 'DELETE', headers: bearer(memberToken) });
}

/** @param {string} meetingId */
export function displaySnapshot(meetingId) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}/display`);
}

/** The published recap (RC4): anyone with the link; 404 when unknown or withdrawn. @param {string} recapId */
export function fetchRecap(recapId) {
  return request(`/api/recaps/${encodeURIComponent(recapId)}`);
}

/** The recap id of a /r/{recapId} path, or null. @param {string} pathname */
export function recapIdFromPath(pathname) {
  const match = /^\/r\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/**
 * Fetches the report with the moderator's token (a plain link cannot carry it).
 * @param {string} meetingId @param {string} token @param {'md'|'json'} format
 * @returns {Promise<Blob>}
 */
export function fetchReport(meetingId, token, format) {
  return fetchBlob(`/api/meetings/${encodeURIComponent(meetingId)}/report?format=${format}`, token);
}

/**
 * Fetches the network report with the coordinator key (protocol.md section 9).
 * @param {string} networkId @param {string} coordinatorKey @param {'md'|'json'} format
 * @returns {Promise<Blob>}
 */
export function fetchNetworkReport(networkId, coordinatorKey, format) {
  return fetchBlob(`/api/networks/${encodeURIComponent(networkId)}/report?format=${format}`, coordinatorKey);
}

/** @param {string} path @param {string} token @returns {Promise<Blob>} */
async function fetchBlob(path, token) {
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (!response.ok) {
    let code = codeOfStatus(response.status);
    try { code = (await response.json()).error.code ?? code; } catch { /* keep the status code */ }
    throw new ApiError(response.status, code, response.statusText);
  }
  return response.blob();
}

// ---- Who you are in this browser, per meeting ----

/** @param {string} meetingId */
const tokenKey = meetingId => `kring.token.${meetingId}`;

/**
 * @typedef {{token: string, participantId: string, role: string}} Identity
 * @param {Storage} storage @param {string} meetingId
 * @returns {Identity|null}
 */
export function loadIdentity(storage, meetingId) {
  try {
    const raw = storage.getItem(tokenKey(meetingId));
    if (!raw) return null;
    const value = JSON.parse(raw);
    return value && typeof value.token === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** @param {Storage} storage @param {string} meetingId @param {Identity} identity */
export function saveIdentity(storage, meetingId, identity) {
  try {
    storage.setItem(tokenKey(meetingId), JSON.stringify(identity));
  } catch { /* private mode: the session still works, a reload asks again */ }
}

/** @param {Storage} storage @param {string} meetingId */
export function forgetIdentity(storage, meetingId) {
  try {
    storage.removeItem(tokenKey(meetingId));
  } catch { /* nothing to forget */ }
}

// ---- Who you are in this browser, per network ----

/** @param {string} networkId */
const memberKey = networkId => `kring.member.${networkId}`;

/**
 * The member of a network this browser is: the token from the first join of one of its meetings, and the
 * name and organisation last used (to greet a returning member and fill in the join form).
 * @typedef {{memberToken: string, memberId: string|null, name: string, organisation: string}} Member
 * @param {Storage} storage @param {string} networkId
 * @returns {Member|null}
 */
export function loadMember(storage, networkId) {
  try {
    const value = JSON.parse(storage.getItem(memberKey(networkId)) ?? 'null');
    if (!value || typeof value.memberToken !== 'string' || !value.memberToken) return null;
    return { memberToken: value.memberToken, memberId: typeof value.memberId === 'string' ? value.memberId : null,
      name: typeof value.name === 'string' ? value.name : '',
      organisation: typeof value.organisation === 'string' ? value.organisation : '' };
  } catch {
    return null;
  }
}

/** @param {Storage} storage @param {string} networkId @param {Member} member */
export function saveMember(storage, networkId, member) {
  try {
    storage.setItem(memberKey(networkId), JSON.stringify(member));
  } catch { /* private mode: the next meeting makes a new member */ }
}

/** @param {Storage} storage @param {string} networkId */
export function forgetMember(storage, networkId) {
  try {
    storage.removeItem(memberKey(networkId));
  } catch { /* nothing to forget */ }
}

/** @param {string} networkId */
const coordinatorStoreKey = networkId => `kring.coordinator.${networkId}`;

/**
 * The coordinator key of a network for this tab (sessionStorage: it leaves with the tab).
 * @param {Storage} storage @param {string} networkId
 */
export function loadCoordinatorKey(storage, networkId) {
  try {
    return storage.getItem(coordinatorStoreKey(networkId)) || null;
  } catch {
    return null;
  }
}

/** @param {Storage} storage @param {string} networkId @param {string|null} key */
export function saveCoordinatorKey(storage, networkId, key) {
  try {
    if (key) storage.setItem(coordinatorStoreKey(networkId), key);
    else storage.removeItem(coordinatorStoreKey(networkId));
  } catch { /* the key then lasts for this page only */ }
}

/**
 * The network id in a page path (/n/{id}), or null.
 * @param {string} pathname
 */
export function networkIdFromPath(pathname) {
  const match = /^\/n\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/**
 * The meeting id in a page path (/m/{id} or /display/{id}), or null.
 * @param {string} pathname
 */
export function meetingIdFromPath(pathname) {
  const match = /^\/(?:m|display)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/**
 * The moderator key in a URL fragment (#key=...), or null.
 * @param {string} hash
 */
export function keyFromHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key ? key : null;
}
