package calendarbot.fetcher.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** A real HTTP server on 127.0.0.1 with a few worker threads, so requests can overlap. */
final class TestServer implements AutoCloseable {

    record Request(String path, Headers headers) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(6);
    private final HttpServer server;

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Headers copy = new Headers();
            copy.putAll(exchange.getRequestHeaders());
            requests.add(new Request(path, copy));
            try {
                HttpHandler handler = routes.get(path);
                if (handler == null) {
                    send(exchange, 404, "no such feed".getBytes());
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException | RuntimeException e) {
                // the client went away, or the test cut the answer short on purpose
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    void on(String path, HttpHandler handler) {
        routes.put(path, handler);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The same server under another host name, for cross-host redirects. */
    URI localhostUri(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    Request first(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** An answer with Content-Length (none when the body is empty). */
    static void send(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A 200 answer without Content-Length (Transfer-Encoding: chunked). */
    static void sendChunked(HttpExchange exchange, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A small valid calendar padded with events to at least {@code bytes}. */
    static byte[] calendar(int bytes) {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for (int i = 0; ics.length() < bytes - 16; i++) {
            ics.append("BEGIN:VEVENT\r\nUID:event-").append(i).append("@test\r\nDTSTART:20260105T090000Z\r\n")
                    .append("SUMMARY:Stand-up ").append(i).append("\r\nEND:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString().getBytes();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Deflate, zlib-wrapped (what RFC 9110 means) or raw (what some servers send). */
    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
