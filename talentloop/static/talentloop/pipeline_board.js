// Drag-and-drop on the recruitment board. Without JavaScript each card's "Move to" select does the same.
// A drop POSTs the card's own move form (same fields, same CSRF token) with HX-Request, and the server answers
// with the board's HTML, which replaces #board. Works again after every swap (listeners are on the document).
(function () {
  "use strict";
  var dragged = null;

  function column(target) {
    return target && target.closest ? target.closest(".board-column") : null;
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[draggable='true']");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.application);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });

  document.addEventListener("dragover", function (event) {
    var target = column(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    target.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    var target = column(event.target);
    if (target && !target.contains(event.relatedTarget)) target.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (event) {
    var target = column(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    target.classList.remove("drop-target");
    var form = dragged.querySelector("form.move-form");
    if (!form || column(dragged) === target) return;
    var data = new FormData(form);
    data.set("to_stage", target.dataset.stage);
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var board = document.getElementById("board");
      if (board) {
        board.innerHTML = html;
        if (window.htmx) window.htmx.process(board);
      }
    });
  });
})();
