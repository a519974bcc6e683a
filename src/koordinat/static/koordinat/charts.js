// Draws each analytics table marked data-chart as a Chart.js chart beside it. The table stays: it is
// the chart's data for every reader and the page without JavaScript. Nothing inline, so the CSP holds.
(() => {
  const Chart = window.Chart;
  if (!Chart) return;
  const colours = ["#00625e", "#d4351c", "#1d70b8", "#f47738", "#505a5f", "#912b88", "#85994b"];

  function draw(figure) {
    const table = figure.querySelector("table");
    if (!table || !table.tBodies.length) return;
    const rows = [...table.tBodies[0].rows].filter((row) => row.cells.length > 1);
    if (!rows.length) return;
    const headers = [...table.tHead.rows[0].cells].map((cell) => cell.textContent.trim());
    const series = (figure.dataset.series || "1").split(",").map(Number);
    const stacked = figure.dataset.stacked === "true";
    const datasets = series.map((column, index) => ({
      label: headers[column],
      data: rows.map((row) => {
        const value = row.cells[column] && row.cells[column].dataset.value;
        return value === undefined || value === "" ? null : Number(value);
      }),
      backgroundColor: colours[index % colours.length],
      borderColor: colours[index % colours.length],
    }));
    const caption = table.caption ? table.caption.textContent.trim() : "";
    const box = document.createElement("div");
    box.className = "kd-data__chart";
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", caption);
    box.append(canvas);
    figure.classList.add("kd-data--charted");
    figure.prepend(box);
    new Chart(canvas, {
      type: figure.dataset.chart,
      data: { labels: rows.map((row) => row.cells[0].textContent.trim()), datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  document.querySelectorAll("figure[data-chart]").forEach(draw);
})();
