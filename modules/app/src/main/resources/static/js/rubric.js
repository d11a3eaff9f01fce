// The rubric form on the grading page: the running total out of 10 as marks are
// typed, with the decimal comma (a comma or a point may be typed). Only a help:
// the server reads the marks again and is the judge (domain Marking).
(function () {
  'use strict';
  var table = document.getElementById('rubric');
  var total = document.getElementById('total');
  if (!table || !total) { return; }
  var inputs = table.querySelectorAll('input[name^="m"]');

  // Tenths as integers, so 2,5 + 1,5 + ... adds up exactly.
  function tenths(raw) {
    var text = raw.trim().replace(',', '.');
    if (text === '') { return { empty: true }; }
    if (!/^\d{1,2}(\.\d)?$/.test(text)) { return { bad: true }; }
    var parts = text.split('.');
    return { value: parseInt(parts[0], 10) * 10 + (parts.length > 1 ? parseInt(parts[1], 10) : 0) };
  }

  function show() {
    var sum = 0, typed = 0, bad = false;
    inputs.forEach(function (input) {
      var t = tenths(input.value);
      if (t.bad) { bad = true; } else if (!t.empty) { sum += t.value; typed++; }
    });
    if (bad) {
      total.textContent = total.getAttribute('data-invalid');
      total.className = 'total invalid';
      return;
    }
    var shown = Math.floor(sum / 10) + (total.getAttribute('data-decimal') || ',') + (sum % 10);
    var text = total.getAttribute('data-of').replace('{0}', shown);
    if (typed < inputs.length) {
      text += ' ' + total.getAttribute('data-partial').replace('{0}', typed).replace('{1}', inputs.length);
    }
    total.textContent = text;
    total.className = sum >= 50 && typed === inputs.length ? 'total passed' : 'total';
  }

  inputs.forEach(function (input) { input.addEventListener('input', show); });
  show();
}());
