// Building blocks for command payload schemas: bounded text, user ids, and dates that are real
// calendar dates (zod's ISO formats check month lengths and leap years, so 2027-02-30 is refused
// instead of rolling over to 3 March).
import * as z from 'zod'

export const text = (max: number) => z.string().max(max)
/** text that must say something */
export const said = (max: number) => z.string().trim().min(1).max(max)
export const userId = z.string().min(1).max(64)
export const userIds = (max: number) => z.array(userId).max(max)
/** a day, YYYY-MM-DD, that exists in the calendar */
export const calendarDay = z.iso.date()
/** an instant with its offset, whose date and time exist */
export const instant = z.iso.datetime({ offset: true })
