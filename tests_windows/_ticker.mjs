// A child for the suspend/resume test (tests_windows/process_test.ts): prints a counter every 20 ms until killed.
import process from "node:process";

let i = 0;
setInterval(() => process.stdout.write(`${i++}\n`), 20);
