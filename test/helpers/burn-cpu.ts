/**
 * Spends `millis` of this process's CPU time (not wall time: on a busy machine a wall-clock loop
 * may be descheduled for most of its time and burn a fraction of what a test expects).
 */
export function burnCpu(millis: number): number {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 1000; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= millis) return x;
  }
}
