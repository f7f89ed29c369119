package calendarbot.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic calendar feed of a given size to a stream, one event at a time (the feed is
 * never held in memory). Two publishers:
 *
 * <ul>
 * <li>{@link Flavour#OUTLOOK}: an Exchange/Office 365 published calendar: Windows zone names ("W. Europe Standard
 * Time", "Pacific Standard Time", the "(UTC+01:00) Amsterdam, ..." display name, "Customized Time Zone") with their
 * VTIMEZONEs, Teams links in X-MICROSOFT-SKYPETEAMSMEETINGURL and DESCRIPTION, X-ALT-DESC HTML, X-MICROSOFT-CDO-*
 * noise, "tzone://Microsoft/Utc".</li>
 * <li>{@link Flavour#GOOGLE}: a Google Calendar secret address: IANA zones with X-LIC-LOCATION, UTC times, Meet
 * links in X-GOOGLE-CONFERENCE and Zoom links in DESCRIPTION, CREATED/LAST-MODIFIED.</li>
 * </ul>
 *
 * Both: descriptions in German, French, Japanese and emoji, folded at 75 octets wherever that falls (also inside
 * a multi-byte character, as Outlook and Google do); about 15% of the entries are recurring series with EXDATEs
 * and moved or cancelled instances (RECURRENCE-ID overrides); all-day events; VALARMs; attendees. Events spread
 * over a year either side of {@link #ANCHOR}; every feed starts with a weekday stand-up series so the kiosk
 * always has a next meeting at {@link #KIOSK_NOW}.
 */
public final class FeedWriter {

    /** The middle of every generated calendar. */
    public static final LocalDate ANCHOR = LocalDate.of(2026, 11, 23);
    /** The fixed "now" the kiosk runs at (CALENDARBOT_TEST_TIME) so every run expands the same window. */
    public static final String KIOSK_NOW = "2026-11-24T07:00:00Z";
    /** The kiosk owner's address, whose PARTSTAT the parser keeps. */
    public static final String ME = "kiosk.owner@example.com";

    /** Who published the feed. */
    public enum Flavour { OUTLOOK, GOOGLE }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String[] WINDOWS_ZONES = {"W. Europe Standard Time", "W. Europe Standard Time",
        "W. Europe Standard Time", "Pacific Standard Time", "GMT Standard Time",
        "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Customized Time Zone"};
    private static final String[] IANA_ZONES = {"America/Los_Angeles", "America/Los_Angeles", "Europe/Berlin",
        "America/New_York", "Asia/Tokyo"};
    private static final String[] TITLES = {"Wöchentliches Team-Meeting", "1:1 Anna / Jörg", "Sprint-Review 🚀",
        "Kundentermin – Café Zürich", "Architektur-Runde (Ω-Projekt)", "Budgetplanung Q3", "日本チームとの定例会議",
        "Lunch & Learn: Java 17", "Réunion d'équipe – Élysée", "Offsite-Vorbereitung ✈️", "Interview: Senior Engineer",
        "Quartalsabschluss; Review, Sign-off", "Design crit 🎨", "Pipeline review — EMEA", "Ops sync (on-call hand-off)"};
    private static final String[] PEOPLE = {"Anna Müller", "Jörg Weiß", "Zoë Ångström", "Renée Dupont",
        "Łukasz Żółć", "Søren Kierkegård", "José Núñez", "Emily Chen", "Ahmed Al-Farsi", "田中 太郎", "Priya Raman",
        "Olufemi Adeyemi"};
    private static final String[] ROOMS = {"Raum Zürich (4. OG)", "Microsoft Teams-Besprechung", "Konferenzraum Berlin",
        "Café Süd", "Online", "Bâtiment B, Salle 3", "東京オフィス 会議室A", "Zoom"};
    private static final String WORDS = "Bitte bereitet die Unterlagen vor und prüft die offenen Punkte aus der "
            + "letzten Woche. Über die Ergebnisse sprechen wir gemeinsam; Fragen gern vorab per Mail. "
            + "Les décisions importantes seront notées — 重要な決定は記録されます. Agenda: Status, Risiken, "
            + "nächste Schritte 🚀 Ünïcödé everywhere ✓ € £ ¥ 😀 Çà et là, garçon! Ελληνικά κείμενα. ";

    private final Flavour flavour;
    private final SplittableRandom random;
    private final CountingStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int serial;

    private FeedWriter(Flavour flavour, long seed, OutputStream out) {
        this.flavour = flavour;
        this.random = new SplittableRandom(seed);
        this.out = new CountingStream(out);
    }

    /**
     * Writes a whole feed of at least {@code targetBytes} (it stops after the event that crosses it) and returns
     * the number of bytes written. The same flavour, seed and size always give the same bytes.
     */
    public static long write(Flavour flavour, long seed, long targetBytes, OutputStream out) throws IOException {
        FeedWriter w = new FeedWriter(flavour, seed, out);
        w.header();
        w.standup();
        while (w.out.count < targetBytes - 16) {
            w.entry();
        }
        w.line("END:VCALENDAR");
        out.flush();
        return w.out.count;
    }

    // ------------------------------------------------------------------------------------------ calendar

    private void header() throws IOException {
        line("BEGIN:VCALENDAR");
        if (flavour == Flavour.OUTLOOK) {
            line("METHOD:PUBLISH");
            line("PRODID:Microsoft Exchange Server 2010");
            line("VERSION:2.0");
            line("X-WR-CALNAME:Kalender – Büro");
            vtimezone("W. Europe Standard Time", "+0100", "+0200", "-1SU", 3, "-1SU", 10);
            vtimezone("Pacific Standard Time", "-0800", "-0700", "2SU", 3, "1SU", 11);
            vtimezone("GMT Standard Time", "+0000", "+0100", "-1SU", 3, "-1SU", 10);
            vtimezone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "+0100", "+0200", "-1SU", 3,
                    "-1SU", 10);
            vtimezone("Customized Time Zone", "+0130", "+0230", "-1SU", 3, "-1SU", 10);
        } else {
            line("PRODID:-//Google Inc//Google Calendar 70.9054//EN");
            line("VERSION:2.0");
            line("CALSCALE:GREGORIAN");
            line("METHOD:PUBLISH");
            line("X-WR-CALNAME:kiosk.owner@example.com");
            line("X-WR-TIMEZONE:America/Los_Angeles");
            googleZone("America/Los_Angeles", "-0800", "PST", "-0700", "PDT");
            googleZone("Europe/Berlin", "+0100", "CET", "+0200", "CEST");
            googleZone("America/New_York", "-0500", "EST", "-0400", "EDT");
            line("BEGIN:VTIMEZONE");
            line("TZID:Asia/Tokyo");
            line("X-LIC-LOCATION:Asia/Tokyo");
            line("BEGIN:STANDARD");
            line("TZOFFSETFROM:+0900");
            line("TZOFFSETTO:+0900");
            line("TZNAME:JST");
            line("DTSTART:19700101T000000");
            line("END:STANDARD");
            line("END:VTIMEZONE");
        }
    }

    /** Outlook's form: a 1601 start and yearly rules. */
    private void vtimezone(String tzid, String standard, String daylight, String dstDay, int dstMonth, String stdDay,
            int stdMonth) throws IOException {
        line("BEGIN:VTIMEZONE");
        fold("TZID:" + tzid);
        line("BEGIN:STANDARD");
        line("DTSTART:16010101T030000");
        line("TZOFFSETFROM:" + daylight);
        line("TZOFFSETTO:" + standard);
        line("RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=" + stdDay + ";BYMONTH=" + stdMonth);
        line("END:STANDARD");
        line("BEGIN:DAYLIGHT");
        line("DTSTART:16010101T020000");
        line("TZOFFSETFROM:" + standard);
        line("TZOFFSETTO:" + daylight);
        line("RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=" + dstDay + ";BYMONTH=" + dstMonth);
        line("END:DAYLIGHT");
        line("END:VTIMEZONE");
    }

    /** Google's form: the IANA name, X-LIC-LOCATION, a 1970 start. */
    private void googleZone(String tzid, String standard, String stdName, String daylight, String dstName)
            throws IOException {
        line("BEGIN:VTIMEZONE");
        line("TZID:" + tzid);
        line("X-LIC-LOCATION:" + tzid);
        line("BEGIN:DAYLIGHT");
        line("TZOFFSETFROM:" + standard);
        line("TZOFFSETTO:" + daylight);
        line("TZNAME:" + dstName);
        line("DTSTART:19700308T020000");
        line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=" + (tzid.startsWith("America") ? "2SU" : "-1SU"));
        line("END:DAYLIGHT");
        line("BEGIN:STANDARD");
        line("TZOFFSETFROM:" + daylight);
        line("TZOFFSETTO:" + standard);
        line("TZNAME:" + stdName);
        line("DTSTART:19701101T020000");
        line("RRULE:FREQ=YEARLY;BYMONTH=" + (tzid.startsWith("America") ? "11;BYDAY=1SU" : "10;BYDAY=-1SU"));
        line("END:STANDARD");
        line("END:VTIMEZONE");
    }

    // ------------------------------------------------------------------------------------------ events

    /** Every weekday at 09:30 in the feed's main zone, from half a year before the anchor, never ending. */
    private void standup() throws IOException {
        String zone = flavour == Flavour.OUTLOOK ? "W. Europe Standard Time" : "Europe/Berlin";
        LocalDateTime start = ANCHOR.minusWeeks(26).with(java.time.DayOfWeek.MONDAY).atTime(9, 30);
        String uid = uid();
        vevent(uid, "Daily stand-up", zone, start, 15, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO",
                "EXDATE;TZID=" + quoted(zone) + ":" + LOCAL.format(start.plusWeeks(4)) + ","
                        + LOCAL.format(start.plusWeeks(9).plusDays(2)), null, false);
    }

    /** One calendar entry: 15% a series (with its overrides), 10% all-day, the rest single meetings. */
    private void entry() throws IOException {
        int kind = random.nextInt(100);
        LocalDateTime start = ANCHOR.atStartOfDay().plusDays(random.nextInt(730) - 365)
                .plusHours(7 + random.nextInt(11)).plusMinutes(30L * random.nextInt(2));
        String zone = zone();
        String uid = uid();
        String title = TITLES[random.nextInt(TITLES.length)];
        if (kind < 15) {
            series(uid, title, zone, start);
        } else if (kind < 25) {
            allDay(uid, start.toLocalDate());
        } else {
            int minutes = 30 * (1 + random.nextInt(4));
            vevent(uid, title, zone, start, minutes, null, null, null, random.nextInt(40) == 0);
        }
    }

    private void series(String uid, String title, String zone, LocalDateTime start) throws IOException {
        String rrule;
        int pick = random.nextInt(6);
        switch (pick) {
            case 0 -> rrule = "FREQ=WEEKLY;INTERVAL=1;BYDAY=" + weekday(start) + ";WKST=MO";
            case 1 -> rrule = "FREQ=WEEKLY;UNTIL=" + LOCAL.format(start.plusWeeks(10 + random.nextInt(60))
                    .atOffset(ZoneOffset.UTC)) + "Z;INTERVAL=1;BYDAY=MO,WE;WKST=MO";
            case 2 -> rrule = "FREQ=DAILY;COUNT=" + (5 + random.nextInt(60));
            case 3 -> rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + weekday(start) + ";WKST=SU";
            case 4 -> rrule = "FREQ=MONTHLY;BYDAY=" + (1 + random.nextInt(4)) + weekday(start);
            default -> rrule = "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=" + start.getDayOfMonth();
        }
        int step = pick == 2 ? 1 : pick == 3 ? 14 : pick >= 4 ? 31 : 7;
        StringBuilder exdates = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 1; i <= count; i++) {
            exdates.append(i > 1 ? "," : "").append(LOCAL.format(start.plusDays((long) step * (i * 2L))));
        }
        String exdate = (flavour == Flavour.OUTLOOK || random.nextBoolean())
                ? "EXDATE;TZID=" + quoted(zone) + ":" + exdates : null;
        vevent(uid, title, zone, start, 30 * (1 + random.nextInt(3)), rrule, exdate, null, false);
        int overrides = random.nextInt(3);
        for (int i = 0; i < overrides; i++) {
            LocalDateTime original = start.plusDays((long) step * (3 + i));
            // moved by an hour, or cancelled (Google keeps a cancelled instance as an override)
            vevent(uid, title, zone, original.plusHours(1), 30, null, null,
                    "RECURRENCE-ID;TZID=" + quoted(zone) + ":" + LOCAL.format(original), random.nextInt(4) == 0);
        }
    }

    private void vevent(String uid, String title, String zone, LocalDateTime start, int minutes, String rrule,
            String exdate, String recurrenceId, boolean cancelled) throws IOException {
        boolean outlook = flavour == Flavour.OUTLOOK;
        boolean utc = outlook ? random.nextInt(30) == 0 : rrule == null && random.nextInt(3) == 0;
        String link = outlook
                ? "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + letters(48)
                        + "%40thread.v2/0?context=%7b%22Tid%22%3a%22" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-"
                        + hex(4) + "-" + hex(12) + "%22%2c%22Oid%22%3a%22" + hex(8) + "%22%7d"
                : random.nextBoolean() ? "https://us02web.zoom.us/j/8" + digits(9) + "?pwd=" + letters(32)
                        : "https://meet.google.com/" + letters(3) + "-" + letters(4) + "-" + letters(3);
        line("BEGIN:VEVENT");
        if (outlook) {
            fold("DESCRIPTION;LANGUAGE=de-DE:" + description(link));
            line("UID:" + uid);
            if (recurrenceId != null) {
                fold(recurrenceId);
            }
            fold("SUMMARY;LANGUAGE=de-DE:" + escape(title));
            times(zone, start, minutes, utc);
            if (rrule != null) {
                line("RRULE:" + rrule);
            }
            if (exdate != null) {
                fold(exdate);
            }
            line("CLASS:PUBLIC");
            line("PRIORITY:5");
            line("DTSTAMP:" + stamp());
            line("TRANSP:OPAQUE");
            line("STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
            line("SEQUENCE:" + random.nextInt(4));
            fold("LOCATION;LANGUAGE=de-DE:" + escape(ROOMS[random.nextInt(ROOMS.length)]));
            line("X-MICROSOFT-CDO-APPT-SEQUENCE:0");
            line("X-MICROSOFT-CDO-BUSYSTATUS:" + (cancelled ? "FREE" : random.nextInt(10) == 0 ? "TENTATIVE" : "BUSY"));
            line("X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY");
            line("X-MICROSOFT-CDO-ALLDAYEVENT:FALSE");
            line("X-MICROSOFT-CDO-IMPORTANCE:1");
            line("X-MICROSOFT-CDO-INSTTYPE:" + (rrule != null ? 1 : recurrenceId != null ? 3 : 0));
            fold("X-MICROSOFT-SKYPETEAMSMEETINGURL:" + link);
            line("X-MICROSOFT-DONOTFORWARDMEETING:FALSE");
            line("X-MICROSOFT-DISALLOW-COUNTER:FALSE");
            line("X-MICROSOFT-REQUESTEDATTENDANCEMODE:DEFAULT");
            line("X-MICROSOFT-ISRESPONSEREQUESTED:FALSE");
            people();
            if (random.nextInt(4) == 0) {
                fold("X-ALT-DESC;FMTTYPE=text/html:<html><head><meta name=\"Generator\" content=\"Microsoft Exchange"
                        + " Server\"></head><body><p>" + description(link).replace("\\n", "<br>")
                        + "</p></body></html>");
            }
        } else {
            times(zone, start, minutes, utc);
            if (rrule != null) {
                line("RRULE:" + rrule);
            }
            if (exdate != null) {
                fold(exdate);
            }
            line("DTSTAMP:" + stamp());
            people();
            line("UID:" + uid);
            if (recurrenceId != null) {
                fold(recurrenceId);
            }
            if (link.contains("meet.google.com")) {
                line("X-GOOGLE-CONFERENCE:" + link);
            }
            line("CREATED:" + stamp());
            fold("DESCRIPTION:" + description(link));
            line("LAST-MODIFIED:" + stamp());
            fold("LOCATION:" + escape(ROOMS[random.nextInt(ROOMS.length)]));
            line("SEQUENCE:" + random.nextInt(3));
            line("STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
            fold("SUMMARY:" + escape(title));
            line("TRANSP:OPAQUE");
        }
        alarm();
        line("END:VEVENT");
    }

    private void times(String zone, LocalDateTime start, int minutes, boolean utc) throws IOException {
        if (utc) {
            String prefix = flavour == Flavour.OUTLOOK ? ";TZID=tzone://Microsoft/Utc:" : ":";
            String suffix = flavour == Flavour.OUTLOOK ? "" : "Z";
            line("DTSTART" + prefix + LOCAL.format(start.minusHours(1)) + suffix);
            line("DTEND" + prefix + LOCAL.format(start.minusHours(1).plusMinutes(minutes)) + suffix);
        } else {
            fold("DTSTART;TZID=" + quoted(zone) + ":" + LOCAL.format(start));
            fold("DTEND;TZID=" + quoted(zone) + ":" + LOCAL.format(start.plusMinutes(minutes)));
        }
    }

    private void people() throws IOException {
        String organizer = PEOPLE[random.nextInt(PEOPLE.length)];
        fold("ORGANIZER;CN=\"" + organizer + "\":mailto:" + mail(organizer));
        int attendees = random.nextInt(10);
        for (int i = 0; i < attendees; i++) {
            String who = PEOPLE[random.nextInt(PEOPLE.length)];
            if (flavour == Flavour.OUTLOOK) {
                fold("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat() + ";RSVP=TRUE;CN=\"" + who
                        + "\":mailto:" + mail(who));
            } else {
                fold("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat() + ";RSVP=TRUE;CN="
                        + mail(who) + ";X-NUM-GUESTS=0:mailto:" + mail(who));
            }
        }
        if (random.nextInt(3) == 0) {
            fold("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat() + ";CN=Kiosk Owner:mailto:" + ME);
        }
    }

    private void allDay(String uid, LocalDate day) throws IOException {
        boolean outlook = flavour == Flavour.OUTLOOK;
        line("BEGIN:VEVENT");
        line("DTSTART;VALUE=DATE:" + DAY.format(day));
        line("DTEND;VALUE=DATE:" + DAY.format(day.plusDays(1 + random.nextInt(5))));
        if (random.nextInt(8) == 0) {
            // a birthday or an anniversary
            line("RRULE:FREQ=YEARLY");
        }
        line("DTSTAMP:" + stamp());
        line("UID:" + uid);
        fold("SUMMARY:" + escape(random.nextBoolean() ? "Urlaub – " + PEOPLE[random.nextInt(PEOPLE.length)]
                : "Feiertag: Fronleichnam 🎉"));
        line("TRANSP:TRANSPARENT");
        if (outlook) {
            line("X-MICROSOFT-CDO-BUSYSTATUS:" + (random.nextBoolean() ? "FREE" : "OOF"));
            line("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
        }
        alarm();
        line("END:VEVENT");
    }

    private void alarm() throws IOException {
        if (random.nextInt(3) != 0) {
            line("BEGIN:VALARM");
            if (flavour == Flavour.OUTLOOK) {
                line("DESCRIPTION:REMINDER");
                line("TRIGGER;RELATED=START:-PT15M");
            } else {
                line("ACTION:DISPLAY");
                line("DESCRIPTION:This is an event reminder");
                line("TRIGGER:-P0DT0H10M0S");
            }
            if (flavour == Flavour.OUTLOOK) {
                line("ACTION:DISPLAY");
            }
            line("END:VALARM");
        }
    }

    private String description(String link) {
        int length = 100 + random.nextInt(1800);
        StringBuilder d = new StringBuilder(length + 600);
        if (flavour == Flavour.OUTLOOK) {
            d.append("________________________________________________________________________________\\n");
            d.append("Microsoft Teams-Besprechung\\nÜber Ihren Computer\\, Ihre mobile App oder Ihr Raumgerät "
                    + "teilnehmen\\n");
        }
        int offset = random.nextInt(WORDS.length());
        while (d.length() < length) {
            int from = offset;
            int end = Math.min(WORDS.length(), from + 40 + random.nextInt(80));
            if (Character.isLowSurrogate(WORDS.charAt(from))) {
                from++;
            }
            if (end < WORDS.length() && Character.isLowSurrogate(WORDS.charAt(end))) {
                end++;
            }
            d.append(escape(WORDS.substring(Math.min(from, end), end)));
            d.append(random.nextInt(4) == 0 ? "\\n" : " ");
            offset = random.nextInt(WORDS.length() - 1);
        }
        if (flavour == Flavour.OUTLOOK) {
            d.append("\\nHier klicken\\, um an der Besprechung teilzunehmen<").append(link).append(">\\n");
            d.append("Besprechungs-ID: 3").append(digits(2)).append(' ').append(digits(3)).append(' ')
                    .append(digits(3)).append("\\nKennung: ").append(letters(6)).append("\\n____________________\\n");
        } else if (link.contains("zoom")) {
            d.append("\\n\\nJoin Zoom Meeting\\n").append(link).append("\\n\\nMeeting ID: 8").append(digits(2))
                    .append(' ').append(digits(4)).append(' ').append(digits(4)).append("\\n");
        } else {
            d.append("\\n\\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\\n")
                    .append("Join with Google Meet: ").append(link).append("\\n");
        }
        return d.toString();
    }

    // ------------------------------------------------------------------------------------------ small things

    private String zone() {
        return flavour == Flavour.OUTLOOK ? WINDOWS_ZONES[random.nextInt(WINDOWS_ZONES.length)]
                : IANA_ZONES[random.nextInt(IANA_ZONES.length)];
    }

    private String uid() {
        serial++;
        return flavour == Flavour.OUTLOOK ? "040000008200E00074C5B7101A82E00800000000" + hex(16) + "00000000000000001000"
                + "0000" + hex(32) : letters(26) + "@google.com";
    }

    private String stamp() {
        return LOCAL.format(ANCHOR.minusDays(random.nextInt(400)).atTime(random.nextInt(24), random.nextInt(60),
                random.nextInt(60))) + "Z";
    }

    private static String weekday(LocalDateTime t) {
        return t.getDayOfWeek().name().substring(0, 2);
    }

    private String partstat() {
        return switch (random.nextInt(5)) {
            case 0 -> "NEEDS-ACTION";
            case 1 -> "TENTATIVE";
            case 2 -> "DECLINED";
            default -> "ACCEPTED";
        };
    }

    private static String mail(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? c : c == ' ' ? '.' : 'x');
        }
        return b + "@example.com";
    }

    private static String quoted(String tzid) {
        return tzid.indexOf(':') >= 0 || tzid.indexOf(',') >= 0 || tzid.indexOf(';') >= 0 ? "\"" + tzid + "\"" : tzid;
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

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private void line(String text) throws IOException {
        int n = encode(text);
        out.write(buffer, 0, n);
        out.write(CRLF, 0, 2);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] FOLD = {'\r', '\n', ' '};

    /** Folds at 75 octets as RFC 5545 3.1 counts them, splitting multi-byte characters where they fall. */
    private void fold(String text) throws IOException {
        int length = encode(text);
        int pos = 0;
        int width = 75;
        while (length - pos > width) {
            out.write(buffer, pos, width);
            out.write(FOLD, 0, 3);
            pos += width;
            width = 74;
        }
        out.write(buffer, pos, length - pos);
        out.write(CRLF, 0, 2);
    }

    private int encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > buffer.length) {
            throw new IllegalStateException("line longer than " + buffer.length + " bytes");
        }
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        return bytes.length;
    }

    /** Counts what passes, so the writer knows when the feed is big enough. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
