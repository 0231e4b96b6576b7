/* Enterprise sign-up: choosing a county lists that county's townships and parks
   (GET /registry/signup/places/?county=<id>). Without this script the
   "选择县区后刷新" button posts the form and the server does the same.
   Plain ES5 and XMLHttpRequest: enterprise clerks use old browsers. */
(function () {
  "use strict";
  var county = document.getElementById("id_e-region");
  var places = document.getElementById("signup-places");
  var status = document.getElementById("signup-places-status");
  var refresh = document.getElementById("signup-refresh");
  if (!county || !places || !status || !window.XMLHttpRequest) {
    return;
  }
  var refreshParent = refresh && refresh.parentNode;
  if (refresh) {
    refreshParent.removeChild(refresh);
  }
  var pending = null;

  function failed() {
    status.textContent = status.getAttribute("data-failed");
    if (refresh && !refresh.parentNode) {
      refreshParent.insertBefore(refresh, status);
    }
  }

  county.addEventListener("change", function () {
    if (pending) {
      pending.abort();
    }
    var request = new XMLHttpRequest();
    pending = request;
    request.open("GET", places.getAttribute("data-url") + "?county=" + encodeURIComponent(county.value));
    request.onload = function () {
      pending = null;
      if (request.status !== 200) {
        failed();
        return;
      }
      places.innerHTML = request.responseText;
      var announce = places.querySelector("[data-announce]");
      status.textContent = announce ? announce.getAttribute("data-announce") : "";
    };
    request.onerror = function () {
      pending = null;
      failed();
    };
    request.send();
  });
})();
