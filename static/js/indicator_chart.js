// One indicator over the consortium's periods: actuals, each period's target, and the baseline as a flat line.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("indicator-data").textContent);
  const labels = JSON.parse(document.getElementById("indicator-labels").textContent);
  const canvas = document.getElementById("chart-indicator");
  const select = document.getElementById("series-select");
  if (typeof Chart === "undefined" || !canvas || !data.series.length) { return; }
  const flat = (value) => data.periods.map(() => value);
  const datasets = (series) => [
    { label: labels.value, data: series.values, tension: 0.2 },
    { label: labels.target, data: series.targets, borderDash: [6, 4], spanGaps: true },
    { label: labels.baseline, data: flat(series.baseline), borderDash: [2, 3], pointRadius: 0 },
  ];
  const chart = new Chart(canvas, {
    type: "line",
    data: { labels: data.periods, datasets: datasets(data.series[0]) },
    options: { scales: { y: { beginAtZero: true } } },
  });
  select.addEventListener("change", () => {
    chart.data.datasets = datasets(data.series[Number(select.value)]);
    chart.update();
  });
})();
