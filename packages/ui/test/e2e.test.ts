/**
 * The dashboard end to end, in headless Chromium against an in-process server: log in, create an
 * environment, assign roles to three registered nodes, deploy and watch the streamed progress reach
 * `ready`, toggle an extension, read the facts. Screenshots of each step go to test-artifacts/ui-e2e/.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { createTestApp, login, registerNode, type TestApp } from '@nailgun/testing'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HeadlessBrowser, launchChromium } from './browser.ts'
import { buildUi } from './build-ui.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'ui-e2e')
const PASSWORD = 'e2e-admin-pass'
const EXTENSIONS = ['volume-manager', 'additional-logger'].map((name) => path.join(ROOT, 'extensions', name))

describe('web dashboard', () => {
  let t: TestApp
  let chrome: HeadlessBrowser
  let page: Page
  let base: string
  let shot = 0
  const screenshot = async (name: string) => {
    shot++
    await page.screenshot({
      path: path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    })
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    await buildUi()
    t = await createTestApp({
      config: { auth: 'keystone', adminPassword: PASSWORD, simulatorStepMs: 120 },
      extensions: EXTENSIONS,
    })
    base = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
    await login(t, 'admin', PASSWORD)
    chrome = await launchChromium()
    page = await chrome.context.newPage()
    await page.emulateMedia({ reducedMotion: 'reduce' })
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => console.error('page error:', error.message))
  }, 60_000)

  afterAll(async () => {
    // The page as it was when a step failed (or at the end), for the artifacts.
    await page?.screenshot({ path: path.join(ARTIFACTS, 'last.png'), fullPage: true }).catch(() => {})
    await chrome?.close()
    await t?.close()
  })

  it('logs in, creates an environment, assigns roles, deploys to ready and toggles an extension', async () => {
    for (let i = 0; i < 3; i++) await registerNode(t)

    await page.goto(base)
    await page.getByLabel('Password').waitFor()
    await screenshot('login')
    await page.getByLabel('User name').fill('admin')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Environments' }).waitFor()
    expect(await page.evaluate(() => sessionStorage.getItem('nailgun.token'))).toMatch(/\S{20,}/)
    await screenshot('environments-empty')

    await page.getByLabel('Name').fill('lab-east')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: 'lab-east' }).waitFor()
    const cluster = (await t.get('/api/v1/clusters')).body.find((c: { name: string }) => c.name === 'lab-east')
    expect(cluster).toBeDefined()

    for (const role of ['controller', 'compute', 'cinder']) {
      await page.getByRole('tab', { name: 'Add nodes' }).click()
      await page.locator('input[name="node"]').first().check()
      await page.getByRole('checkbox', { name: role, exact: true }).check()
      if (role === 'controller') await screenshot('assign-roles')
      await page.getByRole('button', { name: new RegExp(`^Add 1 node with ${role}`) }).click()
      await page.getByRole('tab', { name: 'Nodes', selected: true }).waitFor()
    }
    await expect.poll(() => page.locator('tr[data-node-id]').count()).toBe(3)
    await page.getByText('8.0 GB').first().waitFor()
    await screenshot('nodes-assigned')

    await page.getByRole('button', { name: 'Deploy changes' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Deploy' }).click()
    // The streamed progress moves while the deployment runs...
    const taskBar = page.getByRole('progressbar', { name: 'deploy progress' })
    await expect
      .poll(async () => Number(await taskBar.getAttribute('aria-valuenow')), { timeout: 20_000 })
      .toBeGreaterThan(0)
    await screenshot('deploying')
    // ...and reaches ready: the task, every node and the environment.
    await page.locator('.task .status-ready').waitFor({ timeout: 40_000 })
    await expect.poll(() => page.locator('tr[data-node-id] .status-ready').count(), { timeout: 10_000 }).toBe(3)
    await page.locator('.title-row .status-operational').waitFor()
    expect(await taskBar.getAttribute('aria-valuenow')).toBe('100')
    expect(await page.getByRole('button', { name: 'Deploy changes' }).isDisabled()).toBe(true)
    await screenshot('deployed')

    await page.getByRole('tab', { name: 'Extensions' }).click()
    const enabledOnCluster = async () => (await t.get(`/api/v1/clusters/${cluster.id}/extensions`)).body as string[]
    // The release may enable it by default: switch it one way, then back.
    const initiallyOn = (await enabledOnCluster()).includes('volume_manager')
    for (const on of [!initiallyOn, initiallyOn]) {
      await page.getByRole('button', { name: `${on ? 'Enable' : 'Disable'} volume_manager` }).click()
      await page.getByRole('button', { name: `${on ? 'Disable' : 'Enable'} volume_manager` }).waitFor()
      expect((await enabledOnCluster()).includes('volume_manager')).toBe(on)
      await screenshot(`extension-${on ? 'enabled' : 'disabled'}`)
    }

    await page.getByRole('tab', { name: 'Facts' }).click()
    await page.getByRole('button', { name: 'Deployment facts' }).click()
    await page.getByRole('region', { name: 'deployment facts' }).waitFor()
    await page.getByRole('button', { name: 'Download JSON' }).waitFor()
    await screenshot('facts')

    await page.getByRole('link', { name: 'Extensions' }).click()
    await page.getByRole('heading', { name: 'Installed extensions' }).waitFor()
    await page.getByRole('row', { name: /additional_logger/ }).waitFor()
    await screenshot('extensions')

    await page.getByRole('link', { name: /^Notifications/ }).click()
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    await screenshot('notifications')

    await page.getByRole('link', { name: 'Environments' }).click()
    await page
      .getByRole('row', { name: /lab-east/ })
      .getByText('operational')
      .waitFor()
    await screenshot('environments')
  }, 90_000)
})
