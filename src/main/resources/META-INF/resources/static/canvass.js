// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Live character count for text areas.
  document.querySelectorAll('textarea[data-counter]').forEach(function (area) {
    var counter = document.getElementById(area.getAttribute('data-counter'));
    var max = parseInt(area.getAttribute('maxlength'), 10);
    if (!counter || !max) { return; }
    var update = function () {
      var left = max - Array.from(area.value).length;
      // The words come from the page, in its language: %d stands for the number.
      counter.textContent = left >= 0
        ? (counter.getAttribute('data-remaining') || 'You have %d characters remaining').replace('%d', left)
        : (counter.getAttribute('data-over') || 'You have %d characters too many').replace('%d', -left);
    };
    area.addEventListener('input', update);
    update();
  });

  // "Other, please specify": show the text box only while its option is ticked.
  document.querySelectorAll('[data-specify-for]').forEach(function (box) {
    var option = document.getElementById(box.getAttribute('data-specify-for'));
    if (!option) { return; }
    var group = document.querySelectorAll('input[name="' + option.name + '"]');
    var update = function () { box.classList.toggle('js-hidden', !option.checked); };
    group.forEach(function (input) { input.addEventListener('change', update); });
    update();
  });

  // An exclusive option ("None of these") clears the others, and the others clear it.
  document.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
    box.addEventListener('change', function () {
      if (!box.checked) { return; }
      var group = document.querySelectorAll('input[type="checkbox"][name="' + box.name + '"]');
      group.forEach(function (other) {
        if (other === box) { return; }
        if (box.hasAttribute('data-exclusive') || other.hasAttribute('data-exclusive')) { other.checked = false; }
      });
    });
  });

  // Move focus to the error summary so screen reader users hear it first.
  var summary = document.querySelector('.error-summary');
  if (summary) { summary.focus(); }
})();
