// A waiting page (platform/waiting.html): asks for its place until the turn has come, then goes on by itself.
(function () {
  var box = document.getElementById('waiting');
  if (!box) {
    return;
  }
  var place = document.getElementById('place');
  var status = box.getAttribute('data-status');
  var next = box.getAttribute('data-next');
  var here = box.getAttribute('data-here');
  // A reload shows this page again instead of posting the form a second time.
  if (here && window.history && history.replaceState) {
    history.replaceState(null, '', here);
  }
  function ask() {
    fetch(status, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.status === 404) {
          location.replace(next);
          return null;
        }
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      })
      .then(function (s) {
        if (!s) {
          return;
        }
        if (s.done) {
          location.replace(s.next || next);
          return;
        }
        place.textContent = s.text;
        setTimeout(ask, s.poll > 0 ? s.poll : 1000);
      })
      .catch(function () {
        setTimeout(ask, 3000);
      });
  }
  setTimeout(ask, Number(box.getAttribute('data-poll')) || 1000);
})();
