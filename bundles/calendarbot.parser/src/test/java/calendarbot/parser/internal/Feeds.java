package calendarbot.parser.internal;

import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: a configured parser, calendars written inline, and parse results. */
final class Feeds {

    static final ZoneId KIOSK = ZoneId.of("America/Chicago");

    private Feeds() {
    }

    /** What one parse delivered. */
    record Result(List<ParsedEvent> events, ParseReport report) {
        ParsedEvent only() {
            if (events.size() != 1) {
                throw new AssertionError("expected one event, got " + events.size() + ": " + events
                        + "; errors " + report.errors());
            }
            return events.get(0);
        }

        ParsedEvent byUid(String uid) {
            return events.stream().filter(e -> e.uid().equals(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no event " + uid + " in " + events));
        }
    }

    static StreamingIcsParser.Config config(int maxLineLength, int maxDescriptionLength, boolean keepDescription) {
        return new StreamingIcsParser.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StreamingIcsParser.Config.class;
            }

            @Override
            public int maxLineLength() {
                return maxLineLength;
            }

            @Override
            public int maxDescriptionLength() {
                return maxDescriptionLength;
            }

            @Override
            public boolean keepDescription() {
                return keepDescription;
            }

            @Override
            public String parser() {
                return StreamingIcsParser.BUILTIN;
            }
        };
    }

    static StreamingIcsParser parser() {
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(config(32768, 500, true));
        return parser;
    }

    /**
     * A small Outlook-shaped feed with every kind of event (a series with EXDATEs and overrides, all-day events,
     * astral-plane characters) folded at 75 octets inside multi-byte characters, and a VTIMEZONE after the events
     * that use it. Bytes as written, not text: the folds split characters.
     */
    static byte[] sample() {
        try (InputStream in = Feeds.class.getResourceAsStream("/feeds/every-kind-of-event-folded-mid-character.ics")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParseOptions options() {
        return new ParseOptions(KIOSK, FeedWriter.ME, 500, 32768);
    }

    /** Lines joined with CRLF inside BEGIN:VCALENDAR / END:VCALENDAR. */
    static String calendar(String... lines) {
        StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }

    /** One VEVENT with a UID and the given property lines. */
    static String event(String uid, String... lines) {
        StringBuilder b = new StringBuilder("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\n");
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        return b.append("END:VEVENT").toString();
    }

    static Result parse(String ics) {
        return parse(ics.getBytes(StandardCharsets.UTF_8), options());
    }

    static Result parse(byte[] ics) {
        return parse(ics, options());
    }

    static Result parse(byte[] ics, ParseOptions options) {
        return parse(new ByteArrayInputStream(ics), options);
    }

    static Result parse(InputStream in, ParseOptions options) {
        List<ParsedEvent> events = new ArrayList<>();
        try {
            ParseReport report = parser().parse(in, options, events::add);
            return new Result(events, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
