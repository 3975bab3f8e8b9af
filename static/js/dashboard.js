/* The dashboard's trend chart, drawn by the Chart.js the portal serves itself. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  var canvas = document.getElementById("trend-chart");
  if (!canvas || !window.Chart || !data.labels.length) return;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.names.on_time, data: data.on_time, backgroundColor: "#146c43" },
        { label: data.names.late, data: data.late, backgroundColor: "#a52834" },
        { label: data.names.returned, data: data.returned, backgroundColor: "#997404" },
        { label: data.names.missing, data: data.missing, backgroundColor: "#adb5bd" }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
