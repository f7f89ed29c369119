package calendarbot.display.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words and numbers of the whats-next layout (calendarbot.js's formatters), for a picture redrawn once a minute:
 * the countdown in minutes ("10 min", "1 h 05 min", "2 days 3 h") as the layout shows it on e-ink, times in 24 hours,
 * days as "Tue, Nov 24".
 */
final class Wording {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);

    private Wording() {
    }

    /** calendarbot.js formatCountdown(seconds, "minutes"): whole minutes rounded up, "now" at or after zero. */
    static String countdown(long seconds) {
        if (seconds <= 0) {
            return "now";
        }
        long m = (seconds + 59) / 60;
        // no-break spaces: "10 min" never wraps between the number and its unit
        if (m < 60) {
            return m + "\u00a0min";
        }
        if (m < 24 * 60) {
            return m / 60 + "\u00a0h " + (m % 60 < 10 ? "0" : "") + m % 60 + "\u00a0min";
        }
        long days = m / (24 * 60);
        long hours = m % (24 * 60) / 60;
        return days + (days == 1 ? "\u00a0day" : "\u00a0days") + (hours > 0 ? " " + hours + "\u00a0h" : "");
    }

    /** calendarbot.js formatAge: "under a minute", "4 min", "3 h", "2 days". */
    static String age(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return "under a minute";
        }
        if (s < 90 * 60) {
            return s / 60 + " min";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h";
        }
        return s / 86400 + " days";
    }

    static String time(long epochSecond, ZoneId zone) {
        return TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone));
    }

    static String day(long epochSecond, ZoneId zone) {
        return DAY.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone));
    }

    /**
     * calendarbot.js formatRange: "08:00 – 08:30"; "Tomorrow 08:00 – 08:30" or "Wed, Nov 25, 08:00 – 09:30" when the
     * meeting is not today; the end's day too when it ends on another day (a meeting ending at midnight ends "today").
     */
    static String range(long start, long end, long now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(now), zone);
        LocalDate startDay = LocalDate.ofInstant(Instant.ofEpochSecond(start), zone);
        String prefix = startDay.equals(today) ? "" : startDay.equals(today.plusDays(1)) ? "Tomorrow "
                : day(start, zone) + ", ";
        String text = prefix + time(start, zone);
        if (end > start) {
            LocalDate endDay = LocalDate.ofInstant(Instant.ofEpochSecond(end - 1), zone);
            text += " \u2013 " + (endDay.equals(startDay) ? "" : day(end, zone) + ", ") + time(end, zone);
        }
        return text;
    }
}
