import { main } from "./cli.js";

// The package's `llmtrace` command. A viewer keeps running after main returns; other commands exit.
main(process.argv.slice(2)).then((code) => {
  if (code !== 0) process.exitCode = code;
});
