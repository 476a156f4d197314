/**
 * The dashboard's browser script, served as `/dashboard/app.js`: plain ES2020 kept as a string, so
 * it needs no build step and survives `npm run build` as it is. It polls the JSON endpoints and
 * builds every element with `textContent`, never `innerHTML`, so a tag value or alias holding markup
 * shows as text. @internal
 */
export const DASHBOARD_JS = `'use strict';
(() => {
  const POLL_MS = 1000;
  const MAX_CALLS = 500;
  const calls = new Map();
  let cursor = 0;
  let keys = [];
  let keysAnswer = '';
  let keysOffset = 0;
  let keysTotal = 0;
  let keysLimit = 500;

  const byId = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const cell = (row, text, className) => row.appendChild(el('td', className, text));
  const chips = (row, labels) => {
    const td = cell(row);
    for (const label of labels) td.appendChild(el('span', 'chip', label));
    return td;
  };
  const day = (iso) => iso.slice(0, 10);
  const dateTime = (iso) => iso.slice(0, 19).replace('T', ' ');

  const filters = () => ({
    key: byId('filter-key').value.trim().toLowerCase(),
    operation: byId('filter-operation').value,
    outcome: byId('filter-outcome').value,
  });

  const keyMatches = (key, text) => !text || [key.keyId, key.arn].concat(key.aliases).some((name) => name.toLowerCase().includes(text));

  // A call matches the key filter by what it named, or by naming (in its region) a key whose ID or alias matches.
  const callMatchesKey = (call, text, matched) => {
    if (!text) return true;
    if (!call.keyId) return false;
    const named = call.keyId.toLowerCase();
    if (named.includes(text)) return true;
    return matched.some((key) => named.includes(key.keyId.toLowerCase()) ||
      (call.region === key.region && key.aliases.some((alias) => named === alias.toLowerCase() || named.endsWith(':' + alias.toLowerCase()))));
  };

  const callMatchesOutcome = (call, outcome) => {
    if (!outcome) return true;
    if (outcome === 'success' || outcome === 'error') return call.outcome === outcome;
    return call.outcome === 'error' && 'exception:' + call.exception === outcome;
  };

  function rotationText(key) {
    if (!key.rotation) return 'off';
    return 'every ' + key.rotation.periodInDays + ' d, next ' + day(key.rotation.nextRotationDate);
  }

  function multiRegionText(key) {
    if (!key.multiRegion) return '';
    const set = key.multiRegion;
    if (set.role === 'PRIMARY') return 'primary' + (set.replicaRegions.length ? '; replicas ' + set.replicaRegions.join(', ') : '');
    return 'replica of ' + set.primaryRegion;
  }

  function keyRow(key) {
    const row = el('tr');
    row.dataset.keyId = key.keyId;
    const id = cell(row, key.keyId, 'mono');
    if (key.description) id.appendChild(el('span', 'sub', key.description));
    cell(row).appendChild(el('span', 'state state-' + key.state, key.state));
    cell(row, key.keySpec);
    cell(row, key.keyUsage);
    chips(row, key.aliases);
    chips(row, key.tags.map((tag) => tag.key + '=' + tag.value));
    cell(row, rotationText(key));
    cell(row, multiRegionText(key));
    cell(row, key.deletionDate ? dateTime(key.deletionDate) : '');
    return row;
  }

  function keysTable(group) {
    const table = el('table', 'keys');
    const head = table.createTHead().insertRow();
    for (const title of ['Key', 'State', 'Spec', 'Usage', 'Aliases', 'Tags', 'Rotation', 'Multi-Region', 'Deletion date']) head.appendChild(el('th', '', title));
    const body = table.createTBody();
    for (const key of group) body.appendChild(keyRow(key));
    return table;
  }

  function renderKeys() {
    const text = filters().key;
    const shown = keys.filter((key) => keyMatches(key, text));
    const groups = new Map();
    for (const key of shown) {
      const name = 'Account ' + key.accountId + ' · ' + key.region;
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(key);
    }
    const parts = [];
    for (const [name, group] of groups) parts.push(el('h3', '', name), keysTable(group));
    if (parts.length === 0) parts.push(el('p', 'muted', keys.length ? 'No key matches the filter.' : 'No keys yet.'));
    byId('keys').replaceChildren(...parts);
    byId('keys-count').textContent = '(' + keysTotal + ')';
    byId('keys-pager').hidden = keysTotal <= keysLimit;
    byId('keys-range').textContent = (keysOffset + 1) + '–' + (keysOffset + keys.length) + ' of ' + keysTotal;
    byId('keys-prev').disabled = keysOffset === 0;
    byId('keys-next').disabled = keysOffset + keysLimit >= keysTotal;
  }

  function callRow(call) {
    const row = el('tr');
    row.dataset.seq = String(call.seq);
    cell(row, call.time.slice(11, 23), 'mono');
    cell(row, call.operation);
    cell(row, call.keyId || '', 'mono');
    cell(row, call.outcome === 'error' ? call.exception : call.outcome, 'outcome outcome-' + call.outcome);
    cell(row, call.principal, 'mono');
    cell(row, call.region || '');
    return row;
  }

  function renderCalls() {
    const chosen = filters();
    const matched = chosen.key ? keys.filter((key) => keyMatches(key, chosen.key)) : [];
    const shown = Array.from(calls.values())
      .filter((call) => (!chosen.operation || call.operation === chosen.operation) &&
        callMatchesOutcome(call, chosen.outcome) && callMatchesKey(call, chosen.key, matched))
      .sort((a, b) => b.seq - a.seq);
    byId('calls').tBodies[0].replaceChildren(...shown.map(callRow));
    byId('calls-empty').hidden = shown.length > 0;
    byId('calls-empty').textContent = calls.size ? 'No call matches the filters.' : 'No calls yet.';
    byId('calls-count').textContent = '(' + shown.length + ' of ' + calls.size + ')';
  }

  // The choices grow with what the calls show; a chosen one stays even after the history is cleared.
  function syncOptions(select, fixed, found) {
    const chosen = select.value;
    const wanted = fixed.concat(found);
    if (chosen && !wanted.some(([value]) => value === chosen)) wanted.push([chosen, chosen.replace(/^exception:/, '')]);
    const current = Array.from(select.options).map((option) => option.value).join('|');
    if (current === wanted.map(([value]) => value).join('|')) return;
    select.replaceChildren(...wanted.map(([value, label]) => {
      const option = el('option', '', label);
      option.value = value;
      return option;
    }));
    select.value = chosen;
  }

  function syncFilters() {
    const all = Array.from(calls.values());
    const operations = Array.from(new Set(all.map((call) => call.operation))).sort();
    const exceptions = Array.from(new Set(all.filter((call) => call.exception).map((call) => call.exception))).sort();
    syncOptions(byId('filter-operation'), [['', 'all']], operations.map((name) => [name, name]));
    syncOptions(byId('filter-outcome'), [['', 'all'], ['success', 'success'], ['error', 'any error']],
      exceptions.map((name) => ['exception:' + name, name]));
  }

  async function getText(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.text();
  }

  // Whether the list changed: new calls, ended ones, or calls the history no longer holds.
  async function pollCalls() {
    const before = calls.size;
    let changed = false;
    for (;;) {
      const answer = JSON.parse(await getText('/dashboard/api/calls?after=' + cursor));
      if (answer.cursor < cursor) calls.clear();
      for (const seq of Array.from(calls.keys())) if (seq < answer.first) calls.delete(seq);
      for (const call of answer.calls) calls.set(call.seq, call);
      changed = changed || answer.calls.length > 0;
      const moved = answer.cursor !== cursor;
      cursor = answer.cursor;
      if (!answer.more || !moved) break;
    }
    const oldest = Array.from(calls.keys()).sort((a, b) => a - b);
    for (const seq of oldest.slice(0, Math.max(0, oldest.length - MAX_CALLS))) calls.delete(seq);
    return changed || calls.size !== before;
  }

  async function loadKeys() {
    const text = await getText('/dashboard/api/state?offset=' + keysOffset + '&limit=' + keysLimit);
    if (text === keysAnswer) return false;
    keysAnswer = text;
    const state = JSON.parse(text);
    // Keys were deleted (or the fake reset) under a later page: back to the first one.
    if (state.keys.length === 0 && keysOffset > 0) {
      keysOffset = 0;
      return loadKeys();
    }
    keys = state.keys;
    keysTotal = state.total;
    keysLimit = state.limit;
    byId('clock').textContent = 'fake clock ' + dateTime(state.now) + ' UTC';
    return true;
  }

  async function refresh() {
    try {
      const callsChanged = await pollCalls();
      const keysChanged = await loadKeys();
      if (keysChanged) renderKeys();
      if (callsChanged) syncFilters();
      if (callsChanged || keysChanged) renderCalls();
      byId('status').textContent = '';
    } catch (error) {
      byId('status').textContent = 'Cannot reach the fake: ' + error.message;
    }
  }

  async function poll() {
    await refresh();
    setTimeout(poll, POLL_MS);
  }

  byId('filters').addEventListener('submit', (event) => event.preventDefault());
  byId('filter-key').addEventListener('input', () => { renderKeys(); renderCalls(); });
  byId('filter-operation').addEventListener('change', renderCalls);
  byId('filter-outcome').addEventListener('change', renderCalls);
  byId('keys-prev').addEventListener('click', () => { keysOffset = Math.max(0, keysOffset - keysLimit); void refresh(); });
  byId('keys-next').addEventListener('click', () => { keysOffset += keysLimit; void refresh(); });
  void poll();
})();
`;
