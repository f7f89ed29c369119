package calendarbot.fetcher.internal;

import static calendarbot.fetcher.internal.TestServer.calendar;
import static calendarbot.fetcher.internal.TestServer.deflate;
import static calendarbot.fetcher.internal.TestServer.gzip;
import static calendarbot.fetcher.internal.TestServer.send;
import static calendarbot.fetcher.internal.TestServer.sendChunked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedFetcher;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchException.Kind;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceSpec.Auth;
import calendarbot.api.model.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against a real HTTP server on 127.0.0.1; nothing about the network is mocked. */
class HttpFeedFetcherTest {

    private static final String LAST_MODIFIED = "Mon, 05 Jan 2026 08:00:00 GMT";

    private TestServer server;
    private final List<HttpFeedFetcher> fetchers = new ArrayList<>();
    private final List<CountDownLatch> gates = new ArrayList<>();
    private final ExecutorService background = Executors.newFixedThreadPool(6);

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stopEverything() {
        gates.forEach(CountDownLatch::countDown);
        fetchers.forEach(HttpFeedFetcher::deactivate);
        background.shutdownNow();
        server.close();
    }

    // --- buffered or streamed -------------------------------------------------------------------------------

    @Test
    void feedWithContentLengthBelowThresholdIsBuffered() throws Exception {
        byte[] ics = calendar(500);
        server.on("/work.ics", ex -> send(ex, 200, ics, "ETag", "\"v1\"", "Last-Modified", LAST_MODIFIED));
        Capture capture = new Capture();

        FetchOutcome outcome = fetcher("streamThresholdBytes", 1024).fetch(source("/work.ics"), Validators.NONE,
                capture);

        assertTrue(capture.body.buffered());
        assertInstanceOf(ByteArrayInputStream.class, capture.body.stream());
        assertEquals(ics.length, capture.body.contentLength());
        assertArrayEquals(ics, capture.bytes);
        Validators validators = new Validators("\"v1\"", LAST_MODIFIED);
        assertEquals(validators, capture.body.validators());
        assertEquals(new FetchOutcome(false, 200, validators, ics.length, 1, outcome.millis()), outcome);
    }

    @Test
    void feedWithContentLengthAboveThresholdIsStreamed() throws Exception {
        byte[] ics = calendar(5000);
        server.on("/big.ics", ex -> send(ex, 200, ics));
        Capture capture = new Capture();

        FetchOutcome outcome = fetcher("streamThresholdBytes", 1024).fetch(source("/big.ics"), Validators.NONE,
                capture);

        assertFalse(capture.body.buffered());
        assertEquals(ics.length, capture.body.contentLength());
        assertArrayEquals(ics, capture.bytes);
        assertEquals(ics.length, outcome.bytes());
    }

    @Test
    void feedWithoutContentLengthIsStreamed() throws Exception {
        byte[] ics = calendar(500);
        server.on("/chunked.ics", ex -> sendChunked(ex, ics));
        Capture capture = new Capture();

        fetcher("streamThresholdBytes", 1024 * 1024).fetch(source("/chunked.ics"), Validators.NONE, capture);

        assertFalse(capture.body.buffered());
        assertEquals(-1, capture.body.contentLength());
        assertArrayEquals(ics, capture.bytes);
    }

    // --- conditional GET ------------------------------------------------------------------------------------

    @Test
    void notModifiedSendsValidatorsAndSkipsTheReader() throws Exception {
        server.on("/work.ics", ex -> {
            boolean fresh = "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
            if (fresh) {
                send(ex, 304, new byte[0], "ETag", "\"v1-gzip\"");
            } else {
                send(ex, 200, calendar(100));
            }
        });
        Capture capture = new Capture();

        FetchOutcome outcome = fetcher().fetch(source("/work.ics"), new Validators("\"v1\"", LAST_MODIFIED),
                capture);

        assertEquals(0, capture.calls);
        assertTrue(outcome.notModified());
        assertEquals(304, outcome.httpStatus());
        assertEquals(new Validators("\"v1-gzip\"", LAST_MODIFIED), outcome.validators(),
                "the 304's new ETag replaces the old one, Last-Modified is kept");
        assertEquals("\"v1\"", server.first("/work.ics").header("If-None-Match"));
        assertEquals(LAST_MODIFIED, server.first("/work.ics").header("If-Modified-Since"));
    }

    @Test
    void firstFetchSendsNoConditionalHeaders() throws Exception {
        server.on("/work.ics", ex -> send(ex, 200, calendar(100)));

        fetcher().fetch(source("/work.ics"), Validators.NONE, new Capture());

        assertNull(server.first("/work.ics").header("If-None-Match"));
        assertNull(server.first("/work.ics").header("If-Modified-Since"));
    }

    // --- decoding and size caps ------------------------------------------------------------------------------

    @Test
    void gzipBodyIsDecodedAndThresholdUsesTheDeclaredLength() throws Exception {
        byte[] ics = calendar(3000);
        byte[] compressed = gzip(ics);
        server.on("/gzip.ics", ex -> send(ex, 200, compressed, "Content-Encoding", "gzip"));
        Capture capture = new Capture();

        FetchOutcome outcome = fetcher("streamThresholdBytes", 4096).fetch(source("/gzip.ics"), Validators.NONE,
                capture);

        assertEquals("gzip, deflate", server.first("/gzip.ics").header("Accept-Encoding"));
        assertTrue(capture.body.buffered());
        assertEquals(compressed.length, capture.body.contentLength());
        assertArrayEquals(ics, capture.bytes);
        assertEquals(ics.length, outcome.bytes(), "bytes counts decoded bytes");
    }

    @Test
    void smallGzipBodyThatInflatesPastTheThresholdCarriesOnAsAStream() throws Exception {
        byte[] ics = calendar(50_000);
        byte[] compressed = gzip(ics);
        assertTrue(compressed.length < 4096, "test data: compresses below the threshold");
        server.on("/gzip.ics", ex -> send(ex, 200, compressed, "Content-Encoding", "gzip"));
        Capture capture = new Capture();

        fetcher("streamThresholdBytes", 4096).fetch(source("/gzip.ics"), Validators.NONE, capture);

        assertFalse(capture.body.buffered(), "never more than the threshold in memory");
        assertArrayEquals(ics, capture.bytes);
    }

    @ParameterizedTest(name = "raw deflate: {0}")
    @ValueSource(booleans = {false, true})
    void deflateBodyIsDecodedWhetherZlibWrappedOrRaw(boolean raw) throws Exception {
        byte[] ics = calendar(3000);
        server.on("/deflate.ics", ex -> send(ex, 200, deflate(ics, raw), "Content-Encoding", "deflate"));
        Capture capture = new Capture();

        fetcher().fetch(source("/deflate.ics"), Validators.NONE, capture);

        assertArrayEquals(ics, capture.bytes);
    }

    @Test
    void gzipBombIsCutAtMaxBodyBytesBeforeTheReader() throws Exception {
        byte[] bomb = gzip(new byte[1024 * 1024]);
        server.on("/bomb.ics", ex -> send(ex, 200, bomb, "Content-Encoding", "gzip"));
        Capture capture = new Capture();

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("maxBodyBytes", 64 * 1024).fetch(source("/bomb.ics"), Validators.NONE, capture));

        assertEquals(Kind.TOO_LARGE, e.kind());
        assertEquals(0, capture.calls);
        assertEquals(1, server.count("/bomb.ics"), "too large is not retried");
    }

    @Test
    void gzipBombWhileStreamingIsCutAtMaxBodyBytes() throws Exception {
        byte[] bomb = gzip(new byte[1024 * 1024]);
        server.on("/bomb.ics", ex -> sendChunked(ex, bomb, "Content-Encoding", "gzip"));
        Capture capture = new Capture();

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("maxBodyBytes", 64 * 1024).fetch(source("/bomb.ics"), Validators.NONE, capture));

        assertEquals(Kind.TOO_LARGE, e.kind());
        assertNotNull(capture.failure, "the reader saw the stream fail");
    }

    @Test
    void readerThatSwallowsTheCutStillGetsTooLarge() throws Exception {
        server.on("/bomb.ics", ex -> sendChunked(ex, gzip(new byte[1024 * 1024]), "Content-Encoding", "gzip"));

        FetchException e = assertThrows(FetchException.class, () -> fetcher("maxBodyBytes", 64 * 1024)
                .fetch(source("/bomb.ics"), Validators.NONE, body -> {
                    try {
                        body.stream().readAllBytes();
                    } catch (IOException lenientParserIgnoresIt) {
                        // a parser that stops quietly at a read error
                    }
                }));

        assertEquals(Kind.TOO_LARGE, e.kind());
    }

    @Test
    void declaredOversizeIsRejectedWithoutReading() throws Exception {
        CountDownLatch release = gate();
        server.on("/huge.ics", ex -> {
            ex.sendResponseHeaders(200, 10L * 1024 * 1024);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[1024]);
            out.flush();
            await(release); // a client that tried to read the body would stall here
        });
        Capture capture = new Capture();

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("maxBodyBytes", 1024 * 1024).fetch(source("/huge.ics"), Validators.NONE, capture));

        assertEquals(Kind.TOO_LARGE, e.kind());
        assertEquals(200, e.httpStatus());
        assertEquals(0, capture.calls);
        assertEquals(1, server.count("/huge.ics"));
    }

    @Test
    void truncatedBodyIsRetriedThenReportedAsNetwork() throws Exception {
        // A raw socket: the JDK's test server keeps the connection open when a handler writes too little.
        AtomicInteger answered = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(10_000);
            background.submit(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = listener.accept()) {
                        readRequestHead(socket.getInputStream());
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.write(calendar(1000), 0, 500);
                        out.flush();
                        answered.incrementAndGet();
                    } // closing the socket cuts the body short
                }
                return null;
            });
            SourceSpec source = source(URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/cut.ics"));
            Capture capture = new Capture();

            FetchException e = assertThrows(FetchException.class,
                    () -> fetcher("maxRetries", 1).fetch(source, Validators.NONE, capture));

            assertEquals(Kind.NETWORK, e.kind());
            assertEquals(0, capture.calls, "a buffered body is checked before the reader sees it");
            assertEquals(2, answered.get(), "retried once");
        }
    }

    // --- redirects -------------------------------------------------------------------------------------------

    @Test
    void relativeRedirectIsFollowed() throws Exception {
        byte[] ics = calendar(300);
        server.on("/old/work.ics", ex -> send(ex, 301, new byte[0], "Location", "../new/work.ics"));
        server.on("/new/work.ics", ex -> send(ex, 200, ics));
        Capture capture = new Capture();

        FetchOutcome outcome = fetcher().fetch(source("/old/work.ics"), Validators.NONE, capture);

        assertEquals(200, outcome.httpStatus());
        assertEquals(1, outcome.attempts(), "redirect hops are not attempts");
        assertArrayEquals(ics, capture.bytes);
        assertEquals(server.uri("/new/work.ics"), capture.body.finalUrl());
    }

    @Test
    void crossHostRedirectDropsCredentialsSameHostRedirectKeepsThem() throws Exception {
        server.on("/start.ics", ex -> send(ex, 307, new byte[0], "Location", "/private.ics"));
        server.on("/private.ics", ex -> send(ex, 302, new byte[0], "Location",
                server.localhostUri("/elsewhere.ics").toString()));
        server.on("/elsewhere.ics", ex -> send(ex, 200, calendar(300)));
        SourceSpec source = new SourceSpec("work", "Work", server.uri("/start.ics"), "#123456", true,
                new Auth(Auth.Type.BEARER, null, "s3cret"), Map.of("X-Calendar-Key", "k1"));
        Capture capture = new Capture();

        fetcher().fetch(source, Validators.NONE, capture);

        for (String sameHost : List.of("/start.ics", "/private.ics")) {
            assertEquals("Bearer s3cret", server.first(sameHost).header("Authorization"), sameHost);
            assertEquals("k1", server.first(sameHost).header("X-Calendar-Key"), sameHost);
        }
        TestServer.Request elsewhere = server.first("/elsewhere.ics");
        assertTrue(elsewhere.header("Host").startsWith("localhost:"), "really went to the other host name");
        assertNull(elsewhere.header("Authorization"), "credentials must not leak to another host");
        assertNull(elsewhere.header("X-Calendar-Key"));
        assertEquals(server.localhostUri("/elsewhere.ics"), capture.body.finalUrl());
    }

    @Test
    void fiveRedirectsAreFollowedSixAreNot() throws Exception {
        for (int hop = 0; hop < 6; hop++) {
            String next = "/hop" + (hop + 1) + ".ics";
            server.on("/hop" + hop + ".ics", ex -> send(ex, 302, new byte[0], "Location", next));
        }
        server.on("/hop6.ics", ex -> send(ex, 200, calendar(100)));
        HttpFeedFetcher fetcher = fetcher("maxRedirects", 5);

        FetchOutcome fiveHops = fetcher.fetch(source("/hop1.ics"), Validators.NONE, new Capture());
        FetchException sixHops = assertThrows(FetchException.class,
                () -> fetcher.fetch(source("/hop0.ics"), Validators.NONE, new Capture()));

        assertEquals(200, fiveHops.httpStatus());
        assertEquals(Kind.BAD_URL, sixHops.kind());
        assertTrue(sixHops.getMessage().contains("more than 5 redirects"), sixHops.getMessage());
    }

    @Test
    void redirectLoopIsDetected() throws Exception {
        server.on("/a.ics", ex -> send(ex, 302, new byte[0], "Location", "/b.ics"));
        server.on("/b.ics", ex -> send(ex, 302, new byte[0], "Location", "/a.ics"));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/a.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.BAD_URL, e.kind());
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
        assertEquals(1, server.count("/a.ics"), "stopped before asking for /a.ics again");
    }

    @Test
    void redirectAndNotFoundFailuresShowTheHostNeverTheFeedsKey() throws Exception {
        server.on("/private/k3y.ics", ex -> send(ex, 302, new byte[0], "Location", "/private/k3y2.ics?token=s3cret"));
        server.on("/private/k3y2.ics", ex -> send(ex, 302, new byte[0], "Location", "/private/k3y.ics"));
        server.on("/hop/k3y.ics", ex -> send(ex, 302, new byte[0], "Location",
                "/hop/k3y.ics?token=s3cret&n=" + ex.getRequestURI().getQuery()));
        server.on("/gone/k3y.ics", ex -> send(ex, 404, "no".getBytes()));

        FetchException loop = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/private/k3y.ics"), Validators.NONE, new Capture()));
        FetchException tooMany = assertThrows(FetchException.class,
                () -> fetcher("maxRedirects", 2).fetch(source("/hop/k3y.ics"), Validators.NONE, new Capture()));
        FetchException gone = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/gone/k3y.ics"), Validators.NONE, new Capture()));

        assertTrue(gone.getMessage().contains("still published at"), gone.getMessage());
        for (FetchException e : List.of(loop, tooMany, gone)) {
            assertFalse(e.getMessage().contains("k3y") || e.getMessage().contains("s3cret"), e.getMessage());
            assertTrue(e.getMessage().contains(server.uri("/") + "…"), e.getMessage());
        }
        assertEquals(Kind.BAD_URL, loop.kind());
        assertEquals(Kind.BAD_URL, tooMany.kind());
        assertTrue(loop.getMessage().contains("redirect loop"), loop.getMessage());
        assertTrue(tooMany.getMessage().contains("more than 2 redirects"), tooMany.getMessage());
    }

    @Test
    void redirectToAFileIsRefused() throws Exception {
        server.on("/evil.ics", ex -> send(ex, 302, new byte[0], "Location", "file:/etc/passwd"));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/evil.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.BAD_URL, e.kind());
    }

    // --- retries ---------------------------------------------------------------------------------------------

    @Test
    void retriesAfter503ThenSucceeds() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.on("/flaky.ics", ex -> {
            if (requests.incrementAndGet() <= 2) {
                send(ex, 503, "busy".getBytes());
            } else {
                send(ex, 200, calendar(200));
            }
        });

        FetchOutcome outcome = fetcher().fetch(source("/flaky.ics"), Validators.NONE, new Capture());

        assertEquals(200, outcome.httpStatus());
        assertEquals(3, outcome.attempts());
        assertEquals(3, server.count("/flaky.ics"));
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.on("/limited.ics", ex -> {
            if (requests.incrementAndGet() == 1) {
                send(ex, 429, new byte[0], "Retry-After", "1");
            } else {
                send(ex, 200, calendar(200));
            }
        });

        FetchOutcome outcome = fetcher().fetch(source("/limited.ics"), Validators.NONE, new Capture());

        assertEquals(200, outcome.httpStatus());
        assertEquals(2, outcome.attempts());
    }

    @Test
    void aRetryAfterDateIsAWaitFromTheBookkeepingTime() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.on("/limited.ics", ex -> {
            if (requests.incrementAndGet() == 1) {
                send(ex, 503, new byte[0], "Retry-After", "Sat, 01 Jan 2095 00:00:01 GMT");
            } else {
                send(ex, 200, calendar(200));
            }
        });
        // far from the machine's date either way: read from it, the wait would be the whole minute
        HttpFeedFetcher fetcher = fetcher("retryMaxDelayMillis", 60_000);
        fetcher.time = new ManualTime("2095-01-01T00:00:00.800Z");

        Future<FetchOutcome> outcome = background.submit(() -> fetcher.fetch(source("/limited.ics"),
                Validators.NONE, new Capture()));

        assertEquals(2, outcome.get(20, TimeUnit.SECONDS).attempts(), "retried after 200 ms, not after a minute");
    }

    @Test
    void aRetryAfterBeyondTheTotalTimeoutGivesUpAndTellsTheRefresherWhenToAskAgain() throws Exception {
        server.on("/throttled.ics", ex -> send(ex, 429, new byte[0], "Retry-After", "3600"));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("totalTimeoutSeconds", 5).fetch(source("/throttled.ics"), Validators.NONE, new Capture()));

        assertEquals(429, e.httpStatus());
        assertEquals(1, server.count("/throttled.ics"), "no retry inside the fetch: the hour is the schedule's");
        assertEquals(Duration.ofHours(1), e.retryAfter());
    }

    @Test
    void givesUpAfterMaxRetries() throws Exception {
        server.on("/down.ics", ex -> send(ex, 500, new byte[0]));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("maxRetries", 2).fetch(source("/down.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.HTTP_STATUS, e.kind());
        assertEquals(500, e.httpStatus());
        assertEquals(3, server.count("/down.ics"));
    }

    @Test
    void doesNotRetry404() throws Exception {
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/gone.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.HTTP_STATUS, e.kind());
        assertEquals(404, e.httpStatus());
        assertEquals(1, server.count("/gone.ics"));
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {401, 403})
    void unauthorizedOrForbiddenIsAnAuthenticationProblem(int status) throws Exception {
        server.on("/secret.ics", ex -> send(ex, status, "no".getBytes()));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source("/secret.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertEquals(status, e.httpStatus());
        assertTrue(e.getMessage().startsWith("work: " + status + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("check the calendar URL's secret or credentials"), e.getMessage());
        assertEquals(1, server.count("/secret.ics"), "not retried");
    }

    @Test
    void connectionRefusedIsNetworkAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        SourceSpec source = source(URI.create("http://127.0.0.1:" + closedPort + "/work.ics"));

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher("maxRetries", 1).fetch(source, Validators.NONE, new Capture()));

        assertEquals(Kind.NETWORK, e.kind());
        assertTrue(e.getMessage().contains("gave up after 2 attempts"), e.getMessage());
    }

    // --- timeouts --------------------------------------------------------------------------------------------

    @Test
    void stalledServerIsAReadTimeout() throws Exception {
        CountDownLatch release = gate();
        server.on("/stalled.ics", ex -> {
            await(release);
            send(ex, 200, calendar(100));
        });

        FetchException e = assertThrows(FetchException.class, () -> fetcher("readTimeoutSeconds", 1, "maxRetries", 0)
                .fetch(source("/stalled.ics"), Validators.NONE, new Capture()));

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals(1, server.count("/stalled.ics"));
    }

    @Test
    void feedStillTricklingAtTheTotalTimeoutIsCut() throws Exception {
        server.on("/trickle.ics", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 40; i++) { // 4 s at most, well past the 1 s total timeout
                out.write(("X-LINE:" + i + "\r\n").getBytes());
                out.flush();
                pause(100);
            }
            out.close();
        });
        Capture capture = new Capture();

        FetchException e = assertThrows(FetchException.class, () -> fetcher("totalTimeoutSeconds", 1)
                .fetch(source("/trickle.ics"), Validators.NONE, capture));

        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("total timeout"), e.getMessage());
        assertEquals(1, capture.calls, "the reader had started: no retry");
    }

    // --- requests as configured ------------------------------------------------------------------------------

    @Test
    void basicCredentialsAreSent() throws Exception {
        server.on("/work.ics", ex -> send(ex, 200, calendar(100)));
        SourceSpec source = new SourceSpec("work", "Work", server.uri("/work.ics"), null, true,
                new Auth(Auth.Type.BASIC, "kiosk", "pässword"), null);

        fetcher().fetch(source, Validators.NONE, new Capture());

        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("kiosk:pässword".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, server.first("/work.ics").header("Authorization"));
    }

    @Test
    void bearerTokenIsSent() throws Exception {
        server.on("/work.ics", ex -> send(ex, 200, calendar(100)));
        SourceSpec source = new SourceSpec("work", "Work", server.uri("/work.ics"), null, true,
                new Auth(Auth.Type.BEARER, null, "t0ken"), null);

        fetcher().fetch(source, Validators.NONE, new Capture());

        assertEquals("Bearer t0ken", server.first("/work.ics").header("Authorization"));
    }

    @Test
    void extraHeadersAndUserAgentAreSent() throws Exception {
        server.on("/work.ics", ex -> send(ex, 200, calendar(100)));
        SourceSpec source = new SourceSpec("work", "Work", server.uri("/work.ics"), null, true, null,
                Map.of("X-Tenant", "acme", "Prefer", "return=minimal"));

        fetcher().fetch(source, Validators.NONE, new Capture());

        TestServer.Request request = server.first("/work.ics");
        assertEquals("acme", request.header("X-Tenant"));
        assertEquals("return=minimal", request.header("Prefer"));
        assertEquals("CalendarBot-Lite/0.1", request.header("User-Agent"));
        assertNull(request.header("Authorization"), "no auth configured, none sent");
    }

    @Test
    void readerThatFindsNoCalendarIsReportedAsSuch() throws Exception {
        server.on("/login.html", ex -> send(ex, 200, "<html>sign in</html>".getBytes()));

        FetchException e = assertThrows(FetchException.class, () -> fetcher().fetch(source("/login.html"),
                Validators.NONE, body -> {
                    throw new NotACalendarException("no BEGIN:VCALENDAR (an HTML page?)");
                }));

        assertEquals(Kind.NOT_A_CALENDAR, e.kind());
        assertEquals(200, e.httpStatus());
        assertEquals(1, server.count("/login.html"), "a parse failure is not retried");
    }

    @Test
    void unsupportedSchemeIsABadUrl() {
        FetchException e = assertThrows(FetchException.class, () -> fetcher()
                .fetch(source(URI.create("ftp://example.org/work.ics")), Validators.NONE, new Capture()));

        assertEquals(Kind.BAD_URL, e.kind());
    }

    // --- the demo calendar ----------------------------------------------------------------------------------

    @Test
    void theDemoCalendarIsPlacedAroundTheKiosksNowAndKeptWhileItFits() throws Exception {
        ManualTime kioskNow = new ManualTime("2026-11-24T22:50:00Z");
        HttpFeedFetcher fetcher = fetcher();
        fetcher.clock = kioskNow.asClock();
        fetcher.kiosk = new FixedKioskSettings(ZoneId.of("Europe/Berlin"));
        SourceSpec demo = source(URI.create("demo:calendar"));

        Capture first = new Capture();
        FetchOutcome placed = fetcher.fetch(demo, Validators.NONE, first);
        String ics = new String(first.bytes, StandardCharsets.UTF_8);
        assertEquals(200, placed.httpStatus());
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.endsWith("END:VCALENDAR\r\n"));
        assertTrue(ics.contains("DTSTART;TZID=Europe/Berlin:20261125T000200"), "a meeting 12 minutes from now: " + ics);
        assertTrue(ics.contains("RRULE:FREQ=DAILY"), "series keep the demo alive");

        kioskNow.advance(Duration.ofHours(11));
        Capture again = new Capture();
        assertTrue(fetcher.fetch(demo, placed.validators(), again).notModified(), "kept: no countdown jumps");
        assertEquals(0, again.calls);

        kioskNow.advance(Duration.ofHours(2));
        Capture moved = new Capture();
        FetchOutcome replaced = fetcher.fetch(demo, placed.validators(), moved);
        assertEquals(200, replaced.httpStatus());
        assertTrue(new String(moved.bytes, StandardCharsets.UTF_8).contains("DTSTART;TZID=Europe/Berlin:20261125T130200"),
                "placed again around the new now");
    }

    @Test
    void theDemoCalendarWithoutAKioskClockIsAFailureThatNamesIt() {
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source(URI.create("demo:calendar")), Validators.NONE, new Capture()));
        assertTrue(e.getMessage().contains("kiosk's clock"), e.getMessage());
    }

    // --- file: URLs ------------------------------------------------------------------------------------------

    @Test
    void fileFeedsFollowTheThresholdRuleAndKnowWhenUnchanged(@TempDir Path folder) throws Exception {
        Path small = Files.write(folder.resolve("small.ics"), calendar(500));
        Path large = Files.write(folder.resolve("large.ics"), calendar(5000));
        HttpFeedFetcher fetcher = fetcher("streamThresholdBytes", 1024);

        Capture smallRead = new Capture();
        FetchOutcome first = fetcher.fetch(source(small.toUri()), Validators.NONE, smallRead);
        Capture largeRead = new Capture();
        fetcher.fetch(source(large.toUri()), Validators.NONE, largeRead);
        Capture again = new Capture();
        FetchOutcome unchanged = fetcher.fetch(source(small.toUri()), first.validators(), again);

        assertEquals(200, first.httpStatus());
        assertTrue(smallRead.body.buffered());
        assertEquals(Files.size(small), smallRead.body.contentLength());
        assertArrayEquals(Files.readAllBytes(small), smallRead.bytes);
        assertFalse(largeRead.body.buffered());
        assertArrayEquals(Files.readAllBytes(large), largeRead.bytes);
        assertTrue(unchanged.notModified());
        assertEquals(0, again.calls);
    }

    @Test
    void missingFileIsABadUrlWithItsPath(@TempDir Path folder) {
        Path missing = folder.resolve("nowhere.ics");

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(source(missing.toUri()), Validators.NONE, new Capture()));

        assertEquals(Kind.BAD_URL, e.kind());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    // --- concurrency and runtime changes ---------------------------------------------------------------------

    @Test
    void withConcurrencyOneNeverTwoRequestsInFlight() throws Exception {
        CountDownLatch release = gate();
        CountDownLatch firstArrived = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server.on("/one.ics", ex -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstArrived.countDown();
            await(release);
            inFlight.decrementAndGet(); // before the answer: the client cannot finish earlier
            send(ex, 200, calendar(100));
        });
        HttpFeedFetcher fetcher = fetcher("fetchConcurrency", 1);

        List<Future<FetchOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(background.submit(() -> fetcher.fetch(source("/one.ics"), Validators.NONE, new Capture())));
        }
        assertTrue(firstArrived.await(10, TimeUnit.SECONDS));
        waitUntil(() -> fetcher.slots.getQueueLength() == 2, "two fetches waiting for their turn");
        release.countDown();

        for (Future<FetchOutcome> result : results) {
            assertEquals(200, result.get(10, TimeUnit.SECONDS).httpStatus());
        }
        assertEquals(1, most.get());
        assertEquals(3, server.count("/one.ics"));
    }

    @Test
    void withConcurrencyTwoTwoRequestsRunTogether() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server.on("/two.ics", ex -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            bothArrived.countDown();
            try {
                bothArrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            send(ex, 200, calendar(100));
        });
        HttpFeedFetcher fetcher = fetcher("fetchConcurrency", 2);

        Future<FetchOutcome> a = background.submit(() -> fetcher.fetch(source("/two.ics"), Validators.NONE,
                new Capture()));
        Future<FetchOutcome> b = background.submit(() -> fetcher.fetch(source("/two.ics"), Validators.NONE,
                new Capture()));

        assertEquals(200, a.get(15, TimeUnit.SECONDS).httpStatus());
        assertEquals(200, b.get(15, TimeUnit.SECONDS).httpStatus());
        assertEquals(2, most.get());
    }

    @Test
    void thresholdChangeAppliesToTheNextFetchWhileASlowFetchCompletes() throws Exception {
        byte[] ics = calendar(4000);
        SlowFeed slow = slowFeed(ics);
        server.on("/quick.ics", ex -> send(ex, 200, ics));
        HttpFeedFetcher fetcher = fetcher("streamThresholdBytes", 1024 * 1024, "fetchConcurrency", 2);
        Capture slowRead = new Capture();
        Future<FetchOutcome> slowFetch = background.submit(() -> fetcher.fetch(source("/slow.ics"),
                Validators.NONE, slowRead));
        assertTrue(slow.halfSent.await(10, TimeUnit.SECONDS));

        fetcher.configure(testConfig("streamThresholdBytes", 1024, "fetchConcurrency", 2)); // as @Modified does
        Capture quickRead = new Capture();
        fetcher.fetch(source("/quick.ics"), Validators.NONE, quickRead);
        slow.finish.countDown();

        assertEquals(200, slowFetch.get(10, TimeUnit.SECONDS).httpStatus());
        assertTrue(slowRead.body.buffered(), "the fetch in progress keeps the threshold it started with");
        assertArrayEquals(ics, slowRead.bytes);
        assertFalse(quickRead.body.buffered(), "the next fetch uses the new threshold");
        assertArrayEquals(ics, quickRead.bytes);
    }

    @Test
    void concurrencyShrinkWaitsForTheFetchInFlight() throws Exception {
        byte[] ics = calendar(4000);
        SlowFeed slow = slowFeed(ics);
        server.on("/quick.ics", ex -> {
            slow.events.add("quick arrived");
            send(ex, 200, ics);
        });
        HttpFeedFetcher fetcher = fetcher("fetchConcurrency", 2);
        Future<FetchOutcome> slowFetch = background.submit(() -> fetcher.fetch(source("/slow.ics"),
                Validators.NONE, new Capture()));
        assertTrue(slow.halfSent.await(10, TimeUnit.SECONDS));

        fetcher.configure(testConfig("fetchConcurrency", 1));
        Future<FetchOutcome> quickFetch = background.submit(() -> fetcher.fetch(source("/quick.ics"),
                Validators.NONE, new Capture()));
        waitUntil(() -> fetcher.slots.getQueueLength() == 1, "the new fetch waiting for the one in flight");
        slow.finish.countDown();

        assertEquals(200, slowFetch.get(10, TimeUnit.SECONDS).httpStatus());
        assertEquals(200, quickFetch.get(10, TimeUnit.SECONDS).httpStatus());
        assertEquals(List.of("slow finished", "quick arrived"), slow.events);
        assertEquals(1, fetcher.slots.availablePermits(), "the fetch in flight released into the resized pool");
    }

    @Test
    void aDrippingFeedGivesItsSlotToACalendarWaitingForOne() throws Exception {
        CountDownLatch stop = gate();
        CountDownLatch bodyDripping = new CountDownLatch(1);
        CountDownLatch headerDripping = new CountDownLatch(1);
        AtomicInteger headerConnections = new AtomicInteger();
        server.on("/drip.ics", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("BEGIN:VCALENDAR\r\nX-DRIP:".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            bodyDripping.countDown();
            while (!gateOpens(stop, 200)) {
                out.write('x');
                out.flush();
            }
        });
        server.on("/quick.ics", ex -> send(ex, 200, calendar(20)));
        try (ServerSocket headers = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"))) {
            background.submit(() -> {
                while (!headers.isClosed()) {
                    try (Socket socket = headers.accept()) {
                        headerConnections.incrementAndGet();
                        readRequestHead(socket.getInputStream());
                        OutputStream out = socket.getOutputStream();
                        headerDripping.countDown();
                        while (!gateOpens(stop, 200)) {
                            out.write('H'); // a status line that never ends
                            out.flush();
                        }
                    } catch (IOException hungUp) {
                        // the fetcher closed the connection; wait for another
                    }
                }
                return null;
            });
            // long timeouts: only the give-way rule can free a slot before the test's own patience ends
            HttpFeedFetcher fetcher = fetcher("fetchConcurrency", 2, "giveWayAfterSeconds", 1, "readTimeoutSeconds",
                    600, "totalTimeoutSeconds", 3600, "maxRetries", 3);
            Future<FetchOutcome> bodyDrip = background.submit(() -> fetcher.fetch(source("/drip.ics"),
                    Validators.NONE, new Capture()));
            Future<FetchOutcome> headerDrip = background.submit(() -> fetcher.fetch(source(URI.create(
                    "http://127.0.0.1:" + headers.getLocalPort() + "/slow-headers.ics")), Validators.NONE,
                    new Capture()));
            assertTrue(bodyDripping.await(10, TimeUnit.SECONDS) && headerDripping.await(10, TimeUnit.SECONDS));

            Capture quick = new Capture();
            Future<FetchOutcome> waiting = background.submit(() -> fetcher.fetch(source("/quick.ics"),
                    Validators.NONE, quick));

            assertEquals(200, waiting.get(60, TimeUnit.SECONDS).httpStatus());
            assertArrayEquals(calendar(20), quick.bytes);
            // the headers never end, so that fetch moved no body at all: the slowest, it gave way
            FetchException gaveWay = failureOf(headerDrip);
            assertEquals(Kind.TIMEOUT, gaveWay.kind());
            assertTrue(gaveWay.getMessage().matches("work: too slow: 0 bytes in the last \\d+ s \\(after \\d+ s\\);"
                    + " its fetch slot went to another calendar waiting for one"), gaveWay.getMessage());
            assertEquals(1, headerConnections.get(), "not retried at once: the refresher's backoff decides");
            assertFalse(bodyDrip.isDone(), "with no one waiting, the other slow fetch keeps its slot");
        }
    }

    // --- cancellation ----------------------------------------------------------------------------------------

    @Test
    void deactivateEndsAWaitBeforeRetry() throws Exception {
        CountDownLatch firstTry = new CountDownLatch(1);
        server.on("/busy.ics", ex -> {
            firstTry.countDown();
            send(ex, 503, new byte[0], "Retry-After", "30");
        });
        HttpFeedFetcher fetcher = fetcher("retryMaxDelayMillis", 60_000);
        Future<FetchOutcome> result = background.submit(() -> fetcher.fetch(source("/busy.ics"), Validators.NONE,
                new Capture()));
        assertTrue(firstTry.await(10, TimeUnit.SECONDS));

        fetcher.deactivate();

        assertEquals(Kind.CANCELLED, failureOf(result).kind());
        assertEquals(1, server.count("/busy.ics"));
    }

    @Test
    void interruptEndsAWaitBeforeRetry() throws Exception {
        CountDownLatch firstTry = new CountDownLatch(1);
        server.on("/busy.ics", ex -> {
            firstTry.countDown();
            send(ex, 503, new byte[0], "Retry-After", "30");
        });
        HttpFeedFetcher fetcher = fetcher("retryMaxDelayMillis", 60_000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread refresher = new Thread(() -> {
            try {
                fetcher.fetch(source("/busy.ics"), Validators.NONE, new Capture());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        refresher.start();
        assertTrue(firstTry.await(10, TimeUnit.SECONDS));

        refresher.interrupt();
        refresher.join(10_000);

        assertFalse(refresher.isAlive());
        FetchException e = assertInstanceOf(FetchException.class, thrown.get());
        assertEquals(Kind.CANCELLED, e.kind());
    }

    @Test
    void deactivateEndsAStreamingRead() throws Exception {
        server.on("/drip.ics", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 100; i++) { // 5 s at most
                out.write(("X-LINE:" + i + "\r\n").getBytes());
                out.flush();
                pause(50);
            }
            out.close();
        });
        CountDownLatch reading = new CountDownLatch(1);
        HttpFeedFetcher fetcher = fetcher();
        Future<FetchOutcome> result = background.submit(() -> fetcher.fetch(source("/drip.ics"), Validators.NONE,
                body -> {
                    InputStream in = body.stream();
                    in.read(new byte[16]);
                    reading.countDown();
                    in.transferTo(OutputStream.nullOutputStream());
                }));
        assertTrue(reading.await(10, TimeUnit.SECONDS));

        fetcher.deactivate();

        assertEquals(Kind.CANCELLED, failureOf(result).kind());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Reads the whole body, as a parser would, and remembers what it saw. */
    static final class Capture implements FeedFetcher.BodyReader {
        FeedBody body;
        byte[] bytes;
        IOException failure;
        int calls;

        @Override
        public void read(FeedBody fetched) throws IOException {
            calls++;
            body = fetched;
            try {
                bytes = fetched.stream().readAllBytes();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** /slow.ics: sends half its declared body, then waits for {@code finish}. */
    record SlowFeed(CountDownLatch halfSent, CountDownLatch finish, List<String> events) {
    }

    private SlowFeed slowFeed(byte[] ics) {
        SlowFeed slow = new SlowFeed(new CountDownLatch(1), gate(), Collections.synchronizedList(new ArrayList<>()));
        server.on("/slow.ics", ex -> {
            ex.sendResponseHeaders(200, ics.length);
            OutputStream out = ex.getResponseBody();
            out.write(ics, 0, 2000);
            out.flush();
            slow.halfSent.countDown();
            await(slow.finish);
            slow.events.add("slow finished");
            out.write(ics, 2000, ics.length - 2000);
            out.close();
        });
        return slow;
    }

    /** Small retry delays so retry tests stay quick; everything else at its default. */
    private static HttpFeedFetcher.Config testConfig(Object... overrides) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("retryBaseDelayMillis", 10, "retryMaxDelayMillis", 2000));
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return ConfigProxy.of(HttpFeedFetcher.Config.class, values);
    }

    private HttpFeedFetcher fetcher(Object... overrides) {
        HttpFeedFetcher fetcher = new HttpFeedFetcher();
        fetcher.configure(testConfig(overrides));
        fetchers.add(fetcher);
        return fetcher;
    }

    private SourceSpec source(String path) {
        return source(server.uri(path));
    }

    private static SourceSpec source(URI url) {
        return new SourceSpec("work", "Work", url, "#1565c0", true, Auth.NONE, Map.of());
    }

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code millis} for {@code gate}; true when it opened. */
    private static boolean gateOpens(CountDownLatch gate, long millis) throws IOException {
        try {
            return gate.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("test server stopping", e);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("test server stopping", e);
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("never reached: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b; matched < end.length && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static FetchException failureOf(Future<?> result) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(FetchException.class, e.getCause());
    }
}
