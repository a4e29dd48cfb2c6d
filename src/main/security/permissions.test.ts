import { describe, expect, it } from 'vitest'
import { allowPermission } from './permissions'

describe('window permissions', () => {
  it('lets the app page use the camera for 扫码签到 and nothing else', () => {
    expect(allowPermission({ permission: 'media', url: 'file:///app/renderer/index.html', mediaTypes: ['video'] })).toBe(true)
    expect(allowPermission({ permission: 'media', url: 'file:///app/renderer/index.html', mediaTypes: ['video', 'audio'] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: 'file:///app/renderer/index.html', mediaTypes: [] })).toBe(false)
    expect(allowPermission({ permission: 'media', url: 'https://example.org/', mediaTypes: ['video'] })).toBe(false)
    expect(allowPermission({ permission: 'geolocation', url: 'file:///app/renderer/index.html' })).toBe(false)
  })
})
