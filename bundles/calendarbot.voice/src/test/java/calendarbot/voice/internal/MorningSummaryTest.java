package calendarbot.voice.internal;

import static calendarbot.voice.internal.Kiosk.speech;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Occurrence;
import calendarbot.json.JsonReader;
import calendarbot.voice.internal.MorningSummary.Detail;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The morning summary, on calendarbot_lite's own scenarios (asked at 20:00 in Los Angeles) and a few more. */
class MorningSummaryTest {

    private static Kiosk evening() {
        return new Kiosk("America/Los_Angeles", "2025-11-05T20:00");
    }

    private static Map<?, ?> summary(Map<String, Object> answer) {
        return (Map<?, ?>) answer.get("summary");
    }

    private static double equivalents(Map<String, Object> answer) {
        return ((Number) summary(answer).get("total_meetings_equivalent")).doubleValue();
    }

    @Test
    void aLightMorningTomorrow() {
        Kiosk k = evening();
        k.meeting("Morning Standup", "2025-11-06T10:00", 60);
        k.meeting("Client Call", "2025-11-06T14:00", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("Good evening. You have 1 meeting before noon tomorrow. It's a light morning schedule. You have a "
                + "4-hour window starting at 6:00 am. You're also free from 11:00 am to noon. Your first meeting is "
                + "Morning Standup at 10:00 am.", speech(a));
        Map<?, ?> s = summary(a);
        assertEquals("tomorrow_morning", s.get("preview_for"));
        assertEquals(1.0, equivalents(a));
        assertEquals(false, s.get("early_start_flag"));
        assertEquals("light", s.get("density"));
        assertEquals(0L, ((Number) s.get("back_to_back_count")).longValue());
        assertEquals("2025-11-06T06:00:00-08:00", s.get("timeframe_start"));
        assertEquals("2025-11-06T12:00:00-08:00", s.get("timeframe_end"));
        assertTrue(s.containsKey("wake_up_recommendation") && s.get("wake_up_recommendation") == null);
    }

    @Test
    void aDenseMorningWithBackToBackMeetings() {
        Kiosk k = evening();
        k.meeting("Early Morning Standup", "2025-11-06T08:00", 60);
        k.meeting("Client Presentation", "2025-11-06T09:00", 60);
        k.meeting("Team Sync", "2025-11-06T10:00", 60);
        k.meeting("Design Review", "2025-11-06T12:00", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("Good evening. You have 3 meetings before noon tomorrow. It's a moderately busy morning. You have "
                + "2 back-to-back meeting transitions. You have a 2-hour window starting at 6:00 am. You're also free "
                + "from 11:00 am to noon. Your first meeting is Early Morning Standup at 8:00 am.", speech(a));
        assertEquals("moderate", summary(a).get("density"));
        assertEquals(2L, ((Number) summary(a).get("back_to_back_count")).longValue());
        assertEquals(false, summary(a).get("early_start_flag"), "8:00 is not before 8:00");
    }

    @Test
    void anEarlyStartWithAWakeUpTime90MinutesBefore() {
        Kiosk k = evening();
        k.meeting("Early Morning Call", "2025-11-06T07:00", 60);
        k.meeting("Regular Standup", "2025-11-06T10:00", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("Good evening. You start very early tomorrow at 7:00 am, with Early Morning Call. You have 2 "
                + "meetings before noon tomorrow. It's a light morning schedule. You have a 2-hour window starting at "
                + "8:00 am. You're also free from 6:00 am to 7:00 am and from 11:00 am to noon. Plan to be up by "
                + "5:30 am.",
                speech(a));
        assertEquals(true, summary(a).get("early_start_flag"));
        assertEquals("2025-11-06T05:30:00-08:00", summary(a).get("wake_up_recommendation"));

        Kiosk later = evening();
        later.meeting("Breakfast Briefing", "2025-11-06T07:45", 30);
        String s = speech(later.morning(null, null, Detail.NORMAL));
        assertTrue(s.contains("You start early tomorrow at 7:45 am, with Breakfast Briefing."), s);
    }

    @Test
    void aFreeMorning() {
        Kiosk k = evening();
        k.meeting("Afternoon Only", "2025-11-06T13:00", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("Good evening. You have a completely free morning tomorrow until noon. This is a great "
                + "opportunity for deep work or personal time.", speech(a));
        assertEquals(0.0, equivalents(a));
        assertEquals("light", summary(a).get("density"));
    }

    @Test
    void aGivenDateIsNamedByItsDay() {
        Kiosk k = evening();
        k.meeting("Next Week Planning", "2025-11-10T10:00", 60);
        Map<String, Object> a = k.morning(null, "2025-11-10", Detail.NORMAL);
        assertEquals("monday_morning", summary(a).get("preview_for"));
        assertTrue(speech(a).contains("You have 1 meeting before noon on Monday."), speech(a));
        assertTrue(speech(a).contains("Your first meeting is Next Week Planning at 10:00 am."), speech(a));
        assertEquals("2025-11-10T06:00:00-08:00", summary(a).get("timeframe_start"));
    }

    @Test
    void anActionableAllDayEventCountsHalfAMeetingAndABirthdayNothing() {
        Kiosk k = evening();
        k.allDay("Team Offsite", "2025-11-06");
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("Good evening. You have 0.5 meeting equivalents before noon tomorrow. It's a light morning "
                + "schedule. You have a 6-hour window starting at 6:00 am. You also have Team Offsite all day.",
                speech(a));
        assertEquals(0.5, equivalents(a));

        Kiosk birthday = evening();
        birthday.allDay("John's Birthday", "2025-11-06");
        Map<String, Object> b = birthday.morning(null, null, Detail.NORMAL);
        assertEquals(0.0, equivalents(b));
        assertFalse(speech(b).contains("completely free"), "the day is not empty: " + speech(b));
        assertFalse(speech(b).contains("Birthday"), speech(b));
    }

    @Test
    void calendarbotLitesSampleMorning() {
        // its unit test's calendar: 3 meetings, a focus block, an actionable and a non-actionable all-day event,
        // a cancelled meeting: 3.5 equivalents, moderate, an early start, one back-to-back transition
        Kiosk k = evening();
        k.meeting("Early Team Standup", "2025-11-06T07:00", 30);
        k.meeting("Project Sync Meeting with Development Team and Stakeholders", "2025-11-06T09:00", 60);
        k.meeting("Client Review", "2025-11-06T10:00", 60);
        k.meeting("Focus Time - Deep Work", "2025-11-06T11:30", 30);
        k.allDay("Company Conference", "2025-11-06");
        k.allDay("John's Birthday", "2025-11-06");
        k.add(k.event("Cancelled Meeting", "2025-11-06T08:00", 60).status("CANCELLED"));
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals(3.5, equivalents(a));
        assertEquals("moderate", summary(a).get("density"));
        assertEquals(true, summary(a).get("early_start_flag"));
        assertEquals(1L, ((Number) summary(a).get("back_to_back_count")).longValue());
        assertTrue(speech(a).startsWith("Good evening. You start very early tomorrow at 7:00 am"), speech(a));
        assertTrue(speech(a).contains("3.5 meeting equivalents before noon tomorrow"), speech(a));
        assertTrue(speech(a).contains("You also have Company Conference all day."), speech(a));
        // the focus block is busy time: 11:00 to 11:30 is a free block, 11:30 to noon is not
        List<?> blocks = (List<?>) summary(a).get("free_blocks");
        assertEquals(List.of("2025-11-06T06:00:00-08:00", "2025-11-06T07:30:00-08:00", "2025-11-06T11:00:00-08:00"),
                blocks.stream().map(b -> ((Map<?, ?>) b).get("start_time")).toList());
    }

    @Test
    void focusTimeIsNoMeetingButTakesTime() {
        Kiosk k = evening();
        k.meeting("Focus Time", "2025-11-06T09:00", 60);
        k.meeting("Deep Work Session", "2025-11-06T10:30", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals(0.0, equivalents(a));
        assertEquals("Good evening. You have no meetings before noon tomorrow. It's a light morning schedule. You have "
                + "a 3-hour window starting at 6:00 am. You're also free from 10:00 am to 10:30 am and from 11:30 am "
                + "to noon.", speech(a));
    }

    @Test
    void backToBackIsAGapOf15MinutesOrLess() {
        Kiosk k = evening();
        k.meeting("A", "2025-11-06T09:00", 30);
        k.meeting("B", "2025-11-06T09:45", 30); // 15 minutes after A
        k.meeting("C", "2025-11-06T10:31", 30); // 16 minutes after B
        k.meeting("D", "2025-11-06T10:45", 30); // overlaps C
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals(2L, ((Number) summary(a).get("back_to_back_count")).longValue());
    }

    @Test
    void fiveMeetingsAreABusyMorning() {
        Kiosk k = evening();
        for (int h = 7; h <= 11; h++) {
            k.meeting("Meeting " + h, "2025-11-06T" + (h < 10 ? "0" : "") + h + ":00", 45);
        }
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("busy", summary(a).get("density"));
        assertTrue(speech(a).contains("It's a busy morning, but you've got this."), speech(a));
        assertEquals(4L, ((Number) summary(a).get("back_to_back_count")).longValue(), "15 minutes apart each");
    }

    @Test
    void beforeNoonItIsThisMorningFromNoonTomorrows() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2025-11-05T06:30");
        k.meeting("Today's Standup", "2025-11-05T09:00", 15);
        k.meeting("Tomorrow's Standup", "2025-11-06T09:30", 15);
        Map<String, Object> morning = k.morning(null, null, Detail.NORMAL);
        assertEquals("today_morning", summary(morning).get("preview_for"));
        assertTrue(speech(morning).startsWith("Good morning. You have 1 meeting before noon today."), speech(morning));
        assertTrue(speech(morning).contains("Today's Standup"), speech(morning));

        k.nowAt("2025-11-05T11:59:59");
        assertEquals("today_morning", summary(k.morning(null, null, Detail.NORMAL)).get("preview_for"));
        k.nowAt("2025-11-05T12:00");
        Map<String, Object> noon = k.morning(null, null, Detail.NORMAL);
        assertEquals("tomorrow_morning", summary(noon).get("preview_for"));
        assertTrue(speech(noon).startsWith("Good afternoon."), speech(noon));
        assertTrue(speech(noon).contains("Tomorrow's Standup at 9:30 am"), speech(noon));
    }

    @Test
    void theMorningIsTheAskedZones() {
        Kiosk k = evening(); // 20:00 in Los Angeles is 05:00 on the 6th in Berlin: "this morning" there
        k.meeting("Berlin Standup", "2025-11-06T00:30", 30); // 9:30 in Berlin
        Map<String, Object> a = k.morning("Europe/Berlin", null, Detail.NORMAL);
        assertEquals("today_morning", summary(a).get("preview_for"));
        assertEquals("2025-11-06T06:00:00+01:00", summary(a).get("timeframe_start"));
        assertTrue(speech(a).contains("Your first meeting is Berlin Standup at 9:30 am."), speech(a));
    }

    @Test
    void aMorningOnADaylightSavingDay() {
        Kiosk k = new Kiosk("America/Los_Angeles", "2026-03-07T21:00"); // the clocks go forward at 2:00 tonight
        k.meeting("Sunday Review", "2026-03-08T07:00", 60);
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals("2026-03-08T06:00:00-07:00", summary(a).get("timeframe_start"));
        assertEquals("2026-03-08T05:30:00-07:00", summary(a).get("wake_up_recommendation"));
        assertTrue(speech(a).contains("You start very early tomorrow at 7:00 am"), speech(a));
    }

    @Test
    void skippedAndDeclinedMeetingsAreLeftOutAsOnTheWall() {
        Kiosk k = evening();
        Occurrence skipped = k.meeting("Skipped Standup", "2025-11-06T07:00", 30);
        k.add(k.event("Declined Review", "2025-11-06T08:00", 30).myPartStat("DECLINED"));
        k.meeting("Kept Meeting", "2025-11-06T10:00", 30);
        k.skips.skip(skipped.id());
        Map<String, Object> a = k.morning(null, null, Detail.NORMAL);
        assertEquals(1.0, equivalents(a));
        assertEquals(false, summary(a).get("early_start_flag"));
    }

    @Test
    void detailLevels() {
        Kiosk k = evening();
        k.meeting("Morning Standup", "2025-11-06T09:00", 30);
        k.meeting("Design Review", "2025-11-06T10:00", 60);
        assertEquals("Good evening. You have 2 meetings before noon tomorrow. Your first meeting is Morning Standup at "
                + "9:00 am.", speech(k.morning(null, null, Detail.BRIEF)));
        String detailed = speech(k.morning(null, null, Detail.DETAILED));
        assertTrue(detailed.endsWith("Your meetings are Morning Standup at 9:00 am and Design Review at 10:00 am."),
                detailed);
        assertEquals(detailed, speech(k.morning(null, null, Detail.VERBOSE)));
    }

    @Test
    void atMostMaxEventsAreLookedAt() {
        Kiosk k = evening();
        for (int i = 0; i < 10; i++) {
            k.meeting("M" + i, "2025-11-06T" + String.format("%02d:%02d", 6 + i / 2, i % 2 * 30), 20);
        }
        String json = MorningSummary.render(k.agenda(),
                new MorningSummary.Request(null, ZoneId.of("America/Los_Angeles"), Detail.NORMAL, 3, false));
        assertEquals(3.0, ((Number) JsonReader.at(JsonReader.parse(json), "summary", "total_meetings_equivalent"))
                .doubleValue());
    }

    @Test
    void ssmlIsValidAndSaysTheSameAsTheText() throws Exception {
        Kiosk k = evening();
        k.meeting("R&D <sync>", "2025-11-06T07:00", 60);
        k.allDay("Q4 \"Offsite\"", "2025-11-06");
        String json = MorningSummary.render(k.agenda(), new MorningSummary.Request(LocalDate.parse("2025-11-06"),
                ZoneId.of("America/Los_Angeles"), Detail.VERBOSE, 50, true));
        Map<String, Object> a = JsonReader.parseObject(json);
        String ssml = String.valueOf(a.get("ssml"));
        UtteranceTest.assertValidSsml(ssml);
        assertEquals(speech(a), UtteranceTest.parse(ssml).getDocumentElement().getTextContent());
        assertNull(JsonReader.parseObject(MorningSummary.render(k.agenda(), new MorningSummary.Request(null,
                ZoneId.of("UTC"), Detail.NORMAL, 50, false))).get("ssml"));
    }

    @Test
    void totals() {
        assertEquals("no meetings", MorningSummary.total(0, 0));
        assertEquals("1 meeting", MorningSummary.total(1, 1));
        assertEquals("4 meetings", MorningSummary.total(4, 4));
        assertEquals("2.5 meeting equivalents", MorningSummary.total(2, 2.5));
        assertEquals("3 meeting equivalents", MorningSummary.total(2, 3));
    }
}
