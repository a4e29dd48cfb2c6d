// Debian's Chromium driven by playwright-core, with the flags that work as root on our machines.
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] })
}

/** Chromium whose camera plays `y4mFile` (see fakeCamera.ts), granted without asking. */
export const launchChromiumWithCamera = (y4mFile: string): Promise<Browser> =>
  launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`])

export const TEST_PIN = '246810'

/**
 * Signs in through the login page, sets up or unlocks the signing key, and waits for the shell;
 * then opens the 公文 list, where most tests begin (sign-in itself lands on the 工作台).
 */
export async function signIn(page: Page, appUrl: string, username: string, opts: { stay?: boolean } = {}): Promise<void> {
  await page.goto(appUrl)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill('demo123')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await passKeyGate(page)
  if (!opts.stay) await page.getByTestId('menu-docs').click()
}

/** The key gate after sign-in or a reload: first time here, set the PIN; after that, unlock. */
export async function passKeyGate(page: Page, pin = TEST_PIN): Promise<void> {
  const gate = page.getByTestId('key-gate')
  await gate.or(page.getByTestId('current-user')).first().waitFor()
  if (await gate.isVisible()) {
    await gate.getByRole('heading').waitFor()
    if (await gate.getByLabel('再次输入 PIN 码').isVisible()) {
      await gate.getByLabel('PIN 码', { exact: true }).fill(pin)
      await gate.getByLabel('再次输入 PIN 码').fill(pin)
      await gate.getByRole('button', { name: '生成密钥' }).click()
    } else {
      await gate.getByLabel('PIN 码', { exact: true }).fill(pin)
      await gate.getByRole('button', { name: /解\s*锁/ }).click()
    }
  }
  await page.getByTestId('current-user').waitFor()
}

export const SCREENSHOTS = new URL('./__screenshots__/', import.meta.url).pathname
