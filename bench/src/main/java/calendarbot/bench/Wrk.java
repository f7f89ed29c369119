package calendarbot.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same closed loop driven by wrk (Debian's {@code wrk}) when it is installed: a C client on epoll costs the
 * 2-core machine far less CPU than the Java one, so its figures are closer to what the server alone can do.
 */
final class Wrk {
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+([\\d.]+)", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("^\\s+(\\d+) requests in", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /** wrk -t1 -c{clients} -d{seconds}s --latency; one thread like the Java client's one selector. */
    static Map<String, Object> run(int port, String path, int clients, long seconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                "--latency", "http://127.0.0.1:" + port + path).redirectErrorStream(true).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            text = buf.toString(StandardCharsets.UTF_8);
        }
        if (!p.waitFor(seconds + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + text);
        }
        return parse(text, path, clients);
    }

    static Map<String, Object> parse(String text, String path, int clients) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", "wrk");
        m.put("path", path);
        m.put("clients", clients);
        Matcher total = TOTAL.matcher(text);
        Matcher rps = RPS.matcher(text);
        if (!total.find() || !rps.find()) {
            throw new IOException("cannot read wrk's output:\n" + text);
        }
        m.put("requests", Long.parseLong(total.group(1)));
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(text);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher non2xx = NON_2XX.matcher(text);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        m.put("errors", errors);
        m.put("warmup_errors", 0);
        m.put("throughput_rps", Math.round(Double.parseDouble(rps.group(1))));
        Matcher pct = PERCENTILE.matcher(text);
        while (pct.find()) {
            double v = Double.parseDouble(pct.group(2));
            double ms = switch (pct.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            m.put("p" + pct.group(1) + "_ms", Math.round(ms * 100) / 100.0);
        }
        return m;
    }
}
