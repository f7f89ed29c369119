package calendarbot.voice.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Times, durations and days as Alexa should say them, in calendarbot_lite's words: "9:30 am" (its
 * format_time_cross_platform), "in 1 hour and 5 minutes" (its _format_duration_spoken), and "tomorrow at 9:00 am"
 * for a meeting on another day.
 */
final class Spoken {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
    /** A meeting on the next day this close is "at 12:10 am", not "tomorrow at 12:10 am". */
    static final long NEAR_SECONDS = 6 * 3600;

    private Spoken() {
    }

    /** "9:30 am", "2:05 pm", "noon", "midnight": the wall-clock time of {@code epochSecond} in {@code zone}. */
    static String time(long epochSecond, ZoneId zone) {
        return time(Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalTime());
    }

    static String time(LocalTime t) {
        if (t.getHour() == 12 && t.getMinute() == 0) {
            return "noon";
        }
        if (t.getHour() == 0 && t.getMinute() == 0) {
            return "midnight";
        }
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return hour + ":" + (t.getMinute() < 10 ? "0" : "") + t.getMinute() + (t.getHour() < 12 ? " am" : " pm");
    }

    /**
     * How long until something, as calendarbot_lite says it: "in 45 seconds", "in 1 minute", "in 1 hour and 5
     * minutes", "in 2 hours". Minutes are whole (rounded down). Beyond a day: "in 2 days and 3 hours". Zero is
     * "now"; a negative time "in the past".
     */
    static String duration(long seconds) {
        if (seconds < 0) {
            return "in the past";
        }
        if (seconds == 0) {
            return "now";
        }
        if (seconds < 60) {
            return "in " + count(seconds, "second");
        }
        if (seconds < 3600) {
            return "in " + count(seconds / 60, "minute");
        }
        if (seconds < 86400) {
            return "in " + pair(seconds / 3600, "hour", seconds % 3600 / 60, "minute");
        }
        return "in " + pair(seconds / 86400, "day", seconds % 86400 / 3600, "hour");
    }

    /** A block of free time as an adjective, calendarbot_lite's get_spoken_duration: "45-minute", "one-hour". */
    static String blockLength(long minutes) {
        if (minutes < 60) {
            return minutes + "-minute";
        }
        if (minutes == 60) {
            return "one-hour";
        }
        return minutes % 60 == 0 ? minutes / 60 + "-hour" : minutes / 60 + "-hour " + minutes % 60 + "-minute";
    }

    /**
     * When something starts, relative to {@code now}, both in {@code zone}: "at 9:30 am" today (or on the next day
     * within six hours), "tomorrow at 9:30 am", "on Monday at 9:30 am" within a week, else "on Monday, November 10
     * at 9:30 am".
     */
    static String when(long epochSecond, Instant now, ZoneId zone) {
        ZonedDateTime at = Instant.ofEpochSecond(epochSecond).atZone(zone);
        LocalDate today = LocalDate.ofInstant(now, zone);
        long days = ChronoUnit.DAYS.between(today, at.toLocalDate());
        String time = time(at.toLocalTime());
        if (days <= 0 || days == 1 && epochSecond - now.getEpochSecond() < NEAR_SECONDS) {
            return "at " + time;
        }
        if (days == 1) {
            return "tomorrow at " + time;
        }
        if (days < 7) {
            return "on " + at.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US) + " at " + time;
        }
        return "on " + DATE.format(at) + " at " + time;
    }

    static String dayName(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
    }

    /** "A", "A and B", "A, B and C". */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A subject as it is said: trimmed, an empty one as "an untitled meeting". */
    static String subject(String summary) {
        return summary == null || summary.isBlank() ? "an untitled meeting" : summary.trim();
    }

    /** calendarbot_lite's get_short_subject: the first six words. */
    static String shortSubject(String summary) {
        String s = subject(summary);
        String[] words = s.split("\\s+");
        return words.length <= 6 ? s : String.join(" ", List.of(words).subList(0, 6));
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? count(major, majorUnit) : count(major, majorUnit) + " and " + count(minor, minorUnit);
    }
}
