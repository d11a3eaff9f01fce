// BDTX lecture page: reports what was studied. A video reports the stretches
// actually played (video.played) every 10 s while playing, on pause, at the end
// and when the page is hidden or closed; every report carries everything played
// in this page, so a lost report costs nothing. A text or PDF lecture reports
// once the end of the page was reached (and the PDF opened, if there is one).
(function () {
  'use strict';
  var form = document.getElementById('progress-form');
  if (!form) { return; }
  var url = form.getAttribute('action');
  var csrf = form.querySelector('input[name="_csrf"]');

  function send(fields, beacon) {
    var body = new URLSearchParams();
    if (csrf) { body.append('_csrf', csrf.value); }
    Object.keys(fields).forEach(function (k) { body.append(k, fields[k]); });
    if (beacon && navigator.sendBeacon) {
      navigator.sendBeacon(url, body);
      return;
    }
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', keepalive: true }).catch(function () { /* next report */ });
  }

  var video = document.getElementById('lecture-video');
  if (video) {
    var resume = parseInt(form.getAttribute('data-resume') || '0', 10);
    var played = function () {
      var r = video.played, out = [];
      for (var i = 0; i < r.length; i++) { out.push(r.start(i).toFixed(1) + '-' + r.end(i).toFixed(1)); }
      return out.join(',');
    };
    var report = function (beacon) {
      if (!video.duration || !isFinite(video.duration)) { return; }
      send({ played: played(), position: Math.floor(video.currentTime), duration: Math.round(video.duration) }, beacon);
    };
    var seek = function () {
      if (resume > 0 && resume < video.duration - 5) { video.currentTime = resume; }
    };
    if (video.readyState >= 1) { seek(); } else { video.addEventListener('loadedmetadata', seek, { once: true }); }
    // The line under the title follows what this page played (the share of the video's seconds, as the server
    // counts them), so the learner sees it rise towards the threshold; the server's own count shows on the next visit.
    var status = document.getElementById('study-status');
    var watched = status && !status.classList.contains('done') ? status.getAttribute('data-watched') : null;
    var shown = -1;
    if (watched) {
      video.addEventListener('timeupdate', function () {
        if (!video.duration || !isFinite(video.duration)) { return; }
        var r = video.played, seconds = 0;
        for (var i = 0; i < r.length; i++) { seconds += r.end(i) - r.start(i); }
        var percent = Math.min(100, Math.floor(100 * seconds / video.duration));
        if (percent > shown) {
          shown = percent;
          status.textContent = watched.replace('{0}', percent);
        }
      });
    }
    setInterval(function () { if (!video.paused) { report(false); } }, 10000);
    video.addEventListener('pause', function () { report(false); });
    video.addEventListener('ended', function () { report(false); });
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { report(true); } });
    window.addEventListener('pagehide', function () { report(true); });
    return;
  }

  var pdf = document.getElementById('lecture-pdf');
  var opened = !pdf;
  var reached = false;
  var sent = false;
  var check = function () {
    if (reached && opened && !sent) {
      sent = true;
      send({ end: '1' }, false);
    }
  };
  if (pdf) { pdf.addEventListener('click', function () { opened = true; check(); }); }
  var end = document.getElementById('lecture-end');
  if (end && 'IntersectionObserver' in window) {
    new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) { reached = true; check(); } });
    }).observe(end);
  } else {
    reached = true;
    check();
  }
}());
