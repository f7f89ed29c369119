package calendarbot.parser.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic feed of any size: an Exchange/Outlook-published calendar mixed with
 * Google-style events. Windows zone names and a "Customized Time Zone" VTIMEZONE, descriptions with
 * Teams/Meet links and multi-byte characters folded at 75 octets wherever that falls (also inside a
 * character, as Outlook does), ~15% recurring series with EXDATEs and overrides, all-day events, VALARMs,
 * attendees, X-ALT-DESC HTML, X-MICROSOFT-CDO-* noise.
 */
final class FeedGenerator {

    static final String ME = "kiosk.owner@example.com";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String[] ZONES = {"W. Europe Standard Time", "Pacific Standard Time",
        "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Customized Time Zone", "Europe/London"};
    private static final String[] SMALL_ZONES = {"Customized Time Zone", "", "W. Europe Standard Time",
        "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Pacific Standard Time"};
    private static final String[] TITLES = {"Wöchentliches Team-Meeting", "1:1 Anna / Jörg", "Sprint-Review 🚀",
        "Kundentermin – Café Zürich", "Architektur-Runde (Ω-Projekt)", "Budgetplanung Q3", "日本チームとの定例会議",
        "Lunch & Learn: Java 17", "Standup", "Offsite-Vorbereitung ✈️", "Interview: Senior Engineer",
        "Quartalsabschluss; Review, Sign-off"};
    private static final String[] PEOPLE = {"Anna Müller", "Jörg Weiß", "Zoë Ångström", "Renée Dupont",
        "Łukasz Żółć", "Søren Kierkegård", "José Núñez", "Emily Chen", "Ahmed Al-Farsi", "田中 太郎"};
    private static final String[] ROOMS = {"Raum Zürich (4. OG)", "Microsoft Teams-Besprechung", "Konferenzraum Berlin",
        "Café Süd", "Online", "Bâtiment B, Salle 3"};
    private static final String WORDS = "Bitte bereitet die Unterlagen vor und prüft die offenen Punkte aus der "
            + "letzten Woche. Über die Ergebnisse sprechen wir gemeinsam; Fragen gern vorab per Mail. "
            + "Les décisions importantes seront notées — 重要な決定は記録されます. Agenda: Status, Risiken, "
            + "nächste Schritte 🚀 Ünïcödé everywhere ✓ € £ ¥ 😀 ";

    private final SplittableRandom random;
    private final boolean small;
    private final ByteArrayOutputStream out;
    private int serial;

    private FeedGenerator(long seed, boolean small, int capacity) {
        this.random = new SplittableRandom(seed);
        this.small = small;
        this.out = new ByteArrayOutputStream(capacity);
    }

    /** A whole feed of about {@code bytes} bytes. */
    static byte[] feed(long seed, int bytes) {
        FeedGenerator g = new FeedGenerator(seed, false, bytes + 64 * 1024);
        g.header();
        while (g.out.size() < bytes) {
            g.event();
        }
        g.line("END:VCALENDAR");
        return g.out.toByteArray();
    }

    /**
     * A small feed (about 5 KB, 6 events) in which every kind of event occurs, and the VTIMEZONE of "Customized Time
     * Zone" comes after the events that use it.
     */
    static byte[] sample() {
        FeedGenerator g = new FeedGenerator(7, true, 8 * 1024);
        g.header();
        for (int i = 0; i < 5; i++) {
            g.event();
        }
        g.vtimezone("Customized Time Zone", "+0130", "+0230", 3, 10);
        g.line("END:VCALENDAR");
        return g.out.toByteArray();
    }

    static byte[] header(long seed) {
        FeedGenerator g = new FeedGenerator(seed, false, 8 * 1024);
        g.header();
        return g.out.toByteArray();
    }

    /** Events only, about {@code bytes} bytes, to be repeated between {@link #header} and "END:VCALENDAR". */
    static byte[] events(long seed, int bytes) {
        FeedGenerator g = new FeedGenerator(seed, false, bytes + 64 * 1024);
        while (g.out.size() < bytes) {
            g.event();
        }
        return g.out.toByteArray();
    }

    static byte[] footer() {
        return "END:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private void header() {
        line("BEGIN:VCALENDAR");
        line("METHOD:PUBLISH");
        line("PRODID:Microsoft Exchange Server 2010");
        line("VERSION:2.0");
        line("X-WR-CALNAME:Kalender – Büro");
        line("X-WR-TIMEZONE:Europe/Berlin");
        if (!small) {
            vtimezone("W. Europe Standard Time", "+0100", "+0200", 3, 10);
            vtimezone("Pacific Standard Time", "-0800", "-0700", 3, 11);
            vtimezone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "+0100", "+0200", 3, 10);
            vtimezone("Customized Time Zone", "+0130", "+0230", 3, 10);
        }
    }

    private void vtimezone(String tzid, String standard, String daylight, int dstMonth, int stdMonth) {
        line("BEGIN:VTIMEZONE");
        line("TZID:" + tzid);
        line("BEGIN:STANDARD");
        line("DTSTART:16010101T030000");
        line("TZOFFSETFROM:" + daylight);
        line("TZOFFSETTO:" + standard);
        line("RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=" + (stdMonth == 11 ? "1SU" : "-1SU") + ";BYMONTH=" + stdMonth);
        line("END:STANDARD");
        line("BEGIN:DAYLIGHT");
        line("DTSTART:16010101T020000");
        line("TZOFFSETFROM:" + standard);
        line("TZOFFSETTO:" + daylight);
        line("RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=" + (dstMonth == 3 && stdMonth == 11 ? "2SU" : "-1SU") + ";BYMONTH="
                + dstMonth);
        line("END:DAYLIGHT");
        line("END:VTIMEZONE");
    }

    private void event() {
        int n = serial++;
        boolean google = n % 2 == 1;
        int kind = small ? n % 6 : random.nextInt(100);
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 8, 0)
                .plusDays(random.nextInt(small ? 60 : 700)).plusMinutes(30L * random.nextInt(20));
        String zone = small ? SMALL_ZONES[n % SMALL_ZONES.length] : ZONES[random.nextInt(ZONES.length)];
        String uid = google ? hex(small ? 10 : 26) + "@google.com"
                : "040000008200E00074C5B7101A82E00800000000" + hex(small ? 8 : 72);
        if (small ? kind == 0 : kind < 15) {
            // a recurring series, its EXDATEs and one or two moved instances
            String rrule = random.nextBoolean() ? "FREQ=WEEKLY;UNTIL=20251231T230000Z;INTERVAL=1;BYDAY=MO,WE;WKST=MO"
                    : "FREQ=DAILY;COUNT=" + (5 + random.nextInt(60));
            StringBuilder exdates = new StringBuilder();
            for (int i = 1; i <= 1 + random.nextInt(3); i++) {
                exdates.append(i > 1 ? "," : "").append(LOCAL.format(start.plusWeeks(i)));
            }
            vevent(uid, zone, start, google, rrule, "EXDATE;TZID=" + quoted(zone) + ":" + exdates, null);
            int overrides = small ? 1 : 1 + random.nextInt(2);
            for (int i = 0; i < overrides; i++) {
                LocalDateTime original = start.plusWeeks(5 + i);
                vevent(uid, zone, original.plusHours(1), google, null, null,
                        "RECURRENCE-ID;TZID=" + quoted(zone) + ":" + LOCAL.format(original));
            }
        } else if (small ? kind == 1 : kind < 25) {
            allDay(uid, start.toLocalDate(), google);
        } else {
            vevent(uid, zone, start, google, null, null, null);
        }
    }

    private void vevent(String uid, String zone, LocalDateTime start, boolean google, String rrule, String exdate,
            String recurrenceId) {
        line("BEGIN:VEVENT");
        String link = google ? "https://meet.google.com/" + letters(3) + "-" + letters(4) + "-" + letters(3)
                : "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + hex(small ? 8 : 40)
                        + "%40thread.v2/0?context=%7b%22Tid%22%3a%22" + hex(small ? 8 : 32) + "%22%7d";
        fold("DESCRIPTION;LANGUAGE=de-DE:" + description(link));
        line("UID:" + uid);
        if (recurrenceId != null) {
            fold(recurrenceId);
        }
        fold("SUMMARY;LANGUAGE=de-DE:" + escape(TITLES[random.nextInt(TITLES.length)]));
        boolean utc = google && random.nextBoolean();
        if (utc) {
            line("DTSTART:" + LOCAL.format(start.minusHours(1)) + "Z");
            line("DTEND:" + LOCAL.format(start.plusMinutes(30)) + "Z");
        } else {
            fold("DTSTART;TZID=" + quoted(zone) + ":" + LOCAL.format(start));
            fold("DTEND;TZID=" + quoted(zone) + ":" + LOCAL.format(start.plusMinutes(30L * (1 + random.nextInt(4)))));
        }
        if (rrule != null) {
            line("RRULE:" + rrule);
        }
        if (exdate != null) {
            fold(exdate);
        }
        if (!small) {
            line("CLASS:PUBLIC");
            line("PRIORITY:5");
            line("DTSTAMP:20240101T120000Z");
            line("TRANSP:OPAQUE");
        }
        line("STATUS:CONFIRMED");
        line("SEQUENCE:" + random.nextInt(4));
        fold("LOCATION;LANGUAGE=de-DE:" + escape(ROOMS[random.nextInt(ROOMS.length)]));
        if (small) {
            line("X-MICROSOFT-CDO-BUSYSTATUS:BUSY");
        } else if (!google) {
            line("X-MICROSOFT-CDO-APPT-SEQUENCE:0");
            line("X-MICROSOFT-CDO-BUSYSTATUS:" + (random.nextInt(10) == 0 ? "TENTATIVE" : "BUSY"));
            line("X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY");
            line("X-MICROSOFT-CDO-ALLDAYEVENT:FALSE");
            line("X-MICROSOFT-CDO-IMPORTANCE:1");
            line("X-MICROSOFT-CDO-INSTTYPE:" + (rrule != null ? 1 : recurrenceId != null ? 3 : 0));
            fold("X-MICROSOFT-SKYPETEAMSMEETINGURL:" + link);
            line("X-MICROSOFT-DONOTFORWARDMEETING:FALSE");
            line("X-MICROSOFT-DISALLOW-COUNTER:FALSE");
            line("X-MICROSOFT-REQUESTEDATTENDANCEMODE:DEFAULT");
            line("X-MICROSOFT-ISRESPONSEREQUESTED:FALSE");
        } else {
            fold("X-GOOGLE-CONFERENCE:" + link);
        }
        String organizer = PEOPLE[random.nextInt(PEOPLE.length)];
        fold("ORGANIZER;CN=\"" + organizer + "\":mailto:" + mail(organizer));
        int attendees = small ? 1 : random.nextInt(12);
        for (int i = 0; i < attendees; i++) {
            String who = PEOPLE[random.nextInt(PEOPLE.length)];
            fold("ATTENDEE;" + (small ? "" : "CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;") + "PARTSTAT=" + partstat()
                    + (small ? "" : ";RSVP=TRUE") + ";CN=\"" + who + "\";X-NUM-GUESTS=0:mailto:" + mail(who));
        }
        if (random.nextInt(3) == 0) {
            fold("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat() + ";CN=Kiosk Owner:MAILTO:" + ME.toUpperCase());
        }
        if (!google && !small && random.nextInt(4) == 0) {
            fold("X-ALT-DESC;FMTTYPE=text/html:<html><head><meta name=\"Generator\" content=\"Microsoft Exchange "
                    + "Server\"></head><body><p>" + description(link).replace("\\n", "<br>") + "</p></body></html>");
        }
        alarm();
        line("END:VEVENT");
    }

    private void allDay(String uid, LocalDate day, boolean google) {
        line("BEGIN:VEVENT");
        line("UID:" + uid);
        fold("SUMMARY:" + escape(random.nextBoolean() ? "Urlaub – Jörg" : "Feiertag: Fronleichnam"));
        line("DTSTART;VALUE=DATE:" + DAY.format(day));
        line("DTEND;VALUE=DATE:" + DAY.format(day.plusDays(1 + random.nextInt(5))));
        line("TRANSP:TRANSPARENT");
        line("DTSTAMP:20240101T120000Z");
        if (!google) {
            line("X-MICROSOFT-CDO-BUSYSTATUS:" + (random.nextBoolean() ? "FREE" : "OOF"));
            line("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
        }
        alarm();
        line("END:VEVENT");
    }

    private void alarm() {
        if (small ? serial % 2 == 1 : random.nextInt(3) != 0) {
            line("BEGIN:VALARM");
            line("DESCRIPTION:REMINDER");
            line("TRIGGER;RELATED=START:-PT15M");
            line("ACTION:DISPLAY");
            line("END:VALARM");
        }
    }

    private String description(String link) {
        int length = small ? 20 + random.nextInt(30) : 200 + random.nextInt(3000);
        StringBuilder d = new StringBuilder(length + 600);
        if (!small) {
            d.append("________________________________________________________________________________\\n");
            d.append("Microsoft Teams-Besprechung\\nÜber Ihren Computer\\, Ihre mobile App oder Ihr Raumgerät teilnehmen\\n");
        }
        int offset = random.nextInt(WORDS.length());
        while (d.length() < length) {
            int end = Math.min(WORDS.length(), offset + 40 + random.nextInt(80));
            if (Character.isLowSurrogate(WORDS.charAt(offset))) {
                offset++;
            }
            if (end < WORDS.length() && Character.isLowSurrogate(WORDS.charAt(end))) {
                end++;
            }
            d.append(escape(WORDS.substring(Math.min(offset, end), end)));
            d.append(random.nextInt(4) == 0 ? "\\n" : " ");
            offset = random.nextInt(WORDS.length() - 1);
        }
        d.append(small ? "\\nJoin <" : "\\nHier klicken\\, um an der Besprechung teilzunehmen<").append(link).append(">\\n");
        if (!small) {
            d.append("Besprechungs-ID: 123 456 789\\nKennung: aBc123\\n____________________\\n");
        }
        return d.toString();
    }

    private String partstat() {
        switch (random.nextInt(5)) {
            case 0: return "NEEDS-ACTION";
            case 1: return "TENTATIVE";
            case 2: return "DECLINED";
            default: return "ACCEPTED";
        }
    }

    private static String mail(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase().toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? c : c == ' ' ? '.' : 'x');
        }
        return b + "@example.com";
    }

    private static String quoted(String tzid) {
        return tzid.indexOf(':') >= 0 || tzid.indexOf(',') >= 0 ? "\"" + tzid + "\"" : tzid;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append("0123456789ABCDEF".charAt(random.nextInt(16)));
        }
        return b.toString();
    }

    private String letters(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private void line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.write('\r');
        out.write('\n');
    }

    /** Folds at 75 octets as RFC 5545 3.1 counts them, splitting multi-byte characters where they fall. */
    private void fold(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        int width = 75;
        while (bytes.length - pos > width) {
            out.write(bytes, pos, width);
            out.write('\r');
            out.write('\n');
            out.write(' ');
            pos += width;
            width = 74;
        }
        out.write(bytes, pos, bytes.length - pos);
        out.write('\r');
        out.write('\n');
    }
}
