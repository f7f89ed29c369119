package calendarbot.fetcher.internal;

import calendarbot.api.model.Validators;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The profile's demo calendar ({@code url = demo:calendar}): meetings placed around the kiosk's "now", plus daily
 * series, so a fresh installation always has something coming up. Made in memory: no file to write at start (a
 * full or read-only data folder must not stop the kiosk), and a fixed kiosk time (CALENDARBOT_TEST_TIME) places the
 * demo around that time, not around the machine's date.
 *
 * <p>The body stays the same, and answers "not modified", while the kiosk's now is within {@link #KEPT} of the
 * moment it was placed around; a countdown does not jump at every refresh.
 */
final class DemoFeed {

    static final String SCHEME = "demo";
    static final Duration KEPT = Duration.ofHours(12);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** One rendering: the moment it is placed around, its bytes and the validators a 304 is decided by. */
    record Body(ZonedDateTime placedAround, byte[] bytes, Validators validators) {
    }

    private Body current;

    /** The demo for a kiosk at {@code now} in {@code zone}: the kept one, or a new one placed around now. */
    synchronized Body at(Instant now, ZoneId zone) {
        Body kept = current;
        if (kept != null && kept.placedAround().getZone().equals(zone)
                && Duration.between(kept.placedAround().toInstant(), now).abs().compareTo(KEPT) < 0) {
            return kept;
        }
        ZonedDateTime around = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        String etag = "\"demo-" + around.toEpochSecond() + "-" + zone.getId() + "\"";
        current = new Body(around, render(around).getBytes(StandardCharsets.UTF_8), new Validators(etag, null));
        return current;
    }

    static String render(ZonedDateTime now) {
        String tz = now.getZone().getId();
        LocalDateTime soon = now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(12);
        LocalDate today = now.toLocalDate();
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        StringBuilder s = new StringBuilder(4096);
        s.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CalendarBot Lite//Demo//EN\r\n")
                .append("X-WR-CALNAME:Demo calendar\r\nX-WR-TIMEZONE:").append(tz).append("\r\n");
        single(s, "demo-soon", "Design review: kiosk layouts", "Room Ada / Teams", tz, soon, 45,
                "https://teams.microsoft.com/l/meetup-join/demo");
        single(s, "demo-later", "Customer call", "Zoom https://zoom.us/j/123456789", tz, soon.plusHours(2), 30, null);
        single(s, "demo-lunch", "Lunch", "Canteen", tz, today.atTime(12, 0), 60, null);
        single(s, "demo-focus", "Focus time", null, tz, soon.plusMinutes(60), 90, null);
        // Series keep the demo alive for as long as the kiosk runs.
        series(s, "demo-standup", "Daily stand-up", "Team corner", tz, monday.atTime(9, 30), 15,
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        series(s, "demo-sync", "Project sync", "Room Grace", tz, monday.atTime(14, 0), 30, "FREQ=DAILY");
        series(s, "demo-evening", "Evening check-in", null, tz, monday.atTime(19, 0), 20, "FREQ=DAILY");
        series(s, "demo-night", "Night shift handover", null, tz, monday.atTime(23, 30), 15, "FREQ=DAILY");
        series(s, "demo-early", "Early sync with Sydney", null, tz, monday.atTime(6, 0), 30, "FREQ=DAILY");
        s.append("BEGIN:VEVENT\r\nUID:demo-allday\r\nSUMMARY:Demo day\r\nDTSTART;VALUE=DATE:")
                .append(DATE.format(today)).append("\r\nDTEND;VALUE=DATE:").append(DATE.format(today.plusDays(1)))
                .append("\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
        s.append("END:VCALENDAR\r\n");
        return s.toString();
    }

    private static void single(StringBuilder s, String uid, String summary, String location, String tz,
            LocalDateTime start, int minutes, String url) {
        event(s, uid, summary, location, tz, start, minutes, null, url);
    }

    private static void series(StringBuilder s, String uid, String summary, String location, String tz,
            LocalDateTime start, int minutes, String rrule) {
        event(s, uid, summary, location, tz, start, minutes, rrule, null);
    }

    private static void event(StringBuilder s, String uid, String summary, String location, String tz,
            LocalDateTime start, int minutes, String rrule, String url) {
        s.append("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\nSUMMARY:").append(summary).append("\r\n");
        if (location != null) {
            s.append("LOCATION:").append(location).append("\r\n");
        }
        s.append("DTSTART;TZID=").append(tz).append(':').append(LOCAL.format(start)).append("\r\n");
        s.append("DTEND;TZID=").append(tz).append(':').append(LOCAL.format(start.plusMinutes(minutes))).append("\r\n");
        if (rrule != null) {
            s.append("RRULE:").append(rrule).append("\r\n");
        }
        if (url != null) {
            s.append("URL:").append(url).append("\r\n");
        }
        s.append("DTSTAMP:20260101T000000Z\r\nEND:VEVENT\r\n");
    }
}
