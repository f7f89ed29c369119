package calendarbot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to the kiosk on 127.0.0.1, one request at a time, timed from the first byte
 * written to the last byte read. Reconnects when the server closed the connection (the reconnection is timed too:
 * a browser pays it as well).
 */
final class HttpProbe implements AutoCloseable {

    /** One answer. */
    record Answer(int status, String body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final int port;
    private final int timeoutMillis;
    private final ResponseParser parser = new ResponseParser(true);
    private final byte[] buffer = new byte[64 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpProbe(int port, int timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Answer get(String path) throws IOException {
        return send("GET", path);
    }

    Answer post(String path) throws IOException {
        return send("POST", path);
    }

    Answer send(String method, String path) throws IOException {
        long started = System.nanoTime();
        try {
            return exchange(method, path, started);
        } catch (IOException | RuntimeException e) {
            // a kept-alive connection the server has closed meanwhile: once more on a new one
            close();
            if (System.nanoTime() - started > timeoutMillis * 1_000_000L) {
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            try {
                return exchange(method, path, started);
            } catch (RuntimeException again) {
                close();
                throw new IOException(again.getMessage(), again);
            } catch (IOException again) {
                close();
                throw again;
            }
        }
    }

    private Answer exchange(String method, String path, long started) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: */*\r\nUser-Agent: calendarbot-bench\r\n"
                + ("POST".equals(method) ? "Content-Length: 0\r\n" : "") + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        parser.reset("HEAD".equals(method));
        while (!parser.done()) {
            int n = in.read(buffer);
            if (n < 0) {
                if (parser.untilClose()) {
                    parser.endOfStream();
                    break;
                }
                throw new IOException("connection closed before the answer was complete");
            }
            int used = parser.feed(buffer, 0, n);
            if (used < n) {
                throw new IOException("the server sent more than one answer");
            }
        }
        Answer answer = new Answer(parser.status(), parser.bodyText(), System.nanoTime() - started);
        if (parser.closeAfter()) {
            close();
        }
        return answer;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
