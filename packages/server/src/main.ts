/**
 * Entry point of the `nailgun` command (see cli/program.ts). Run with tsx:
 * `node --import tsx packages/server/src/main.ts serve`, or through bin/nailgun.js.
 */
import { runCli } from './cli/program.js'

const code = await runCli(process.argv)
// `serve` keeps running on its open server; the other commands end here.
if (code !== 0) process.exitCode = code
