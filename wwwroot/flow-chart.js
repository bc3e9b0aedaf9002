// Draws a flow's sends, opens, clicks and credited orders by day with uPlot (loaded before this script).
(() => {
  const target = document.getElementById('flow-chart');
  const source = document.getElementById('flow-chart-data');
  if (!target || !source || typeof uPlot === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const series = [
    ['Sent', 'sent', '#7a2e1f'],
    ['Opened', 'opened', '#b8860b'],
    ['Clicked', 'clicked', '#2e6f7a'],
    ['Orders', 'converted', '#2e7a3a'],
  ];
  const options = {
    width: Math.min(target.clientWidth || 720, 960),
    height: 260,
    scales: { x: { time: true } },
    series: [{}, ...series.map(([label, , stroke]) => ({ label, stroke, width: 2, points: { show: true, size: 4 } }))],
    axes: [{}, { label: 'per day', size: 50 }],
  };
  const chart = new uPlot(options, [data.days, ...series.map(([, key]) => data[key])], target);
  target.dataset.drawn = 'true';
  window.addEventListener('resize', () => chart.setSize({ width: Math.min(target.clientWidth || 720, 960), height: 260 }));
})();
