#!/usr/bin/env node
// Launcher of the `nailgun` command: registers tsx (the server runs from its TypeScript sources,
// with no build step), then starts the CLI.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
