import { describe, expect, it } from 'vitest'
import { allowDevice, allowPermission, allowPermissionCheck } from './permissions'

const PAGE = 'app://zhengtong/index.html'

describe('window permissions', () => {
  it('lets our page use the camera for 扫码签到 and nothing else', () => {
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: true, mediaTypes: ['video'] })).toBe(true)
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: true, mediaTypes: [] })).toBe(false)
    for (const permission of ['geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read', 'display-capture', 'openExternal']) {
      expect(allowPermission({ permission, url: PAGE, isMainFrame: true }), permission).toBe(false)
    }
  })

  it('refuses the camera to other pages and to subframes, file:// included', () => {
    expect(allowPermission({ permission: 'media', url: 'https://example.org/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: 'file:///app/renderer/index.html', isMainFrame: true, mediaTypes: ['video'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: 'app://evil/index.html', isMainFrame: true, mediaTypes: ['video'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: PAGE, isMainFrame: false, mediaTypes: ['video'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: PAGE, mediaTypes: ['video'] })).toBe(false)
  })

  it('answers permission checks the same way: camera for our main frame only', () => {
    expect(allowPermissionCheck({ permission: 'media', origin: 'app://zhengtong', isMainFrame: true, mediaType: 'video' })).toBe(true)
    expect(allowPermissionCheck({ permission: 'media', origin: 'app://zhengtong', isMainFrame: true, mediaType: 'audio' })).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', origin: 'app://zhengtong', isMainFrame: true, mediaType: 'unknown' })).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', origin: 'app://zhengtong', isMainFrame: false, mediaType: 'video' })).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', origin: 'https://evil.example', isMainFrame: true, mediaType: 'video' })).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', origin: 'app://zhengtong', isMainFrame: true, mediaType: 'video', embeddingOrigin: 'https://evil.example' })).toBe(false)
    for (const permission of ['hid', 'serial', 'usb', 'notifications', 'geolocation']) {
      expect(allowPermissionCheck({ permission, origin: 'app://zhengtong', isMainFrame: true }), permission).toBe(false)
    }
  })

  it('grants no device', () => {
    expect(allowDevice()).toBe(false)
  })
})
