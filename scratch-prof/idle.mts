let worst = 0; let last = performance.now(); const gaps: number[] = [];
const timer = setInterval(() => { const now = performance.now(); gaps.push(now - last); worst = Math.max(worst, now - last); last = now; }, 1);
await new Promise((r) => setTimeout(r, 3000));
clearInterval(timer);
gaps.sort((a, b) => a - b);
console.log('idle worst gap', worst.toFixed(1), 'p99', gaps[Math.floor(gaps.length * 0.99)]?.toFixed(1));
