package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.api.FeedWriter.Flavour;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A good feed that changes between refreshes, so the kiosk's store really changes: the medium Outlook feed (500 KB,
 * with Content-Length) from one of four seeds in turn. Every variant starts with the weekday stand-up, so the kiosk
 * always has a next meeting.
 */
final class ChangingFeed implements HttpHandler {

    static final int VARIANTS = 4;

    private final AtomicLong requests = new AtomicLong();

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long n = requests.getAndIncrement();
        try (ex) {
            ByteArrayOutputStream feed = new ByteArrayOutputStream(600 * 1024);
            FeedWriter.write(Flavour.OUTLOOK, Feeds.Feed.MEDIUM.seed + n % VARIANTS, Feeds.Feed.MEDIUM.targetBytes,
                    feed);
            ex.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, feed.size());
            try (OutputStream out = ex.getResponseBody()) {
                feed.writeTo(out);
            }
        } catch (IOException e) {
            // the kiosk hung up
        }
    }

    long requests() {
        return requests.get();
    }
}
