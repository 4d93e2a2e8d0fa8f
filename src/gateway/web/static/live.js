// "Mijn matches" without a reload: listen for "changed", then fetch the page (through myMatches,
// so its access log line is written as for any view) and swap the list in. Progressive: the
// page is complete without this script.
(function () {
  "use strict";
  var section = document.getElementById("matches");
  if (!section || !window.EventSource || !window.DOMParser) { return; }

  function listen() {
    var source = new EventSource(section.dataset.live + "?known=" + encodeURIComponent(section.dataset.known));
    source.addEventListener("changed", function () { source.close(); refresh(); });
    source.addEventListener("ended", function () {
      source.close();
      window.location.assign("/aanmelden?verlopen=1");
    });
    source.addEventListener("error", function () {
      // The stream ends every few seconds by design; the browser reconnects by itself.
    });
  }

  function refresh() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("matches");
        if (fresh) {
          section.innerHTML = fresh.innerHTML;
          section.dataset.known = fresh.dataset.known;
        }
        listen();
      })
      .catch(function () { window.setTimeout(listen, 2000); });
  }

  listen();
})();
