/**
 * Headless Chromium for the dashboard's end-to-end test: the Debian package at /usr/bin/chromium
 * driven by playwright-core (never a downloaded browser), with a throw-away profile.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface HeadlessBrowser {
  context: BrowserContext
  close(): Promise<void>
}

export async function launchChromium(): Promise<HeadlessBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nailgun-ui-e2e-'))
  // Playwright refuses --user-data-dir in `args`: a persistent context is how it takes a profile.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
