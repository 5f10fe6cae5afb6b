// Draws the overview's charts with uPlot from /overview.json: one chart per destination, a series per outcome.
// The numbers are also in the page's tables, for keyboards and screen readers.
(function () {
  var box = document.getElementById('charts');
  if (!box || typeof uPlot === 'undefined') {
    return;
  }
  var colours = {shared: '#1b7f3a', redacted: '#b26b00', withheld: '#a00000'};
  fetch(box.dataset.source, {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (data) {
    data.destinations.forEach(function (d) {
      var figure = document.createElement('figure');
      figure.className = 'chart';
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', d.id + ': objects shared, redacted and withheld per ' + data.bucketSeconds + ' s');
      var caption = document.createElement('figcaption');
      caption.textContent = d.id + ' (per ' + data.bucketSeconds + ' s)';
      figure.appendChild(caption);
      box.appendChild(figure);
      var series = [{}].concat(['shared', 'redacted', 'withheld'].map(function (o) {
        return {label: o, stroke: colours[o], width: 2};
      }));
      new uPlot({width: 420, height: 200, series: series}, [data.times, d.shared, d.redacted, d.withheld], figure);
      // uPlot's legend is a table: name it, as every table of the console is named
      figure.querySelectorAll('table').forEach(function (t) {
        if (!t.caption) {
          t.createCaption().textContent = d.id + ': legend';
        }
      });
    });
    box.dataset.drawn = String(data.destinations.length);
  });
})();
