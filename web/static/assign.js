// The assignment screen's unit filter: typing narrows the checkboxes to the units whose name
// has the words typed, with or without Vietnamese diacritics. Without this script the filter
// stays hidden and every unit is listed.
(function () {
  "use strict";
  var input = document.querySelector("[data-unit-filter]");
  if (!input) return;
  var fold = function (s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  };
  var choices = Array.prototype.slice.call(document.querySelectorAll("[data-unit-choice]"));
  var names = choices.map(function (li) { return fold(li.textContent); });
  var groups = document.querySelectorAll("[data-unit-group]");
  var none = document.querySelector("[data-unit-filter-empty]");
  input.closest(".unit-filter").hidden = false;
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    choices.forEach(function (li, i) {
      var hit = words.every(function (w) { return names[i].indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("[data-unit-choice]:not([hidden])"); });
    if (none) none.hidden = shown > 0;
  });
})();
