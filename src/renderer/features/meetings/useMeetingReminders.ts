// 会前提醒: the day before and a quarter of an hour before each of the user's confirmed meetings,
// an OS notification (through the host) and a note in the window — once each, across restarts.
import { App as AntApp } from 'antd'
import { useEffect } from 'react'
import { dueReminders } from '../../../core/meeting/calendar'
import { UI } from '../../../core/messages/ui'
import { formatDateTime } from '../../../core/text/formatDate'
import { host } from '../../platform/host'
import { useEngine, useMyMeetings, useVenues } from '../../sync/hooks'

const CHECK_EVERY_MS = 30_000
const REMINDER_SHOWN_S = 12

export function useMeetingReminders(): void {
  const engine = useEngine()
  const meetings = useMyMeetings()
  const venues = useVenues()
  const { notification } = AntApp.useApp()
  useEffect(() => {
    const storeKey = `zt-reminded-${engine.session.user.id}`
    const check = (): void => {
      const given = new Set<string>(JSON.parse(localStorage.getItem(storeKey) ?? '[]') as string[])
      const due = dueReminders(meetings, new Date(), given)
      if (due.length === 0) return
      for (const r of due) {
        const place = venues.rooms[r.booking.roomId]?.name ?? ''
        const body = UI.meetings.reminderBody(r.booking.title, formatDateTime(new Date(r.booking.start)), place)
        // closes by itself and sits low on the right, clear of the header and its search box
        notification.info({ title: UI.meetings.reminderTitle(r.leadMin), description: body, duration: REMINDER_SHOWN_S, placement: 'bottomRight', key: r.key })
        void host['notify.show']({ title: UI.meetings.reminderTitle(r.leadMin), body }).catch(() => undefined)
        given.add(r.key)
      }
      // keep the last few hundred keys: enough to cover every meeting still ahead
      localStorage.setItem(storeKey, JSON.stringify([...given].slice(-500)))
    }
    check()
    const timer = setInterval(check, CHECK_EVERY_MS)
    return () => clearInterval(timer)
  }, [meetings, venues, engine, notification])
}
