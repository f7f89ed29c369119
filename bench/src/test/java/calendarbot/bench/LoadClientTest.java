package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadClientTest {

    @Test
    void clientsKeepTheirConnectionsAndCountEveryAnswerAndEveryError() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger served = new AtomicInteger();
        server.setExecutor(pool);
        server.createContext("/ok", ex -> {
            byte[] body = "{\"meeting\":null}".getBytes(StandardCharsets.UTF_8);
            served.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            LoadClient.Result ok = new LoadClient(port, "/ok").run(5, 100, 300, () -> false);
            assertTrue(ok.requests() > 0);
            assertEquals(0, ok.errors(), ok.errorKinds().toString());
            assertEquals(ok.requests(), ok.latencies().size());
            assertTrue(served.get() >= ok.requests());

            LoadClient.Result broken = new LoadClient(port, "/broken").run(2, 0, 200, () -> false);
            assertTrue(broken.errors() > 0);
            assertEquals(broken.requests(), broken.errors());
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    @Test
    void feedServerSendsALengthOnOneAddressAndChunksOnTheOther(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
        try (FeedServer feeds = FeedServer.start(dir); HttpProbe probe = new HttpProbe(feeds.port(), 5000)) {
            HttpProbe.Answer withLength = probe.get(feeds.url("a.ics", true).getPath());
            HttpProbe.Answer chunked = probe.get(feeds.url("a.ics", false).getPath());
            assertEquals(200, withLength.status());
            assertEquals(200, chunked.status());
            assertEquals(withLength.body(), chunked.body());
            assertEquals(404, probe.get("/cl/missing.ics").status());
            assertEquals(404, probe.get("/cl/..%2F..%2Fetc%2Fhostname").status());
        }
    }
}
