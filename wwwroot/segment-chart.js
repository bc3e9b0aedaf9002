// Draws a saved segment's size at each day's end (line, left axis) and its entries and exits per day (bars, right
// axis) with uPlot (loaded before this script).
(() => {
  const target = document.getElementById('segment-chart');
  const source = document.getElementById('segment-chart-data');
  if (!target || !source || typeof uPlot === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const bars = uPlot.paths.bars({ size: [0.4, 12] });
  const width = () => Math.min(target.clientWidth || 720, 960);
  const options = {
    width: width(),
    height: 240,
    scales: { x: { time: true }, moves: { range: (u, min, max) => [0, Math.max(1, max)] } },
    series: [
      {},
      { label: 'Members', stroke: '#7a2e1f', width: 2, scale: 'y' },
      { label: 'Entered', stroke: '#2e7a3a', fill: '#2e7a3a88', paths: bars, points: { show: false }, scale: 'moves' },
      { label: 'Left', stroke: '#9b1c1c', fill: '#9b1c1c88', paths: bars, points: { show: false }, scale: 'moves' },
    ],
    axes: [{}, { label: 'members', size: 60 }, { scale: 'moves', side: 1, label: 'per day', grid: { show: false }, size: 50 }],
  };
  const chart = new uPlot(options, [data.days, data.size, data.entered, data.left], target);
  target.dataset.drawn = 'true';
  window.addEventListener('resize', () => chart.setSize({ width: width(), height: 240 }));
})();
