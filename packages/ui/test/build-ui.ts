/** Builds the dashboard into packages/ui/dist with Vite's API, so the server under test serves it. */
import path from 'node:path'
import { build } from 'vite'

export const UI_ROOT = path.resolve(import.meta.dirname, '..')

export async function buildUi(): Promise<void> {
  await build({ root: UI_ROOT, configFile: path.join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' })
}
