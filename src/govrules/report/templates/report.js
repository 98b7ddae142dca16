"use strict";
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var counter = document.getElementById("shown");
  var none = document.getElementById("none-shown");
  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      severities[box.value] = box.checked;
    });
    var ruleset = form.elements.ruleset ? form.elements.ruleset.value : "";
    var organization = form.elements.organization ? form.elements.organization.value : "";
    var shown = 0;
    findings.forEach(function (item) {
      var organizations = (item.getAttribute("data-organizations") || "").split(" ");
      var visible = severities[item.getAttribute("data-severity")] === true
        && (ruleset === "" || item.getAttribute("data-ruleset") === ruleset)
        && (organization === "" || organizations.indexOf(organization) >= 0);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = counter.getAttribute("data-template").replace("{shown}", String(shown));
    none.hidden = shown !== 0;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // Printing shows every detail: an explanation folded away on screen is unfolded on paper.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.setAttribute("data-was-open", d.open ? "1" : "0");
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-was-open]"), function (d) {
      d.open = d.getAttribute("data-was-open") === "1";
      d.removeAttribute("data-was-open");
    });
  });
  apply();
}());
