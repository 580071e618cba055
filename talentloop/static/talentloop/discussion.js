// The discussion panel's @mention dropdown: choosing a colleague puts "@handle " in place of the "@word" being
// typed. The suggestions themselves come from the server (HTMX); without JavaScript one types "@handle" by hand.
(function () {
  "use strict";
  var TRAILING = /(^|\s)@([^\s@]*)$/;

  function choose(option) {
    var form = option.closest("form");
    var box = form && form.querySelector("textarea[name=body]");
    if (!box) return;
    var text = box.value;
    var mention = "@" + option.getAttribute("data-handle") + " ";
    var match = text.match(TRAILING);
    if (match) {
      box.value = text.slice(0, text.length - match[2].length - 1) + mention;
    } else {
      box.value = text + (text && !/\s$/.test(text) ? " " : "") + mention;
    }
    var list = option.closest(".mention-suggestions");
    if (list) list.innerHTML = "";
    box.focus();
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest(".mention-option") : null;
    if (option) {
      event.preventDefault();
      choose(option);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var list = event.target.closest ? event.target.closest("form") : null;
    var suggestions = list && list.querySelector(".mention-suggestions");
    if (suggestions) suggestions.innerHTML = "";
  });
})();
