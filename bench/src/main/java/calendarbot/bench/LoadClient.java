package calendarbot.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N concurrent clients against one path, closed loop like wrk: every client keeps one keep-alive connection and
 * sends its next request as soon as the answer to the last one is complete. One selector thread drives all of
 * them, so the client costs little CPU next to the server on a 2-core machine (500 blocking threads would mostly
 * measure the client). Only 127.0.0.1; bounded in clients, time and recorded samples.
 */
final class LoadClient {

    static final int MAX_CLIENTS = 1000;
    private static final long REQUEST_TIMEOUT_NANOS = 10_000_000_000L;
    private static final int MAX_SAMPLES = 4_000_000;

    /** What one level produced. */
    record Result(String path, int clients, double seconds, long requests, long errors, Map<String, Long> errorKinds,
            long warmupErrors, Latencies latencies, long bytes) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path);
            m.put("clients", clients);
            m.put("seconds", Math.round(seconds * 100) / 100.0);
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("error_kinds", errorKinds);
            m.put("warmup_errors", warmupErrors);
            m.put("throughput_rps", Math.round(requests / seconds));
            m.putAll(latencies.summary());
            m.put("mb_per_s", Math.round(bytes / seconds / 1024 / 1024 * 100) / 100.0);
            return m;
        }
    }

    /** A running load's counts as it goes, read by a sampler in another thread (the soak's). */
    static final class Live {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong slowestNanos = new AtomicLong();

        void answered(long nanos) {
            requests.incrementAndGet();
            slowestNanos.accumulateAndGet(nanos, Math::max);
        }

        void failed() {
            errors.incrementAndGet();
        }

        long requests() {
            return requests.get();
        }

        long errors() {
            return errors.get();
        }

        /** The slowest answer since the last call. */
        long takeSlowestNanos() {
            return slowestNanos.getAndSet(0);
        }
    }

    private final int port;
    private final String path;
    private final byte[] request;
    private final Live live;

    LoadClient(int port, String path) {
        this(port, path, new Live());
    }

    LoadClient(int port, String path, Live live) {
        this.port = port;
        this.path = path;
        this.live = live;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: */*\r\nUser-Agent: calendarbot-bench\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Runs {@code clients} clients for {@code warmupMillis} (not recorded) and then {@code millis} (recorded), or
     * until {@code stop} answers true after the warm-up.
     */
    Result run(int clients, long warmupMillis, long millis, java.util.function.BooleanSupplier stop)
            throws IOException {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients must be 1.." + MAX_CLIENTS);
        }
        Map<String, Long> errorKinds = new TreeMap<>();
        Latencies latencies = new Latencies(MAX_SAMPLES);
        List<Connection> connections = new ArrayList<>(clients);
        long requests = 0;
        long errors = 0;
        long warmupErrors = 0;
        long bytes = 0;
        try (Selector selector = Selector.open()) {
            long started = System.nanoTime();
            long measureFrom = started + warmupMillis * 1_000_000L;
            long end = measureFrom + millis * 1_000_000L;
            for (int i = 0; i < clients; i++) {
                Connection c = new Connection();
                connections.add(c);
                c.open(selector);
            }
            ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
            long lastTimeoutCheck = started;
            boolean stopping = false;
            long stopDeadline = 0;
            while (true) {
                long now = System.nanoTime();
                if (!stopping && (now >= end || (now >= measureFrom && stop.getAsBoolean()))) {
                    stopping = true;
                    end = Math.min(end, now);
                    stopDeadline = now + 2_000_000_000L;
                }
                if (stopping && (now >= stopDeadline || connections.stream().noneMatch(c -> c.inFlight))) {
                    break;
                }
                selector.select(20);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            c.channel.finishConnect();
                            c.sendIfAllowed(stopping);
                        } else if (key.isWritable()) {
                            c.write();
                        } else if (key.isReadable()) {
                            readBuffer.clear();
                            int n = c.channel.read(readBuffer);
                            if (n < 0) {
                                if (c.parser.untilClose()) {
                                    c.parser.endOfStream();
                                } else {
                                    throw new IOException("closed by the server");
                                }
                            } else {
                                c.parser.feed(readBuffer.array(), 0, n);
                                if (c.sentAt >= measureFrom && c.sentAt < end) {
                                    bytes += n;
                                }
                            }
                            if (c.parser.done()) {
                                long t = System.nanoTime();
                                c.inFlight = false;
                                boolean counted = c.sentAt >= measureFrom && c.sentAt < end;
                                live.answered(t - c.sentAt);
                                int status = c.parser.status();
                                if (status < 200 || status >= 400) {
                                    live.failed();
                                }
                                if (counted) {
                                    requests++;
                                    latencies.add(t - c.sentAt);
                                    if (status < 200 || status >= 400) {
                                        errors++;
                                        errorKinds.merge("http " + status, 1L, Long::sum);
                                    }
                                }
                                if (c.parser.closeAfter() || n < 0) {
                                    c.reopen(selector, stopping);
                                } else {
                                    c.sendIfAllowed(stopping);
                                }
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        live.failed();
                        if (c.sentAt >= measureFrom && c.sentAt < end) {
                            errors++;
                        } else {
                            warmupErrors++;
                        }
                        errorKinds.merge(kind(e), 1L, Long::sum);
                        c.inFlight = false;
                        c.reopen(selector, stopping);
                    }
                }
                selector.selectedKeys().clear();
                if (now - lastTimeoutCheck > 500_000_000L) {
                    lastTimeoutCheck = now;
                    for (Connection c : connections) {
                        if (c.inFlight && now - c.sentAt > REQUEST_TIMEOUT_NANOS) {
                            live.failed();
                            if (c.sentAt >= measureFrom) {
                                errors++;
                            } else {
                                warmupErrors++;
                            }
                            errorKinds.merge("timeout", 1L, Long::sum);
                            c.inFlight = false;
                            c.reopen(selector, stopping);
                        }
                    }
                }
            }
            double seconds = Math.max(1e-3, (end - measureFrom) / 1e9);
            return new Result(path, clients, seconds, requests, errors, errorKinds, warmupErrors, latencies, bytes);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static String kind(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("refused")) {
            return "connection refused";
        }
        if (m.contains("reset")) {
            return "connection reset";
        }
        return m.length() > 60 ? m.substring(0, 60) : m;
    }

    /** One client: a connection, its request in flight and the parser of its answer. */
    private final class Connection {
        SocketChannel channel;
        SelectionKey key;
        final ResponseParser parser = new ResponseParser(false);
        final ByteBuffer out = ByteBuffer.wrap(request);
        long sentAt;
        boolean inFlight;

        void open(Selector selector) throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // the connection is part of the first request's time, as for a browser
            sentAt = System.nanoTime();
            inFlight = true;
            if (channel.connect(new InetSocketAddress("127.0.0.1", port))) {
                key = channel.register(selector, 0, this);
                send();
            } else {
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        }

        void reopen(Selector selector, boolean stopping) {
            close();
            if (stopping) {
                return;
            }
            try {
                open(selector);
            } catch (IOException e) {
                // this client is gone for the rest of the run: a failure too
                live.failed();
                inFlight = false;
            }
        }

        void sendIfAllowed(boolean stopping) throws IOException {
            if (stopping) {
                inFlight = false;
                key.interestOps(0);
                return;
            }
            send();
        }

        private void send() throws IOException {
            if (!inFlight) {
                sentAt = System.nanoTime();
                inFlight = true;
            }
            parser.reset(false);
            out.rewind();
            write();
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
