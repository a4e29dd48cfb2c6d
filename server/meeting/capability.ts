// The 办会 capability on the server: rooms and bookings, replies, check-in, minute-takers, minutes
// and follow-up tasks.
import type { Capability } from '../commands/ruleContract'
import { VENUE_COMMAND_TYPES, checkinRule, minutesRule, replyRule, takersRule, taskDoneRule, taskRule, venueRule } from './meetingRules'

export const meetingCapability: Capability = {
  name: 'meeting',
  rules: [
    [VENUE_COMMAND_TYPES, venueRule],
    [['meeting.reply'], replyRule],
    [['meeting.checkin'], checkinRule],
    [['meeting.takers'], takersRule],
    [['meeting.minutes'], minutesRule],
    [['meeting.task'], taskRule],
    [['meeting.done'], taskDoneRule],
  ],
}
