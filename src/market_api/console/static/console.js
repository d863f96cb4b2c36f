// Live rows for the request log: new entries arrive over server-sent events and go on top of the table.
(function () {
  var table = document.getElementById("requests");
  if (!table || !window.EventSource) { return; }
  var query = new URLSearchParams(window.location.search);
  query.set("after", table.dataset.lastId || "0");
  var source = new EventSource("/console/requests/stream?" + query.toString());
  var body = table.tBodies[0];
  var state = document.getElementById("live-state");
  source.addEventListener("open", function () { state.textContent = "Newest first. Live: new requests appear on top."; });
  source.addEventListener("request", function (event) {
    var empty = body.querySelector("tr.empty");
    if (empty) { empty.remove(); }
    var holder = document.createElement("tbody");
    holder.innerHTML = event.data;
    var row = holder.firstElementChild;
    if (row) { body.insertBefore(row, body.firstChild); }
    while (body.rows.length > 500) { body.deleteRow(body.rows.length - 1); }
  });
  source.addEventListener("error", function () { state.textContent = "Newest first. Live updates paused; reconnecting…"; });
})();
