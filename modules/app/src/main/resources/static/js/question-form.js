// The question form: shows only the parts of the chosen kind, and as weights are
// typed whether the right choices add up to 100% and the wrong ones are 0% or less
// (a comma or a point may be typed). Only a help: the server reads the form again
// and is the judge (domain QuestionForm).
(function () {
  'use strict';
  var form = document.getElementById('question-form');
  if (!form) { return; }
  var kind = document.getElementById('kind');
  var sum = document.getElementById('weight-sum');
  var UNIT = 100000; // weights in hundred-thousandths of a percent, added as integers

  function parse(raw) {
    var text = raw.trim().replace(/\u2212|\u2013/g, '-').replace(/%$/, '').trim().replace(/ /g, '').replace(/^\+/, '');
    if (text === '') { return { empty: true }; }
    if (!/^-?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) { return { bad: true }; }
    return { value: Math.round(parseFloat(text.replace(',', '.')) * UNIT) };
  }

  function shown(units) {
    return String(units / UNIT).replace('.', ',');
  }

  function fill(template, a, b) {
    return template.replace('{0}', a).replace('{1}', b === undefined ? '' : b);
  }

  function showKind() {
    var k = kind.value;
    form.querySelectorAll('[data-kinds]').forEach(function (el) {
      el.hidden = el.getAttribute('data-kinds').split(' ').indexOf(k) < 0;
    });
    check();
  }

  function check() {
    var k = kind.value;
    if (!sum || (k !== 'SINGLE' && k !== 'MULTIPLE')) {
      if (sum) { sum.hidden = true; }
      return;
    }
    var total = 0, right = 0, problem = null;
    form.querySelectorAll('fieldset.choice-row').forEach(function (row, i) {
      if (problem) { return; }
      var text = row.querySelector('textarea').value.trim();
      var box = row.querySelector('input.right');
      var isRight = box && box.checked;
      var typed = row.querySelector('input.weight').value;
      if (text === '' && typed.trim() === '' && !isRight) { return; }
      var w = parse(typed);
      if (w.bad) { problem = fill(sum.getAttribute('data-bad'), i + 1, typed.trim()); return; }
      var value = w.empty ? (isRight && k === 'SINGLE' ? 100 * UNIT : 0) : w.value;
      if (isRight) {
        right++;
        total += value;
      } else if (value > 0) {
        problem = fill(sum.getAttribute('data-wrong'), i + 1);
      }
    });
    sum.hidden = false;
    if (problem) {
      sum.textContent = problem;
      sum.className = 'total invalid';
    } else if (right === 0) {
      sum.textContent = sum.getAttribute('data-none');
      sum.className = 'total invalid';
    } else if (Math.abs(total - 100 * UNIT) > 10) {
      sum.textContent = fill(sum.getAttribute('data-not100'), shown(total));
      sum.className = 'total invalid';
    } else {
      sum.textContent = fill(sum.getAttribute('data-ok'), shown(total));
      sum.className = 'total passed';
    }
  }

  kind.addEventListener('change', showKind);
  form.addEventListener('input', check);
  form.addEventListener('change', check);
  showKind();
}());
