package calendarbot.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the files of one folder on 127.0.0.1, each at two addresses: {@code /cl/<file>} with a Content-Length
 * header and {@code /chunked/<file>} with chunked transfer encoding (what a feed server that streams sends). No
 * ETag or Last-Modified, so every refresh downloads and parses the whole feed. For the soak also
 * {@code /changing/} (a good feed that changes between refreshes, {@link ChangingFeed}) and {@code /endless/} (a
 * stream of valid events that never ends, {@link EndlessFeed}).
 */
public final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final Path dir;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final ChangingFeed changing = new ChangingFeed();
    private final EndlessFeed endless = new EndlessFeed();

    private FeedServer(Path dir) throws IOException {
        this.dir = dir;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "feed-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/cl/", ex -> serve(ex, true));
        server.createContext("/chunked/", ex -> serve(ex, false));
        server.createContext("/changing/", changing);
        server.createContext("/endless/", endless);
        server.start();
    }

    public static FeedServer start(Path dir) throws IOException {
        return new FeedServer(dir);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address of {@code fileName} with a Content-Length ({@code withLength}) or chunked. */
    public URI url(String fileName, boolean withLength) {
        return URI.create("http://127.0.0.1:" + port() + (withLength ? "/cl/" : "/chunked/") + fileName);
    }

    /** The feed at {@code path} on this server ("/changing/good.ics"). */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    ChangingFeed changing() {
        return changing;
    }

    EndlessFeed endless() {
        return endless;
    }

    public long requests() {
        return requests.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    private void serve(HttpExchange ex, boolean withLength) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            Path file = dir.resolve(name).normalize();
            if (name.isEmpty() || !file.getParent().equals(dir.normalize()) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            long size = Files.size(file);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, withLength ? size : 0);
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    bytesSent.addAndGet(n);
                }
            }
        } catch (IOException e) {
            // the kiosk hung up (a cap, a restart): nothing to do for the server
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
