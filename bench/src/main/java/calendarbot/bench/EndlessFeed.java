package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.api.FeedWriter.Flavour;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feed that never ends: a chunked stream of valid events until the kiosk hangs up. Requests alternate between
 * Outlook events of about 3.6 KB (the kiosk stops at its maxBodyBytes) and small distinct events of about 200 bytes
 * (it stops at its event cap, calendarbot.refresh maxEventsPerSource). Bounded here too, at {@link #MAX_BYTES}.
 */
final class EndlessFeed implements HttpHandler {

    static final long MAX_BYTES = 1L << 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final AtomicLong requests = new AtomicLong();

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long n = requests.getAndIncrement();
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 32 * 1024)) {
                if (n % 2 == 0) {
                    FeedWriter.write(Flavour.OUTLOOK, 1000 + n, MAX_BYTES, out);
                } else {
                    smallEvents(n, out);
                }
            }
        } catch (IOException e) {
            // the kiosk stopped reading at one of its caps: what this feed is for
        }
    }

    long requests() {
        return requests.get();
    }

    private static void smallEvents(long seed, OutputStream out) throws IOException {
        write(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//endless//EN\r\n");
        LocalDate first = FeedWriter.ANCHOR;
        // about 200 bytes an event
        for (long i = 0; i < MAX_BYTES / 200; i++) {
            String day = first.plusDays(i % 60).format(DAY);
            String hour = String.format("%02d%02d", 7 + (i / 60) % 12, (i * 5) % 60);
            write(out, "BEGIN:VEVENT\r\nUID:endless-" + seed + "-" + i + "@bench\r\nDTSTAMP:20261101T000000Z\r\n"
                    + "DTSTART:" + day + "T" + hour + "00Z\r\nDTEND:" + day + "T" + hour + "30Z\r\n"
                    + "SUMMARY:Endless " + i + "\r\nEND:VEVENT\r\n");
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
