/*
 * The operator console: a page per task, each shown only to the roles the API lets do it. It keeps no data of its
 * own: every figure comes from this node's /api/v1 with the signed-in user's credentials, which stay in this tab's
 * session storage until sign-out or the tab closes. Plain DOM, no framework; Chart.js draws the charts and JSON Editor
 * builds the forms from the node's own schemas (GET /api/v1/schemas/{kind}).
 */
'use strict';
(function () {
  const ALL = ['focal-point', 'analyst', 'customs-unit', 'auditor', 'admin'];
  const KINDS = ['seizure-notice', 'list-entry', 'early-warning', 'pre-arrival-warning'];
  const HANDLING = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
  const LANGUAGES = ['ru', 'en', 'kk', 'ky', 'tg', 'tk', 'uz', 'az'];

  /* Pages by the name in the address (#/name/argument), with the roles that may open them. */
  const PAGES = {
    home: { roles: ALL, render: home },
    compose: { roles: ['focal-point'], render: compose, nav: true },
    sent: { roles: ['focal-point', 'auditor'], render: sent, nav: true },
    message: { roles: ['focal-point', 'auditor'], render: message },
    inbox: { roles: ['focal-point', 'analyst'], render: inbox, nav: true },
    alerts: { roles: ['focal-point', 'analyst'], render: alerts, nav: true },
    picture: { roles: ['focal-point', 'analyst'], render: picture, nav: true },
    firstSightings: { roles: ['focal-point', 'analyst'], render: firstSightings, nav: true },
    controlGaps: { roles: ['focal-point', 'analyst'], render: controlGaps, nav: true },
    warnings: { roles: ['customs-unit'], render: warnings, nav: true },
    answer: { roles: ['customs-unit'], render: answer },
    audit: { roles: ['auditor'], render: audit, nav: true },
    quarantine: { roles: ['auditor', 'admin'], render: quarantine, nav: true },
    deadLetter: { roles: ['auditor', 'admin'], render: deadLetter, nav: true },
    links: { roles: ['auditor', 'admin'], render: links, nav: true },
    directory: { roles: ['auditor', 'admin'], render: directory, nav: true },
    units: { roles: ['auditor', 'admin'], render: units, nav: true },
    unit: { roles: ['auditor', 'admin'], render: unit },
    users: { roles: ['admin'], render: users, nav: true }
  };
  const ROLES = ['focal-point', 'analyst', 'customs-unit', 'auditor', 'admin'];

  /* ---- words ---- */
  function lang() { return localStorage.getItem('rx-lang') === 'ru' ? 'ru' : 'en'; }
  function t(key, ...args) {
    let text = window.CONSOLE_TEXT[lang()][key] || window.CONSOLE_TEXT.en[key] || key;
    args.forEach((arg, i) => { text = text.replace('{' + i + '}', arg); });
    return text;
  }

  /* ---- the signed-in user ---- */
  function auth() { return sessionStorage.getItem('rx-auth'); }
  function me() { const text = sessionStorage.getItem('rx-me'); return text ? JSON.parse(text) : null; }
  function signOut() {
    sessionStorage.removeItem('rx-auth');
    sessionStorage.removeItem('rx-me');
    location.hash = '#/home';
    render();
  }
  function allowed(page) { const user = me(); return !!user && user.roles.some(role => page.roles.includes(role)); }

  /* ---- the API ---- */
  async function api(method, path, body, credentials) {
    const headers = { Authorization: 'Basic ' + (credentials || auth()), Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const response = await fetch(path.startsWith('/') ? path : '/api/v1/' + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store'
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (response.status === 401 && !credentials) { signOut(); }
    return { status: response.status, json, text };
  }
  async function load(path) {
    const answer = await api('GET', path);
    if (answer.status !== 200) { throw new Error(t('failed', answer.status, answer.json ? answer.json.detail : answer.text)); }
    return answer.json;
  }

  /* ---- building the page ---- */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) { return; }
      if (name.startsWith('on')) { element.addEventListener(name.substring(2), value); }
      else if (name === 'class') { element.className = value; }
      else { element.setAttribute(name, value === true ? '' : value); }
    });
    children.flat().forEach(child => element.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
    return element;
  }
  function badge(text) { return el('span', { class: 'badge ' + String(text).split(':')[0] }, text); }
  function table(id, headers, rows) {
    return el('table', { id }, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows.map(row => el('tr', {}, row.map(cell => el('td', {}, cell))))
        : [el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, t('none')))]));
  }
  function time(value) { return value ? String(value).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }
  function link(page, argument, text) { return el('a', { href: '#/' + page + '/' + encodeURIComponent(argument) }, text); }
  function main() { return document.getElementById('main'); }
  function show(...content) { const holder = main(); holder.replaceChildren(...content); return holder; }
  function failure(error) { return el('p', { class: 'error', id: 'page-error' }, String(error.message || error)); }
  /* A rejection reason code with what it means, in the console's language. */
  function reason(code) {
    if (!code) { return ''; }
    const meaning = (window.CONSOLE_REASONS[lang()] || {})[code] || window.CONSOLE_REASONS.en[code];
    return el('span', { class: 'reason', title: meaning || '' }, badge(code), meaning ? ' ' + meaning : '');
  }
  function words(input) { return input.value.split(/[\s,]+/).filter(Boolean); }
  /* The date of a date field as the start (or the end) of that day in UTC, for the API's since/until. */
  function day(input, end) { return input.value ? input.value + (end ? 'T23:59:59Z' : 'T00:00:00Z') : null; }
  function query(parameters) {
    return Object.entries(parameters).filter(([, value]) => value !== null && value !== '' && value !== undefined)
      .map(([name, value]) => '&' + name + '=' + encodeURIComponent(value)).join('');
  }
  /*
   * A button that asks the node to act on one entry, says what it answered and redraws the list; with a question,
   * only once the operator confirms it. `what` names the action in the answer (default: the button's label).
   */
  function actionButton(method, path, label, done, refresh, { question, what } = {}) {
    const button = el('button', { type: 'button', class: 'secondary' }, label);
    button.addEventListener('click', async () => {
      if (question && !window.confirm(question)) { return; }
      done.textContent = outcome(await api(method, path, method === 'POST' ? {} : undefined), what || label);
      await refresh();
    });
    return button;
  }
  /* What a button's request came to: the node's own words when it refused. */
  function outcome(answered, label) {
    return answered.status >= 200 && answered.status < 300 ? t('done', label)
      : t('failed', answered.status, answered.json ? answered.json.detail : answered.text);
  }

  /* ---- sign-in, header, routing ---- */
  function signInPage() {
    const user = el('input', { type: 'text', id: 'sign-in-user', autocomplete: 'username', required: true });
    const password = el('input', { type: 'password', id: 'sign-in-password', autocomplete: 'current-password', required: true });
    const error = el('p', { class: 'error', id: 'sign-in-error' });
    const form = el('form', { class: 'panel sign-in', id: 'sign-in' },
      el('h1', {}, t('signIn')), el('p', { class: 'muted' }, t('signInHint')),
      el('label', { for: 'sign-in-user' }, t('user')), user,
      el('label', { for: 'sign-in-password' }, t('password')), password, error,
      el('p', {}, el('button', { class: 'primary', type: 'submit', id: 'sign-in-submit' }, t('signIn'))));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const credentials = btoa(unescape(encodeURIComponent(user.value + ':' + password.value)));
      const answer = await api('GET', 'me', undefined, credentials);
      if (answer.status !== 200) { error.textContent = t('wrongCredentials'); return; }
      sessionStorage.setItem('rx-auth', credentials);
      sessionStorage.setItem('rx-me', JSON.stringify(answer.json));
      location.hash = '#/home';
      render();
    });
    show(form);
    user.focus();
  }

  function header() {
    const user = me();
    document.getElementById('language').textContent = t('language');
    document.getElementById('sign-out').textContent = t('signOut');
    document.getElementById('sign-out').hidden = !user;
    document.getElementById('node-name').textContent = user ? user.node : '';
    document.getElementById('who').textContent = user ? user.name + ' (' + user.roles.join(', ') + ')' : '';
    const current = route().page;
    document.getElementById('nav').replaceChildren(...(user ? Object.entries(PAGES)
      .filter(([name, page]) => (page.nav || name === 'home') && allowed(page))
      .map(([name]) => el('a', { href: '#/' + name, id: 'nav-' + name, class: name === current ? 'active' : null }, t(name)))
      : []));
  }

  function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/');
    return { page: parts[0] || 'home', argument: parts[1] ? decodeURIComponent(parts[1]) : null };
  }

  async function render() {
    document.documentElement.lang = lang();
    header();
    if (!auth()) { signInPage(); return; }
    const { page, argument } = route();
    const target = PAGES[page] || PAGES.home;
    if (!allowed(target)) {
      show(el('p', { class: 'notice', id: 'not-for-role' }, t('notForRole', me().roles.join(', '))));
      return;
    }
    show(el('p', { class: 'muted' }, t('loading')));
    try {
      await target.render(argument);
    } catch (error) {
      main().append(failure(error));
    }
  }

  /* ---- pages: everyone ---- */
  async function home() {
    const user = me();
    show(el('h1', {}, t('home')), el('p', { id: 'welcome' }, t('welcome', user.name, user.node)),
      el('ul', {}, Object.entries(PAGES).filter(([name, page]) => page.nav && allowed(page))
        .map(([name]) => el('li', {}, el('a', { href: '#/' + name }, t(name))))));
  }

  /* ---- pages: focal point ---- */
  async function compose() {
    const directoryView = await load('directory');
    const self = me().node;
    const members = (directoryView.members || []).map(m => m.node).filter(node => node !== self);
    const kind = el('select', { id: 'compose-kind' }, KINDS.map(k => el('option', { value: k }, k)));
    const recipients = el('div', { class: 'recipients', id: 'compose-recipients' },
      ['REGIONAL', ...members].map(node => el('label', {}, el('input', { type: 'checkbox', value: node }), ' ' + node)));
    const handling = el('select', { id: 'compose-handling' }, HANDLING.map(h => el('option', { value: h, selected: h === 'AMBER' }, h)));
    const expires = el('input', { type: 'datetime-local', id: 'compose-expires' });
    const language = el('select', { id: 'compose-language' }, LANGUAGES.map(l => el('option', { value: l }, l)));
    const pasted = el('textarea', { id: 'compose-json', spellcheck: 'false' });
    const problems = el('div', { id: 'compose-problems' });
    const holder = el('div', { id: 'compose-form' });
    const result = el('p', { id: 'compose-result' });
    let editor = null;

    async function build() {
      if (editor) { editor.destroy(); }
      holder.replaceChildren();
      problems.replaceChildren();
      editor = await formFor(holder, await load('schemas/' + kind.value));
    }
    kind.addEventListener('change', build);

    const loadButton = el('button', { type: 'button', class: 'secondary', id: 'compose-load' }, t('loadIntoForm'));
    loadButton.addEventListener('click', () => {
      try {
        editor.setValue(JSON.parse(pasted.value));
        problems.replaceChildren();
      } catch (error) {
        problems.replaceChildren(el('p', { class: 'error' }, t('badJson', error.message)));
      }
    });

    const send = el('button', { type: 'button', class: 'primary', id: 'compose-send' }, t('send'));
    send.addEventListener('click', async () => {
      result.textContent = '';
      problems.replaceChildren();
      const clientErrors = editor.validate();
      if (clientErrors.length) {
        editor.setOption('show_errors', 'always');
        problems.append(el('p', { class: 'error', id: 'compose-invalid' }, t('formInvalid')),
          el('ul', { id: 'compose-field-errors' }, clientErrors.map(error =>
            el('li', {}, error.path.replace(/^root\.?/, '/').replace(/\./g, '/') + ': ' + error.message))));
        return;
      }
      const body = {
        kind: kind.value,
        recipients: [...recipients.querySelectorAll('input:checked')].map(box => box.value),
        handling: handling.value,
        language: language.value,
        document: editor.getValue()
      };
      if (expires.value) { body.expiresAt = new Date(expires.value + 'Z').toISOString().replace('.000Z', 'Z'); }
      const answer = await api('POST', 'messages', body);
      if (answer.status === 202) {
        location.hash = '#/message/' + encodeURIComponent(answer.json.messageId);
        return;
      }
      showProblems(problems, editor, answer);
    });

    show(el('h1', {}, t('compose')),
      el('div', { class: 'panel' },
        el('label', { for: 'compose-kind' }, t('kind')), kind,
        el('label', {}, t('recipients')), recipients,
        el('label', { for: 'compose-handling' }, t('handling')), handling,
        el('label', { for: 'compose-expires' }, t('expiresAt')), expires,
        el('label', { for: 'compose-language' }, t('languageOfText')), language,
        el('label', { for: 'compose-json' }, t('pasteJson')), pasted, el('p', {}, loadButton)),
      holder, problems, el('p', {}, send), result);
    await build();
  }

  /* A form for a schema; the form builder's own checks speak the console's language. */
  function formFor(holder, schema) {
    const defaults = window.JSONEditor.defaults;
    defaults.languages.ru = Object.assign({}, defaults.languages.en, window.CONSOLE_FORM_RU);
    defaults.language = lang();
    delete schema['x-version'];
    const editor = new window.JSONEditor(holder, {
      schema, theme: 'html', disable_edit_json: true, disable_collapse: true, display_required_only: true,
      remove_empty_properties: true, show_errors: 'interaction', prompt_before_delete: false
    });
    return new Promise(resolve => editor.on('ready', () => { holder.setAttribute('data-ready', 'true'); resolve(editor); }));
  }

  /* The node's refusal: each violation beside its field when the form has one, and all of them in a list. */
  function showProblems(problems, editor, answer) {
    const violations = (answer.json && answer.json.violations) || [];
    problems.append(el('p', { class: 'error', id: 'compose-refused' },
      violations.length ? t('fixErrors') : t('failed', answer.status, answer.json ? answer.json.detail : answer.text)));
    const inPlace = [];
    const list = el('ul', { id: 'compose-violations' });
    violations.forEach(violation => {
      const pointer = violation.pointer || '';
      list.append(el('li', { 'data-pointer': pointer }, (pointer ? pointer + ': ' : '') + violation.message));
      if (pointer.startsWith('/document')) {
        const path = 'root' + pointer.substring('/document'.length).split('/').join('.');
        let target = path;
        while (target !== 'root' && !editor.getEditor(target)) { target = target.substring(0, target.lastIndexOf('.')); }
        inPlace.push({ path: target, property: 'server', message: t('serverSays') + ': ' + violation.message });
      }
    });
    problems.append(list);
    editor.setOption('show_errors', 'always');
    // The form redraws its own messages after a change of option; the node's are added once it has.
    setTimeout(() => editor.root.showValidationErrors(editor.validate().concat(inPlace)), 150);
  }

  async function sent() {
    const items = await load('messages?limit=100');
    show(el('h1', {}, t('sent')), table('sent-table', [t('created'), t('kind'), t('message'), t('status')],
      items.map(item => [time(item.createdAt), item.kind, link('message', item.messageId, item.messageId),
        el('span', {}, item.recipients.map(r => badge(r.recipient + ' ' + r.status)))])));
  }

  async function message(id) {
    const status = await load('messages/' + encodeURIComponent(id));
    show(el('h1', {}, t('message') + ' ' + id),
      table('status-table', [t('recipient'), t('status'), t('hop'), t('reason'), t('updated')],
        status.recipients.map(r => [r.recipient, badge(r.status), r.nextHop, reason(r.reasonCode), time(r.updatedAt)])),
      el('h2', {}, t('outcomes')),
      table('outcomes-table', [t('target'), t('sender'), t('outcome'), t('updated')],
        (status.outcomes || []).map(o => [o.unit, o.node, o.result, time(o.reportedAt)])));
  }

  async function inbox() {
    const kind = el('select', { id: 'inbox-kind' }, el('option', { value: '' }, t('any')),
      KINDS.concat(['outcome-report', 'member-directory']).map(k => el('option', { value: k }, k)));
    const since = el('input', { type: 'date', id: 'inbox-since' });
    const until = el('input', { type: 'date', id: 'inbox-until' });
    const sender = el('input', { type: 'text', id: 'inbox-sender', placeholder: 'KZ' });
    const list = el('div', { id: 'inbox-list' });
    const detail = el('pre', { id: 'inbox-detail', hidden: true });
    async function refresh() {
      const items = await load('inbox?limit=500' + query({ kind: kind.value, since: day(since), until: day(until, true) }));
      const from = sender.value.trim().toUpperCase();
      list.replaceChildren(table('inbox-table', [t('received'), t('kind'), t('sender'), t('message')],
        items.filter(item => !from || item.sender === from).slice(0, 100).map(item => [time(item.receivedAt), item.kind, item.sender,
          el('a', { href: '#/inbox', onclick: event => { event.preventDefault(); detail.hidden = false;
            detail.textContent = JSON.stringify({ header: item.header, document: item.document }, null, 2); } }, item.messageId)])));
    }
    [kind, since, until, sender].forEach(input => input.addEventListener('change',
      () => refresh().catch(error => list.replaceChildren(failure(error)))));
    show(el('h1', {}, t('inbox')), el('div', { class: 'panel filters' },
      el('span', {}, el('label', { for: 'inbox-kind' }, t('kind')), kind),
      el('span', {}, el('label', { for: 'inbox-sender' }, t('sender')), sender),
      el('span', {}, el('label', { for: 'inbox-since' }, t('since')), since),
      el('span', {}, el('label', { for: 'inbox-until' }, t('until')), until)), list, detail);
    await refresh();
  }

  async function alerts() {
    const items = await load('picture/alerts');
    show(el('h1', {}, t('alerts')), table('alerts-table', ['alertId', t('state'), t('sender'), t('created'), 'expiresAt', t('version')],
      items.map(a => [a.alertId, badge(a.state), a.sender, time(a.createdAt), time(a.expiresAt), String(a.versions)])));
  }

  /* ---- pages: analyst ---- */
  let chart = null;
  async function picture() {
    const groupBy = el('select', { id: 'picture-group' }, ['month', 'group', 'country', 'substance'].map(g => el('option', { value: g }, g)));
    const canvasHolder = el('div', { class: 'chart' }, el('canvas', { id: 'picture-chart' }));
    const rows = el('div', { id: 'picture-rows' });
    const csv = el('button', { type: 'button', class: 'secondary', id: 'picture-csv' }, t('csv'));
    const from = el('input', { type: 'date', id: 'picture-from' });
    const to = el('input', { type: 'date', id: 'picture-to' });
    const country = el('input', { type: 'text', id: 'picture-country', placeholder: 'KZ' });
    function filters() { return query({ from: from.value, to: to.value, country: country.value.trim().toUpperCase() }); }
    async function refresh() {
      const figures = await load('picture/seizures?groupBy=' + groupBy.value + filters());
      rows.replaceChildren(table('picture-table', [groupBy.value, 'measure', t('notices'), t('total')],
        figures.map(f => [f.label, f.measure, String(f.notices), String(f.total)])));
      if (chart) { chart.destroy(); }
      chart = new window.Chart(document.getElementById('picture-chart'), {
        type: 'bar',
        data: { labels: figures.map(f => f.label + ' (' + f.measure + ')'), datasets: [{ label: t('notices'), data: figures.map(f => f.notices), backgroundColor: '#1f6fb2' }] },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } } }
      });
    }
    csv.addEventListener('click', async () => {
      const response = await fetch('/api/v1/picture/seizures?format=csv&groupBy=' + groupBy.value + filters(),
        { headers: { Authorization: 'Basic ' + auth() }, credentials: 'omit' });
      const file = el('a', { href: URL.createObjectURL(await response.blob()), download: 'seizures-by-' + groupBy.value + '.csv' });
      document.body.append(file);
      file.click();
      file.remove();
    });
    [groupBy, from, to, country].forEach(input => input.addEventListener('change',
      () => refresh().catch(error => rows.replaceChildren(failure(error)))));
    show(el('h1', {}, t('picture')), el('div', { class: 'panel filters' },
      el('span', {}, el('label', { for: 'picture-group' }, t('groupBy')), groupBy),
      el('span', {}, el('label', { for: 'picture-country' }, t('country')), country),
      el('span', {}, el('label', { for: 'picture-from' }, t('since')), from),
      el('span', {}, el('label', { for: 'picture-to' }, t('until')), to),
      el('span', {}, el('label', {}, '\u00a0'), csv)),
      canvasHolder, rows);
    await refresh();
  }

  async function firstSightings() {
    const items = await load('picture/first-sightings');
    show(el('h1', {}, t('firstSightings')), table('first-sightings-table', [t('substance'), t('outcome'), t('sender'), t('received'), 'alertId'],
      items.map(s => [s.substance, badge(s.outcome), s.sender || '', time(s.seenAt), s.alertId || ''])));
  }

  async function controlGaps() {
    const gaps = await load('picture/control-gaps');
    const countries = [...new Set(gaps.flatMap(g => Object.keys(g.controlledBy).concat(g.notControlledBy)))].sort();
    show(el('h1', {}, t('controlGaps')), table('control-gaps-table', [t('substanceCol'), ...countries],
      gaps.map(g => [g.substance, ...countries.map(c => g.controlledBy[c]
        ? (g.controlledBy[c].table || g.controlledBy[c].category || '') + ' ' + g.controlledBy[c].since : '—')])));
  }

  /* ---- pages: customs unit ---- */
  async function warnings() {
    const items = await load('inbox?kind=pre-arrival-warning&limit=100');
    show(el('h1', {}, t('warnings')), table('warnings-table', [t('received'), t('sender'), t('target'), t('arrival'), t('risk'), ''],
      items.map(item => {
        const acknowledge = el('button', { type: 'button', class: 'secondary', 'data-message': item.messageId }, t('acknowledge'));
        const done = el('span', { class: 'muted' });
        acknowledge.addEventListener('click', async () => {
          const answer = await api('POST', 'inbox/' + encodeURIComponent(item.messageId) + '/acknowledge', {});
          done.textContent = answer.status === 200 ? t('acknowledged', time(answer.json.acknowledgedAt))
            : t('failed', answer.status, answer.json ? answer.json.detail : answer.text);
          if (answer.status === 200) { acknowledge.remove(); }
        });
        return [time(item.receivedAt), item.sender, item.document.targetUnit.nodeId || item.document.targetUnit.name,
          time(item.document.expectedArrival), item.document.riskLevel,
          el('span', {}, acknowledge, ' ', link('answer', item.messageId, t('answer')), ' ', done)];
      })));
  }

  async function answer(id) {
    const items = await load('inbox?kind=pre-arrival-warning&limit=500');
    const warning = items.find(item => item.messageId === id);
    if (!warning) { throw new Error(t('failed', 404, id)); }
    const holder = el('div', { id: 'answer-form' });
    const problems = el('div', { id: 'compose-problems' });
    const send = el('button', { type: 'button', class: 'primary', id: 'answer-send' }, t('send'));
    show(el('h1', {}, t('answer')), el('p', {}, warning.sender + ' · ' + time(warning.receivedAt) + ' · ' + id), holder, problems, el('p', {}, send));
    const editor = await formFor(holder, await load('schemas/outcome-report'));
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const target = warning.document.targetUnit;
    editor.setValue({
      inResponseTo: id,
      unit: { nodeId: target.nodeId, name: target.name || target.nodeId, place: target.place || { name: target.name || target.nodeId } },
      result: 'nothingFound', reportedAt: now
    });
    send.addEventListener('click', async () => {
      problems.replaceChildren();
      const answered = await api('POST', 'messages', {
        kind: 'outcome-report', recipients: [warning.sender], handling: warning.header.handling || 'AMBER',
        language: lang(), document: editor.getValue()
      });
      if (answered.status === 202) {
        problems.replaceChildren(el('p', { id: 'answer-sent' }, t('sentOk', answered.json.messageId)));
        return;
      }
      showProblems(problems, editor, answered);
    });
  }

  /* ---- pages: auditor and admin ---- */
  async function audit() {
    const report = await load('audit');
    show(el('h1', {}, t('audit')), el('p', { id: 'audit-verdict' }, badge(report.intact ? 'OK' : 'EXPIRED'), ' ',
      t('verify') + ': ' + report.entriesChecked + ' · anchored ' + (report.anchoredSeq ?? '—')),
      el('pre', { id: 'audit-report' }, report.report));
  }

  async function quarantine() {
    const isAdmin = me().roles.includes('admin');
    const reasons = el('select', { id: 'quarantine-reason' }, el('option', { value: '' }, t('any')),
      Object.keys(window.CONSOLE_REASONS.en).map(code => el('option', { value: code }, code)));
    const done = el('p', { id: 'quarantine-done' });
    const list = el('div', { id: 'quarantine-list' });
    const repeats = el('div', { id: 'quarantine-repeats' });
    const action = (method, path, label) => actionButton(method, path, label, done, refresh);
    async function refresh() {
      const items = await load('quarantine?limit=100' + query({ reasonCode: reasons.value }));
      list.replaceChildren(table('quarantine-table', ['id', t('received'), t('peer'), t('reason'), t('message'), ''],
        items.map(q => [String(q.id), time(q.receivedAt), q.deliveringPeer, el('span', {}, reason(q.reasonCode), el('br'),
          el('span', { class: 'muted' }, q.detail || '')), q.messageId || '',
          isAdmin ? el('span', {}, action('POST', 'quarantine/' + q.id + '/release', t('release')), ' ',
            action('DELETE', 'quarantine/' + q.id, t('remove'))) : ''])));
      const counted = await load('quarantine/repeats?limit=100');
      repeats.replaceChildren(table('quarantine-repeats-table', [t('peer'), t('reason'), t('count'), t('firstSeen'), t('lastSeen')],
        counted.map(r => [r.deliveringPeer, reason(r.reasonCode), String(r.repeats), time(r.firstAt), time(r.lastAt)])));
    }
    reasons.addEventListener('change', () => refresh().catch(error => list.replaceChildren(failure(error))));
    show(el('h1', {}, t('quarantine')), el('div', { class: 'panel filters' },
      el('span', {}, el('label', { for: 'quarantine-reason' }, t('reason')), reasons)), done, list,
      el('h2', {}, t('repeats')), repeats);
    await refresh();
  }

  async function deadLetter() {
    const isAdmin = me().roles.includes('admin');
    const done = el('p', { id: 'dead-letter-done' });
    const list = el('div', { id: 'dead-letter-list' });
    const action = (method, path, label) => actionButton(method, path, label, done, refresh);
    async function refresh() {
      const items = await load('dead-letter?limit=100');
      list.replaceChildren(table('dead-letter-table', [t('sentAt'), t('address'), t('peer'), t('sender'), t('message'), t('size'), ''],
        items.map(d => [time(d.sentAt), d.originalAddress, d.deliveringPeer || '', d.sender || '', d.messageId || '', String(d.size),
          isAdmin ? el('span', {}, action('POST', 'dead-letter/' + encodeURIComponent(d.id) + '/retry', t('retry')), ' ',
            action('DELETE', 'dead-letter/' + encodeURIComponent(d.id), t('remove'))) : ''])));
    }
    show(el('h1', {}, t('deadLetter')), el('p', { class: 'muted' }, t('deadLetterHint')), done, list);
    await refresh();
  }

  async function links() {
    const health = await api('GET', '/health');
    const report = health.json;
    show(el('h1', {}, t('links')),
      el('p', { id: 'health-summary' }, t('broker') + ' ', badge(report.broker), ' ', t('database') + ' ', badge(report.database), ' ',
        t('crl') + ' ', badge(report.crl), ' ', t('directory') + ' ', badge(report.directory ? report.directory.state : 'NONE'),
        report.directory ? ' v' + report.directory.version : ''),
      table('links-table', [t('peer'), t('state'), t('outboxDepth'), t('lastSuccess')],
        Object.entries(report.peers || {}).map(([peer, l]) => [peer, badge(l.state), String(l.outboxDepth), time(l.lastSuccess)])),
      el('h2', {}, t('certificates')),
      table('certificates-table', ['', t('expiry'), 'notAfter'],
        Object.entries(report.certificates || {}).map(([name, c]) => [name, badge(c.expiry), time(c.notAfter)])));
  }

  async function directory() {
    const view = await load('directory');
    show(el('h1', {}, t('directory')), el('p', { id: 'directory-version' }, t('version') + ' ' + view.version + ' · ' +
      t('nextUpdate') + ' ' + time(view.nextUpdate) + (view.stale ? ' · STALE' : '')),
      table('directory-table', [t('members'), t('endpoint'), t('inRegion'), t('certificates')],
        (view.members || []).map(m => [m.node + (m.name ? ' — ' + m.name : ''), m.host ? m.host + ':' + m.port : '',
          m.inRegion ? '✓' : '✗', el('span', {}, m.certificates.map(c => badge(c.purpose + (c.revoked ? ' revoked' : ' ' + c.notAfter.substring(0, 10)))))])));
  }

  async function units() {
    const isAdmin = me().roles.includes('admin');
    const done = el('div', { id: 'units-done' });
    const list = el('div', { id: 'units-list' });
    async function refresh() {
      const items = await load('units');
      list.replaceChildren(table('units-table', [t('unit'), t('crossingPoints'), t('kinds'), t('clearance'), t('queue'), t('registered'), ''],
        items.map(u => [link('unit', u.name, u.name), u.crossingPoints.join(', '), u.kinds.join(', '), badge(u.clearance), u.queue,
          time(u.registeredAt), isAdmin ? remover('units/' + encodeURIComponent(u.name), u.name, done, refresh) : ''])));
    }
    const content = [el('h1', {}, t('units')), done, list];
    if (isAdmin) {
      const name = el('input', { type: 'text', id: 'unit-name', placeholder: 'UZ-ALAT', required: true });
      const points = el('input', { type: 'text', id: 'unit-points', placeholder: 'UZ-ALAT, UZALT' });
      const kinds = el('div', { class: 'recipients', id: 'unit-kinds' }, KINDS.concat(['outcome-report']).map(k =>
        el('label', {}, el('input', { type: 'checkbox', value: k, checked: k === 'pre-arrival-warning' }), ' ' + k)));
      const clearance = el('select', { id: 'unit-clearance' }, HANDLING.map(h => el('option', { value: h, selected: h === 'AMBER' }, h)));
      const register = el('button', { type: 'submit', class: 'primary', id: 'unit-register' }, t('registerUnit'));
      const form = el('form', { class: 'panel', id: 'unit-form' }, el('h2', {}, t('registerUnit')),
        el('label', { for: 'unit-name' }, t('unit')), name,
        el('label', { for: 'unit-points' }, t('crossingPoints') + ' (' + t('commaSeparated') + ')'), points,
        el('label', {}, t('kinds')), kinds, el('label', { for: 'unit-clearance' }, t('clearance')), clearance, el('p', {}, register));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        const answered = await api('POST', 'units', { name: name.value.trim(), crossingPoints: words(points),
          kinds: [...kinds.querySelectorAll('input:checked')].map(box => box.value), clearance: clearance.value });
        done.replaceChildren(answered.status === 201
          ? el('p', { class: 'notice', id: 'unit-created' }, t('unitCreated', answered.json.name, answered.json.queue), ' ',
            el('code', { id: 'unit-password' }, answered.json.password))
          : el('p', { class: 'error', id: 'unit-refused' }, outcome(answered, t('registerUnit'))));
        if (answered.status === 201) { form.reset(); await refresh(); }
      });
      content.push(form);
    }
    show(...content);
    await refresh();
  }

  async function unit(name) {
    const items = await load('units/' + encodeURIComponent(name) + '/deliveries?limit=100');
    show(el('h1', {}, t('unit') + ' ' + name), el('h2', {}, t('deliveries')),
      table('unit-deliveries-table', [t('message'), t('given'), t('acknowledgedAtCol')],
        items.map(d => [d.messageId, time(d.dispatchedAt), d.acknowledgedAt ? time(d.acknowledgedAt) : badge('pending')])));
  }

  async function users() {
    const done = el('div', { id: 'users-done' });
    const list = el('div', { id: 'users-list' });
    const self = me().name;
    async function refresh() {
      const items = await load('users');
      list.replaceChildren(table('users-table', [t('user'), t('roles'), t('crossingPoints'), ''],
        items.map(u => [u.name, el('span', {}, u.roles.map(badge)), (u.units || []).join(', '),
          u.name === self ? el('span', { class: 'muted' }, t('you')) : remover('users/' + encodeURIComponent(u.name), u.name, done, refresh)])));
    }
    const name = el('input', { type: 'text', id: 'user-name', required: true, autocomplete: 'off' });
    const roles = el('div', { class: 'recipients', id: 'user-roles' },
      ROLES.map(role => el('label', {}, el('input', { type: 'checkbox', value: role }), ' ' + role)));
    const points = el('input', { type: 'text', id: 'user-units', placeholder: 'UZ-ALAT' });
    const add = el('button', { type: 'submit', class: 'primary', id: 'user-add' }, t('addUser'));
    const form = el('form', { class: 'panel', id: 'user-form' }, el('h2', {}, t('addUser')),
      el('label', { for: 'user-name' }, t('user')), name, el('label', {}, t('roles')), roles,
      el('label', { for: 'user-units' }, t('crossingPoints') + ' (' + t('customsOnly') + ')'), points, el('p', {}, add));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const answered = await api('POST', 'users', { name: name.value.trim(),
        roles: [...roles.querySelectorAll('input:checked')].map(box => box.value), units: words(points) });
      done.replaceChildren(answered.status === 201
        ? el('p', { class: 'notice', id: 'user-created' }, t('passwordOnce', answered.json.name), ' ',
          el('code', { id: 'user-password' }, answered.json.password))
        : el('p', { class: 'error', id: 'user-refused' }, outcome(answered, t('addUser'))));
      if (answered.status === 201) { form.reset(); await refresh(); }
    });
    show(el('h1', {}, t('users')), done, list, form);
    await refresh();
  }

  /* A delete button that asks first. */
  function remover(path, name, done, refresh) {
    return actionButton('DELETE', path, t('remove'), done, refresh,
      { question: t('confirmRemove', name), what: t('remove') + ' ' + name });
  }

  /* ---- start ---- */
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('language').addEventListener('click', () => {
      localStorage.setItem('rx-lang', lang() === 'ru' ? 'en' : 'ru');
      render();
    });
    document.getElementById('sign-out').addEventListener('click', signOut);
    window.addEventListener('hashchange', render);
    render();
  });
}());
