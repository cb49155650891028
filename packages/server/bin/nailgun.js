#!/usr/bin/env -S node --max-semi-space-size=32
// Launcher of the `nailgun` command: registers tsx (the server runs from its TypeScript sources,
// with no build step), then starts the CLI. Node runs with 32 MiB semi-spaces (the default is
// 16): building the facts of 10,000 nodes keeps most of what it allocates, and with small
// semi-spaces the scavenger copied it over and over (see docs/performance.md for the figures and
// why not larger). Another size: run main.ts with node yourself.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
