// BDTX attempt page: every answer is sent as it is given. An answer the server
// has not confirmed stays in localStorage and is sent again when the network
// returns (every 5 s and on "online"), also after a reload or a closed tab.
// Without JavaScript the form still works: "Nộp bài" posts every answer.
(function () {
  'use strict';
  var finished = document.getElementById('finished-attempt');
  if (finished) {
    // The attempt is graded: nothing of it is left to send.
    try { localStorage.removeItem('bdtx-attempt-' + finished.getAttribute('data-attempt')); } catch (e) { /* ignore */ }
    return;
  }
  var form = document.getElementById('attempt');
  if (!form) { return; }
  var status = document.getElementById('save-status');
  var url = form.getAttribute('data-answers');
  var key = 'bdtx-attempt-' + form.getAttribute('data-attempt');
  var csrf = form.querySelector('input[name="_csrf"]');
  var closed = false;
  var inFlight = {};
  // When the server last confirmed an answer, in Vietnam time as it says (X-Saved-At); none yet on a fresh page.
  var savedAt = null;
  // This page load and its own counter of answers: the server orders one page's saves by the counter and saves
  // from different loads by when it receives them, never by the device's clock (which may be far ahead).
  var page = Math.random().toString(36).slice(2, 12) + Date.now().toString(36).slice(-6);
  var counter = 0;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || '{}'); } catch (e) { return {}; }
  }
  function store(queue) {
    try {
      if (Object.keys(queue).length === 0) { localStorage.removeItem(key); } else { localStorage.setItem(key, JSON.stringify(queue)); }
    } catch (e) { /* private mode: the page still sends, it just cannot keep unsent answers */ }
  }
  function show(text, state) {
    status.textContent = text;
    status.className = 'save-status ' + (state || '');
  }
  // The session ended under the page (a save answered 403 or the login page): said until a save goes through.
  var expired = false;
  function refresh() {
    if (closed) { return; }
    var n = Object.keys(load()).length;
    if (n === 0) {
      if (savedAt) { show(status.getAttribute('data-saved') + ' ' + savedAt, 'saved'); }
    } else {
      show(status.getAttribute(expired ? 'data-expired' : 'data-unsent').replace('{0}', n), 'unsent');
    }
  }
  function chosen(fieldset) {
    var values = [];
    fieldset.querySelectorAll('input[type=radio]:checked, input[type=checkbox]:checked').forEach(function (i) {
      values.push(i.value);
    });
    return values;
  }
  // What a typed (short answer, numerical) or matching question holds: the text, or the answer index per item.
  function response(fieldset) {
    var kind = fieldset.getAttribute('data-kind');
    if (kind === 'text') { return fieldset.querySelector('input.response').value; }
    if (kind === 'matching') {
      return Array.prototype.map.call(fieldset.querySelectorAll('select'), function (s) { return s.value; }).join(',');
    }
    return undefined;
  }
  // A queued answer is {v: [choices], r: typed or matched response (absent for choices), p: the page load that gave
  // it, s: that page's counter}; older pages stored the bare list, or s as a time without p (then not sent).
  function entry(e) { return Array.isArray(e) ? { v: e, s: 0 } : e; }
  function same(a, b) { return a.v.join(',') === b.v.join(',') && a.r === b.r; }
  function send(question, answer) {
    if (closed || inFlight[question]) { return; }
    inFlight[question] = true;
    var values = entry(answer).v;
    var body = new URLSearchParams();
    if (csrf) { body.append('_csrf', csrf.value); }
    body.append('question', question);
    if (entry(answer).p) {
      body.append('page', entry(answer).p);
      body.append('seq', String(entry(answer).s));
    }
    values.forEach(function (v) { body.append('choice', v); });
    if (entry(answer).r !== undefined) { body.append('response', entry(answer).r); }
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'text/plain' } })
      .then(function (r) {
        inFlight[question] = false;
        var queue = load();
        if (r.status === 204 && r.headers.get('X-Saved-At')) { savedAt = r.headers.get('X-Saved-At'); }
        if (r.status === 204) { expired = false; }
        var state = r.headers.get('X-Answer-State');
        if (r.status === 204 || r.status === 404 || r.status === 422 || (r.status === 200 && state === 'superseded')) {
          // Saved, superseded by a newer answer of this page, or never savable: this entry is done, unless it
          // changed meanwhile.
          if (queue[question] && same(entry(queue[question]), entry(answer))) { delete queue[question]; }
          store(queue);
          refresh();
          if (queue[question]) { send(question, queue[question]); }
        } else if (r.status === 409) {
          // The attempt is closed. Unsent answers stay stored (only a confirmed save removes one); the learner is
          // told, then the page shows the attempt as it is.
          closed = true;
          show(status.getAttribute('data-closed'), 'closed');
          setTimeout(function () { window.location.reload(); }, 1500);
        } else if (r.status === 403 || (r.redirected && r.url.indexOf('/login') >= 0)) {
          // The session ended (Redis lost it, or it idled out): the answers stay stored; the learner is told to log
          // in again, after which the attempt page sends them.
          expired = true;
          refresh();
        } else {
          refresh();
        }
      })
      .catch(function () { inFlight[question] = false; refresh(); });
  }
  function flush() {
    var queue = load();
    Object.keys(queue).forEach(function (q) { send(q, queue[q]); });
  }

  // Answers given before a reload that the server never confirmed: show them and send them.
  var pending = load();
  Object.keys(pending).forEach(function (q) {
    var fs = form.querySelector('fieldset[data-question="' + q + '"]');
    if (!fs) { return; }
    var e = entry(pending[q]);
    if (e.r !== undefined && fs.getAttribute('data-kind') === 'text') {
      fs.querySelector('input.response').value = e.r;
    } else if (e.r !== undefined && fs.getAttribute('data-kind') === 'matching') {
      var picks = e.r.split(',');
      fs.querySelectorAll('select').forEach(function (s, i) { s.value = picks[i] || ''; });
    } else {
      fs.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (i) {
        i.checked = e.v.indexOf(i.value) >= 0;
      });
    }
  });

  form.addEventListener('change', function (ev) {
    var fs = ev.target.closest('fieldset[data-question]');
    if (!fs) { return; }
    var q = fs.getAttribute('data-question');
    var values = chosen(fs);
    var queue = load();
    counter += 1;
    queue[q] = { v: values, p: page, s: counter };
    var typed = response(fs);
    if (typed !== undefined) { queue[q].r = typed; }
    store(queue);
    show(status.getAttribute('data-saving'), 'saving');
    send(q, queue[q]);
  });

  // Enter in a typed answer saves it; it must not submit the whole attempt.
  form.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target.classList && ev.target.classList.contains('response')) {
      ev.preventDefault();
      ev.target.blur();
    }
  });

  // The questions not answered yet (a matching question counts until every row has its pick), by their number.
  function unanswered() {
    var numbers = [];
    form.querySelectorAll('fieldset.question').forEach(function (box, i) {
      var kind = box.getAttribute('data-kind');
      var done;
      if (kind === 'text') {
        var input = box.querySelector('input.response');
        done = !!input && input.value.trim() !== '';
      } else if (kind === 'matching') {
        var selects = box.querySelectorAll('select');
        done = selects.length > 0 && Array.prototype.every.call(selects, function (s) { return s.value !== ''; });
      } else {
        done = !!box.querySelector('input.check:checked');
      }
      box.classList.toggle('unanswered', !done);
      if (!done) { numbers.push(i + 1); }
    });
    return numbers;
  }

  var submitting = false;
  form.addEventListener('submit', function (ev) {
    // One submit per click, however many clicks: the server would give one result anyway.
    if (submitting) { ev.preventDefault(); return; }
    // A question left unanswered scores 0: say which before submitting, and stay on the page if asked to.
    var ask = form.getAttribute('data-unanswered');
    var missing = ask ? unanswered() : [];
    if (missing.length > 0 && !window.confirm(ask
        .replace('{0}', String(missing.length)).replace('{1}', missing.join(', ')))) {
      ev.preventDefault();
      var first = document.getElementById(form.querySelectorAll('fieldset.question')[missing[0] - 1].id);
      if (first && first.scrollIntoView) { first.scrollIntoView({ block: 'start' }); }
      return;
    }
    submitting = true;
    document.getElementById('submit').disabled = true;
  });

  window.addEventListener('online', flush);
  setInterval(flush, 5000);
  flush();
  refresh();

  var timer = document.getElementById('timer');
  if (timer) {
    var end = Date.now() + 1000 * parseInt(timer.getAttribute('data-seconds-left'), 10);
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      timer.textContent = status.getAttribute('data-left').replace('{0}', m + ':' + (s < 10 ? '0' : '') + s);
      if (left <= 30) { timer.className = 'timer ending'; }
      if (left === 0 && !submitting) {
        // The server closes the attempt at this moment whatever happens; show the result.
        submitting = true;
        form.submit();
      }
    };
    tick();
    setInterval(tick, 1000);
  }
}());
