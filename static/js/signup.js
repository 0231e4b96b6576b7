/* Enterprise sign-up and the staff's enterprise form: choosing a county lists that
   county's townships and parks (GET data-url?county=<id>, /registry/signup/places/ or
   /enterprises/places/), so a township of the county chosen before is not left selected.
   Without this script the "选择县区后刷新" button (sign-up) or saving (staff form)
   posts the form and the server does the same.
   Plain ES5 and XMLHttpRequest: enterprise clerks use old browsers. */
(function () {
  "use strict";
  var places = document.getElementById("signup-places");
  var county = places && document.getElementById(places.getAttribute("data-county") || "id_e-region");
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
