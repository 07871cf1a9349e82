// « Inscription »: the departments a structure covers concern support structures only.
// Shown once « Structure accompagnante » is chosen; without JavaScript, always shown (its
// label says whom it is for) and ignored for an employer.
(function () {
  "use strict";
  var departments = document.getElementById("id_served_departments-fieldset");
  var kinds = document.querySelectorAll('input[name="kind"]');
  if (!departments || !kinds.length) {
    return;
  }
  function update() {
    var chosen = document.querySelector('input[name="kind"]:checked');
    departments.hidden = !(chosen && chosen.value === "support");
  }
  kinds.forEach(function (kind) {
    kind.addEventListener("change", update);
  });
  update();
})();
