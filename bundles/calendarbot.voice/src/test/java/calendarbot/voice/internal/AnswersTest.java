package calendarbot.voice.internal;

import static calendarbot.voice.internal.Kiosk.speech;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Occurrence;
import calendarbot.json.JsonReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The phrasing of next-meeting, time-until-next, done-for-day and the launch summary. */
class AnswersTest {

    /** calendarbot_lite's multiple-meetings-today calendar: 10:00, 12:00, 14:00 and 16:00-17:00 in Los Angeles. */
    private static Kiosk busyDay(String localNow) {
        Kiosk k = new Kiosk("America/Los_Angeles", localNow);
        k.meeting("Team Standup", "2025-11-05T10:00", 30);
        k.meeting("Lunch Meeting", "2025-11-05T12:00", 60);
        k.meeting("Project Review", "2025-11-05T14:00", 60);
        k.meeting("End of Day Sync", "2025-11-05T16:00", 60);
        return k;
    }

    @Test
    void nextMeetingSaysWhoWhenAndWhere() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        k.add(k.event("Team Standup", "2025-11-05T10:05", 30).location("Conference Room A"));
        Map<String, Object> a = k.nextMeeting(null);
        assertEquals("Your next meeting is Team Standup in 2 hours and 5 minutes, at 10:05 am, in Conference Room A.",
                speech(a));
        Map<?, ?> m = (Map<?, ?>) a.get("meeting");
        assertEquals("Team Standup", m.get("subject"));
        assertEquals("2025-11-05T18:05:00Z", m.get("start_iso"));
        assertEquals(7500L, ((Number) m.get("seconds_until_start")).longValue());
        assertEquals("in 2 hours and 5 minutes", m.get("duration_spoken"));
        assertEquals("Conference Room A", m.get("location"));
        assertEquals(false, m.get("is_online_meeting"));
        assertEquals(speech(a), m.get("speech_text"));
        assertNull(a.get("ssml"), "SSML only when asked for");
    }

    @Test
    void anOnlineMeetingSecondsAwayAndOneStartingNow() {
        Kiosk k = new Kiosk("Europe/Berlin", "2026-02-10T08:59:15");
        k.add(k.event("Daily", "2026-02-10T09:00", 15).onlineMeetingUrl("https://teams.microsoft.com/l/x"));
        assertEquals("Your next meeting is Daily in 45 seconds, at 9:00 am, online.", speech(k.nextMeeting(null)));
        assertEquals("Your next meeting is in 45 seconds: Daily, at 9:00 am.", speech(k.timeUntil(null)));
        k.nowAt("2026-02-10T09:00");
        assertEquals("Your next meeting, Daily, is starting now, online.", speech(k.nextMeeting(null)));
        assertEquals("Your next meeting, Daily, is starting now.", speech(k.timeUntil(null)));
        assertEquals(0L, ((Number) k.timeUntil(null).get("seconds_until_start")).longValue());
    }

    @Test
    void nothingComingUp() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        Map<String, Object> next = k.nextMeeting(null);
        assertTrue(next.containsKey("meeting") && next.get("meeting") == null);
        assertEquals("You have no upcoming meetings.", speech(next));
        Map<String, Object> until = k.timeUntil(null);
        assertTrue(until.containsKey("seconds_until_start") && until.get("seconds_until_start") == null);
        assertEquals("", until.get("duration_spoken"));
        assertEquals("You have no upcoming meetings.", speech(until));
        Map<String, Object> done = k.doneForDay(null);
        assertEquals(false, done.get("has_meetings_today"));
        assertEquals("You have no meetings today.", speech(done));
        Map<String, Object> launch = k.launch(null);
        assertEquals("No meetings today, and you have no upcoming meetings.", speech(launch));
        assertNull(launch.get("next_meeting"));
    }

    @Test
    void aMeetingOnAnotherDayIsNamedByItsDay() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        k.meeting("Future Meeting", "2025-11-10T10:00", 60);
        assertEquals("Your next meeting is Future Meeting in 5 days and 2 hours, on Monday at 10:00 am.",
                speech(k.nextMeeting(null)));
        Map<String, Object> launch = k.launch(null);
        assertEquals(false, launch.get("has_meetings_today"));
        assertEquals("No meetings today, you're free until Future Meeting on Monday at 10:00 am.", speech(launch));
        assertEquals("Future Meeting", ((Map<?, ?>) launch.get("next_meeting")).get("subject"));
    }

    @Test
    void doneForDayBeforeDuringAndAfterTheDaysMeetings() {
        for (String early : new String[] { "2025-11-05T06:00", "2025-11-05T09:00", "2025-11-05T11:00" }) {
            Map<String, Object> a = busyDay(early).doneForDay(null);
            assertEquals(true, a.get("has_meetings_today"));
            assertEquals("You'll be done for the day at 5:00 pm, when End of Day Sync ends.", speech(a), early);
            assertEquals("2025-11-06T00:00:00Z", a.get("last_meeting_start_iso"));
            assertEquals("2025-11-06T01:00:00Z", a.get("last_meeting_end_iso"));
            assertEquals("2025-11-05T17:00:00-08:00", a.get("last_meeting_end_local_iso"));
            assertEquals("America/Los_Angeles", a.get("tz"));
            assertEquals(Map.of("title", "Done for the Day", "content", speech(a)), a.get("card"));
            assertTrue(a.containsKey("note"));
        }
        Map<String, Object> after = busyDay("2025-11-05T18:00").doneForDay(null);
        assertEquals(true, after.get("has_meetings_today"));
        assertEquals("You're done for the day: your last meeting today ended at 5:00 pm.", speech(after));
        assertEquals("2025-11-06T02:00:00Z", after.get("now_iso"));
    }

    @Test
    void launchSummaryThroughTheDay() {
        assertEquals("Your next meeting is Team Standup in 2 hours, at 10:00 am. You'll be done for the day at "
                + "5:00 pm.",
                speech(busyDay("2025-11-05T08:00").launch(null)));
        Map<String, Object> evening = busyDay("2025-11-05T18:00").launch(null);
        assertEquals("You're done for the day: your last meeting today ended at 5:00 pm.", speech(evening));
        assertEquals(true, evening.get("has_meetings_today"));
        Map<?, ?> done = (Map<?, ?>) evening.get("done_for_day");
        assertEquals(true, done.get("has_meetings_today"));
        assertEquals("2025-11-06T01:00:00Z", done.get("last_meeting_end_iso"));
    }

    @Test
    void aMeetingInProgressIsSaidFirst() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T10:15");
        k.meeting("Current Meeting", "2025-11-05T10:00", 60);
        k.meeting("Afternoon Meeting", "2025-11-05T13:00", 60);
        Map<String, Object> a = k.launch(null);
        assertEquals("You're currently in Current Meeting until 11:00 am. After that, your next meeting is "
                + "Afternoon Meeting in 2 hours and 45 minutes, at 1:00 pm. You'll be done for the day at 2:00 pm.",
                speech(a));
        assertEquals("Afternoon Meeting", ((Map<?, ?>) a.get("next_meeting")).get("subject"));
        assertEquals("Current Meeting", ((Map<?, ?>) a.get("current_meeting")).get("subject"));
        assertEquals(2700L, ((Number) ((Map<?, ?>) a.get("current_meeting")).get("seconds_until_end")).longValue());

        k.nowAt("2025-11-05T13:30");
        assertEquals("You're currently in Afternoon Meeting until 2:00 pm. That's your last meeting today, so you'll "
                + "be done for the day at 2:00 pm.", speech(k.launch(null)));
        // next-meeting skips the one in progress, as calendarbot_lite and the wall do
        assertEquals("You have no upcoming meetings.", speech(k.nextMeeting(null)));
    }

    @Test
    void allDayEventsAreNamedAndCountAsTodaysCalendar() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        k.allDay("Company Holiday", "2025-11-05");
        Map<String, Object> launch = k.launch(null);
        assertEquals(true, launch.get("has_meetings_today"));
        assertEquals("You have Company Holiday all day today, and no meetings.", speech(launch));
        Map<String, Object> done = k.doneForDay(null);
        assertEquals(true, done.get("has_meetings_today"));
        assertEquals("You have Company Holiday all day today, and no meetings.", speech(done));
        assertNull(done.get("last_meeting_end_iso"), "an all-day event does not end a working day at midnight");

        k.meeting("Team Standup", "2025-11-05T10:00", 30);
        assertEquals("Your next meeting is Team Standup in 2 hours, at 10:00 am. You also have Company Holiday all "
                + "day today. You'll be done for the day at 10:30 am.", speech(k.launch(null)));
        // asked from Tokyo, where it is already the 6th: the holiday is a date, not 24 hours of Los Angeles time
        Map<String, Object> tokyo = k.doneForDay("Asia/Tokyo");
        assertFalse(speech(tokyo).contains("Company Holiday"), speech(tokyo));
    }

    @Test
    void withoutTzTheKiosksZoneIsUsedNotUtc() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T09:00");
        k.meeting("Evening Review", "2025-11-05T17:30", 30); // 01:30 UTC on the 6th
        Map<String, Object> a = k.doneForDay(null);
        assertEquals(true, a.get("has_meetings_today"));
        assertEquals("You'll be done for the day at 6:00 pm, when Evening Review ends.", speech(a));
        assertEquals("America/Los_Angeles", a.get("tz"));
        // in UTC the same meeting is tomorrow's
        Map<String, Object> utc = k.doneForDay("UTC");
        assertEquals(false, utc.get("has_meetings_today"));
        assertEquals("UTC", utc.get("tz"));
    }

    @Test
    void timesAndTodayFollowTheAskedZone() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        k.meeting("Executive Meeting", "2025-11-05T12:00", 60); // 20:00 UTC, 3 pm in New York
        Map<String, Object> ny = k.launch("America/New_York");
        assertEquals(true, ny.get("has_meetings_today"));
        assertEquals("Your next meeting is Executive Meeting in 4 hours, at 3:00 pm. You'll be done for the day at "
                + "4:00 pm.", speech(ny));
        assertEquals("2025-11-05T16:00:00-05:00",
                ((Map<?, ?>) ny.get("done_for_day")).get("last_meeting_end_local_iso"));
        assertEquals("Your next meeting is Executive Meeting in 4 hours, at 9:00 pm.",
                speech(k.nextMeeting("Europe/Berlin")));
    }

    @Test
    void daylightSavingDays() {
        // 2026-03-08: clocks in Los Angeles go from 2:00 to 3:00; 1:30 to 3:30 is one hour
        Kiosk spring = new Kiosk("America/Los_Angeles", "2026-03-08T01:30");
        spring.meeting("Early Call", "2026-03-08T03:30", 30);
        spring.meeting("Late Call", "2026-03-08T23:30", 20);
        assertEquals("Your next meeting is Early Call in 1 hour, at 3:30 am.", speech(spring.nextMeeting(null)));
        assertEquals("You'll be done for the day at 11:50 pm, when Late Call ends.", speech(spring.doneForDay(null)));
        assertEquals("2026-03-08T23:50:00-07:00", spring.doneForDay(null).get("last_meeting_end_local_iso"));

        // 2026-11-01: 2:00 becomes 1:00 again; from 0:30 to 9:00 is nine hours
        Kiosk fall = new Kiosk("America/Los_Angeles", "2026-11-01T00:30");
        fall.meeting("Brunch Planning", "2026-11-01T09:00", 30);
        assertEquals("Your next meeting is Brunch Planning in 9 hours and 30 minutes, at 9:00 am.",
                speech(fall.nextMeeting(null)));
    }

    @Test
    void aroundMidnight() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T23:50");
        k.meeting("Standup", "2025-11-05T09:00", 15);
        k.meeting("APAC Sync", "2025-11-06T00:10", 30);
        assertEquals("Your next meeting is APAC Sync in 20 minutes, at 12:10 am.", speech(k.nextMeeting(null)));
        // the 00:10 call is tomorrow's: today is done
        assertEquals("You're done for the day: your last meeting today ended at 9:15 am.", speech(k.doneForDay(null)));

        k.nowAt("2025-11-06T00:20");
        Map<String, Object> a = k.launch(null);
        assertEquals("You're currently in APAC Sync until 12:40 am. That's your last meeting today, so you'll be done "
                + "for the day at 12:40 am.", speech(a));
        assertEquals(true, a.get("has_meetings_today"));

        Kiosk late = new Kiosk("America/Los_Angeles", "2025-11-06T00:05");
        late.meeting("Release Night", "2025-11-05T23:30", 60);
        Map<String, Object> spanning = late.launch(null);
        assertEquals(true, spanning.get("has_meetings_today"), "a meeting still on after midnight belongs to today");
        assertEquals("You're currently in Release Night until 12:30 am. That's your last meeting today, so you'll "
                + "be done for the day at 12:30 am.", speech(spanning));
    }

    @Test
    void skippedDeclinedFreeAndFocusTimeAreNeverNextJustAsOnTheWall() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
        Occurrence skipped = k.meeting("Skipped Sync", "2025-11-05T09:00", 30);
        k.add(k.event("Declined Review", "2025-11-05T09:30", 30).myPartStat("DECLINED"));
        k.add(k.event("Gym", "2025-11-05T09:45", 30).transp("TRANSPARENT"));
        k.add(k.event("Cancelled Retro", "2025-11-05T09:50", 30).status("CANCELLED"));
        k.meeting("Focus Time: design doc", "2025-11-05T10:00", 60);
        k.meeting("Customer Call", "2025-11-05T11:00", 30);
        k.skips.skip(skipped.id());

        String wall = k.selector().whatsNext(k.store, k.now.instant()).next().event().summary();
        assertEquals("Customer Call", wall);
        assertEquals("Your next meeting is Customer Call in 3 hours, at 11:00 am.", speech(k.nextMeeting(null)));
        assertEquals("Customer Call", ((Map<?, ?>) k.launch(null).get("next_meeting")).get("subject"));
        assertEquals("Your next meeting is in 3 hours: Customer Call, at 11:00 am.", speech(k.timeUntil(null)));
        Map<String, Object> done = k.doneForDay(null);
        assertEquals(1L, ((Number) done.get("meeting_count")).longValue(), "only the customer call is a meeting");
        assertEquals("You'll be done for the day at 11:30 am, when Customer Call ends.", speech(done));

        k.skips.unskip(skipped.id());
        assertEquals("Skipped Sync", ((Map<?, ?>) k.nextMeeting(null).get("meeting")).get("subject"));
    }

    @Test
    void lunchGivesWayAsOnTheWall() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T11:00");
        k.meeting("Lunch", "2025-11-05T12:00", 60);
        k.meeting("Design Review", "2025-11-05T12:15", 30);
        String wall = k.selector().whatsNext(k.store, k.now.instant()).next().event().summary();
        assertEquals("Design Review", wall);
        assertEquals("Design Review", ((Map<?, ?>) k.nextMeeting(null).get("meeting")).get("subject"));
    }

    @Test
    void everyAnswerHasValidSsmlWhenAsked() throws Exception {
        Kiosk k = busyDay("2025-11-05T10:15");
        k.meeting("R&D <sync>", "2025-11-05T15:00", 30);
        k.allDay("Q4 \"Offsite\" & Party", "2025-11-05");
        for (String json : new String[] { Answers.nextMeeting(k.question(null, true)),
                Answers.timeUntilNext(k.question(null, true)), Answers.doneForDay(k.question(null, true)),
                Answers.launchSummary(k.question(null, true)) }) {
            Map<String, Object> a = JsonReader.parseObject(json);
            String ssml = String.valueOf(a.get("ssml"));
            UtteranceTest.assertValidSsml(ssml);
            assertEquals(speech(a), UtteranceTest.parse(ssml).getDocumentElement().getTextContent(),
                    "the SSML says what speech_text says");
        }
        String launch = speech(k.launch(null));
        assertTrue(launch.contains("Q4 \"Offsite\" & Party"), launch);
    }
}
