package calendarbot.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The bundled demo calendar: meetings placed relative to the moment the kiosk starts, plus daily series, so
 * a fresh installation always has something coming up. Written at every start (the demo source reads it).
 */
public final class DemoCalendar {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private DemoCalendar() {
    }

    public static void write(Path file, ZonedDateTime now) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(render(now));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
