// The filter: show only the claims that need verification (everything but "supported").
(function () {
  "use strict";
  var box = document.getElementById("only-review");
  function apply() { document.body.classList.toggle("only-review", box.checked); }
  box.addEventListener("change", apply);
  if (location.hash === "#only-review") { box.checked = true; }
  apply();
  // Escape closes a tooltip by leaving the highlight.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("claim")) {
      document.activeElement.blur();
    }
  });
}());
