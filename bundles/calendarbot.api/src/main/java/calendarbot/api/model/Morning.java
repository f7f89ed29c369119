package calendarbot.api.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One morning (06:00 to noon) as calendarbot_lite's morning summary sees it; each answer words it its own way.
 *
 * @param day the morning's date
 * @param start 06:00 of {@code day}, epoch seconds
 * @param end noon of {@code day}, epoch seconds
 * @param meetings the timed meetings overlapping the morning, by start
 * @param focusTime timed blocks that are no meeting only for a skip keyword: never counted, but not free either
 * @param allDay the actionable all-day events (not a birthday, holiday, vacation, day off or anniversary)
 * @param anyEvents true when any event was looked at (a meeting, focus time, any all-day event)
 * @param meetingEquivalents a meeting counts 1, an actionable all-day event 0.5
 * @param density from {@code meetingEquivalents}
 * @param earlyStart the first meeting starts before 08:00
 * @param veryEarlyStart the first meeting starts before 07:30
 * @param wakeUp 90 minutes before an early first meeting, epoch seconds; null without an early start
 * @param freeBlocks gaps of 30 minutes or more between busy blocks (meetings and focus time), in order
 * @param backToBack meetings starting at most 15 minutes after the ones before them end (overlapping ones too)
 */
public record Morning(LocalDate day, long start, long end, List<Occurrence> meetings, List<Occurrence> focusTime,
        List<Occurrence> allDay, boolean anyEvents, double meetingEquivalents, Density density, boolean earlyStart,
        boolean veryEarlyStart, Long wakeUp, List<FreeBlock> freeBlocks, int backToBack) {

    public Morning {
        meetings = List.copyOf(meetings);
        focusTime = List.copyOf(focusTime);
        allDay = List.copyOf(allDay);
        freeBlocks = List.copyOf(freeBlocks);
    }

    /** calendarbot_lite's density: light up to 2 meeting equivalents, moderate up to 4, busy beyond. */
    public enum Density {
        LIGHT, MODERATE, BUSY;

        public static Density of(double meetingEquivalents) {
            return meetingEquivalents <= 2 ? LIGHT : meetingEquivalents <= 4 ? MODERATE : BUSY;
        }

        /** "light", "moderate", "busy", as calendarbot_lite's answers write it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A free span of the morning, epoch seconds. */
    public record FreeBlock(long start, long end) {

        public long minutes() {
            return (end - start) / 60;
        }
    }

    /** The longest free block (the first of equally long ones), or null. */
    public FreeBlock longestFreeBlock() {
        return freeBlocks.stream().max(Comparator.comparingLong(b -> b.end() - b.start())).orElse(null);
    }

    /** The first meeting, or null. */
    public Occurrence firstMeeting() {
        return meetings.isEmpty() ? null : meetings.get(0);
    }
}
