package calendarbot.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A calendar server that misbehaves on purpose, one {@link Kind} at a time (the harness chooses the next one before
 * it asks the kiosk to refresh). Raw sockets on 127.0.0.1 rather than com.sun.net.httpserver, so that every byte on
 * the wire is ours: a Content-Length that lies, a reset in the middle of a body. Every answer ends its connection;
 * connections are bounded in number and in time.
 */
final class HostileFeedServer implements AutoCloseable {

    /** What the next request gets. */
    enum Kind {
        /** Broken lines, invalid UTF-8, unterminated components between valid events. */
        MALFORMED,
        /** 256 KB of random bytes as text/calendar. */
        GARBAGE,
        /** gzip that inflates to 256 MB: the fetcher must stop at maxBodyBytes. */
        GZIP_BOMB,
        /** Content-Length twice the bytes sent, then the connection ends. */
        WRONG_LENGTH,
        /** Half of a valid feed, then a TCP reset. */
        RESET,
        /** Headers, then silence: the read timeout. */
        STALL,
        /** A line every 500 ms, forever: the total timeout. */
        DRIP,
        /** 429 with Retry-After: 1, every time. */
        TOO_MANY_REQUESTS,
        /** A redirect to itself, every time. */
        REDIRECT_LOOP
    }

    private static final int MAX_CONNECTIONS = 8;
    private static final int HOLD_MILLIS = 60_000;

    private final ServerSocket socket;
    private final ThreadPoolExecutor connections;
    private final Thread acceptor;
    private final HostileBodies bodies;
    private final Map<Kind, AtomicLong> served = new EnumMap<>(Kind.class);
    private volatile Kind kind = Kind.MALFORMED;
    private volatile boolean open = true;

    private HostileFeedServer(byte[] validFeed) throws IOException {
        this.bodies = new HostileBodies(validFeed);
        for (Kind k : Kind.values()) {
            served.put(k, new AtomicLong());
        }
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.connections = new ThreadPoolExecutor(MAX_CONNECTIONS, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_CONNECTIONS), r -> {
                    Thread t = new Thread(r, "hostile-feed");
                    t.setDaemon(true);
                    return t;
                }, (r, pool) -> {
                    throw new java.util.concurrent.RejectedExecutionException("busy");
                });
        connections.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::accept, "hostile-feed-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code validFeed}: a small valid feed, cut short by {@link Kind#WRONG_LENGTH} and {@link Kind#RESET}. */
    static HostileFeedServer start(byte[] validFeed) throws IOException {
        return new HostileFeedServer(validFeed);
    }

    URI url(String name) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hostile/" + name + ".ics");
    }

    /** Makes the bodies that take time (the gzip bomb) now rather than during the first request. */
    void prepare() {
        bodies.gzipBomb();
    }

    /** What every request gets from now on. */
    void serve(Kind next) {
        kind = next;
    }

    Kind serving() {
        return kind;
    }

    /** Requests answered, by kind. */
    Map<Kind, Long> served() {
        Map<Kind, Long> m = new EnumMap<>(Kind.class);
        served.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void accept() {
        while (open) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                connections.execute(() -> answer(s));
            } catch (RuntimeException busy) {
                close(s);
            }
        }
    }

    private void answer(Socket s) {
        Kind k = kind;
        try (s) {
            s.setSoTimeout(10_000);
            String target = requestTarget(s.getInputStream());
            if (target == null) {
                return;
            }
            served.get(k).incrementAndGet();
            OutputStream out = s.getOutputStream();
            switch (k) {
                case MALFORMED -> whole(out, "text/calendar; charset=utf-8", null, bodies.malformed());
                case GARBAGE -> whole(out, "text/calendar; charset=utf-8", null, bodies.garbage());
                case GZIP_BOMB -> whole(out, "text/calendar; charset=utf-8", "gzip", bodies.gzipBomb());
                case WRONG_LENGTH -> {
                    byte[] feed = bodies.valid();
                    head(out, "200 OK", "Content-Type: text/calendar; charset=utf-8\r\nContent-Length: "
                            + feed.length * 2L + "\r\n");
                    out.write(feed);
                    out.flush();
                }
                case RESET -> {
                    byte[] feed = bodies.valid();
                    head(out, "200 OK", "Content-Type: text/calendar; charset=utf-8\r\nContent-Length: "
                            + feed.length + "\r\n");
                    out.write(feed, 0, feed.length / 2);
                    out.flush();
                    s.setSoLinger(true, 0); // close() now sends RST instead of FIN
                }
                case STALL -> {
                    head(out, "200 OK", "Content-Type: text/calendar; charset=utf-8\r\nContent-Length: 100000\r\n");
                    holdUntilClosed(s, 0);
                }
                case DRIP -> {
                    head(out, "200 OK", "Content-Type: text/calendar; charset=utf-8\r\nTransfer-Encoding: chunked\r\n");
                    holdUntilClosed(s, 500);
                }
                case TOO_MANY_REQUESTS -> head(out, "429 Too Many Requests",
                        "Retry-After: 1\r\nContent-Length: 0\r\n");
                case REDIRECT_LOOP -> head(out, "302 Found", "Location: " + next(target) + "\r\nContent-Length: 0\r\n");
                default -> throw new IllegalStateException(k.name());
            }
        } catch (IOException e) {
            // the kiosk gave up (a timeout, a cap): what these answers are for
        }
    }

    /** The request line's target after reading the whole head; null when the client sent none. */
    private static String requestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                String first = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                String[] parts = first.split(" ");
                return parts.length >= 2 ? parts[1] : null;
            }
        }
        return null;
    }

    private String next(String target) {
        int q = target.indexOf("?hop=");
        long hop = q < 0 ? 0 : Long.parseLong(target.substring(q + 5)) + 1;
        String path = q < 0 ? target : target.substring(0, q);
        return "http://127.0.0.1:" + socket.getLocalPort() + path + "?hop=" + hop;
    }

    private static void head(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void whole(OutputStream out, String type, String encoding, byte[] body) throws IOException {
        head(out, "200 OK", "Content-Type: " + type + "\r\n"
                + (encoding == null ? "" : "Content-Encoding: " + encoding + "\r\n")
                + "Content-Length: " + body.length + "\r\n");
        out.write(body);
        out.flush();
    }

    /**
     * Keeps the connection until the client closes it or {@link #HOLD_MILLIS} pass; with {@code dripMillis} > 0 a
     * chunk with one calendar line every so often (so no read timeout ever fires).
     */
    private void holdUntilClosed(Socket s, int dripMillis) throws IOException {
        long end = System.nanoTime() + HOLD_MILLIS * 1_000_000L;
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        s.setSoTimeout(dripMillis > 0 ? dripMillis : 500);
        int line = 0;
        while (open && System.nanoTime() < end) {
            if (dripMillis > 0) {
                String text = line == 0 ? "BEGIN:VCALENDAR\r\n" : "X-DRIP:" + line + "\r\n";
                byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write(new byte[] {'\r', '\n'});
                out.flush();
                line++;
            }
            try {
                if (in.read() < 0) {
                    return; // the client closed
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // still there
            } catch (SocketException gone) {
                return;
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
