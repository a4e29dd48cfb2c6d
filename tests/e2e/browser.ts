// Debian's Chromium driven by playwright-core, with the flags that work as root on our machines.
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, appUrl: string, username: string): Promise<void> {
  await page.goto(appUrl)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill('demo123')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.getByTestId('current-user').waitFor()
}

export const SCREENSHOTS = new URL('./__screenshots__/', import.meta.url).pathname
