// Draws a campaign's impressions (solid) and conversions (dashed) per day for each arm with uPlot (loaded before this script).
(() => {
  const target = document.getElementById('campaign-chart');
  const source = document.getElementById('campaign-chart-data');
  if (!target || !source || typeof uPlot === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const colours = ['#7a2e1f', '#2e6f7a', '#b8860b', '#5a3e8a', '#2e7a3a', '#666'];
  const series = [{}];
  const columns = [data.days];
  data.series.forEach((arm, i) => {
    const stroke = colours[i % colours.length];
    series.push({ label: `${arm.name} impressions`, stroke, width: 2, points: { show: true, size: 4 } });
    series.push({ label: `${arm.name} conversions`, stroke, width: 2, dash: [6, 4], points: { show: true, size: 4 } });
    columns.push(arm.impressions, arm.conversions);
  });
  const width = () => Math.min(target.clientWidth || 720, 960);
  const chart = new uPlot({ width: width(), height: 260, scales: { x: { time: true } }, series, axes: [{}, { label: 'per day', size: 50 }] }, columns, target);
  target.dataset.drawn = 'true';
  window.addEventListener('resize', () => chart.setSize({ width: width(), height: 260 }));
})();
