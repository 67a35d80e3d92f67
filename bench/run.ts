// `pnpm bench`: benchmarks land with the benchmarks issue; this entry point exists so the
// task is wired from the start. It measures nothing yet and says so.
const quick = process.argv.includes('--quick');
console.log(`wbapi bench${quick ? ' --quick' : ''}: no benchmarks yet.`);
