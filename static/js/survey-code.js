// The answer code travels in the slip's QR link after "#", which browsers never send to the server: no access
// log holds it. Fill the code field from it, then drop it from the address bar.
(function () {
  var match = /^#code=([0-9A-Za-z-]{1,20})$/.exec(window.location.hash);
  var field = document.getElementById("id_code");
  if (!match || !field) { return; }
  var code = match[1].replace(/-/g, "").toUpperCase();
  if (!field.value) { field.value = code.length === 10 ? code.slice(0, 5) + "-" + code.slice(5) : code; }
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
}());
