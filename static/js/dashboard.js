// Draws the coordinator dashboard's charts from the JSON the page embeds.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const labels = JSON.parse(document.getElementById("chart-labels").textContent);
  if (typeof Chart === "undefined") { return; }
  // Ticks and tooltips in the reader's number format (34.500 in Spanish, 34 500 in French).
  Chart.defaults.locale = document.documentElement.lang || "en";
  const phases = document.getElementById("chart-phases");
  if (phases) {
    new Chart(phases, {
      type: "bar",
      data: {
        labels: data.phases.map((row) => row.phase + ". " + row.title),
        datasets: [{ label: labels.consortia, data: data.phases.map((row) => row.count) }],
      },
      // Bars across, so each phase's name reads level on a desk and on a phone.
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  const sales = document.getElementById("chart-sales");
  if (sales) {
    new Chart(sales, {
      type: "line",
      data: {
        labels: data.sales.map((row) => row.period),
        datasets: [{ label: labels.sales, data: data.sales.map((row) => row.total), tension: 0.2 }],
      },
      options: { scales: { y: { beginAtZero: true } } },
    });
  }
  const status = document.getElementById("chart-status");
  if (status) {
    const countries = [...new Set(data.status.map((row) => row.country))];
    const names = Object.fromEntries(data.status.map((row) => [row.country, row.country_name || row.country]));
    const statuses = [...new Set(data.status.map((row) => row.status))];
    new Chart(status, {
      type: "bar",
      data: {
        labels: countries.map((c) => names[c]),
        datasets: statuses.map((name) => ({
          label: labels.statuses[name] || name,
          data: countries.map((c) => (data.status.find((r) => r.country === c && r.status === name) || { count: 0 }).count),
        })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
})();
