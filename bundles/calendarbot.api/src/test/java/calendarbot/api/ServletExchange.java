package calendarbot.api;

import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * One request to a servlet and what it answered, with just enough of the Servlet API (made by
 * java.lang.reflect.Proxy; anything else throws) to drive the bundles' servlets and filters without a server.
 * The calling bundle's tests need jakarta.servlet on their class path; calendarbot.api itself imports none of it.
 */
public final class ServletExchange {

    public final String method;
    public final String path;
    public final Map<String, String> query = new LinkedHashMap<>();
    public final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public String remoteAddress = "127.0.0.1";
    private byte[] requestBody = new byte[0];

    /** What the servlet set; 200 when it set nothing, as a servlet container answers. */
    public int status = 200;
    public final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();

    public ServletExchange(String method, String uri) {
        this.method = method;
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
    }

    public static ServletExchange request(String method, String uri) {
        return new ServletExchange(method, uri);
    }

    public static ServletExchange get(String uri) {
        return new ServletExchange("GET", uri);
    }

    /** A POST as the kiosk page sends it: a JSON body, no Origin (a same-origin fetch may omit it). */
    public static ServletExchange post(String uri, String body) {
        ServletExchange x = new ServletExchange("POST", uri).body(body);
        return body.isEmpty() ? x : x.header("Content-Type", "application/json");
    }

    public static ServletExchange delete(String uri) {
        return new ServletExchange("DELETE", uri);
    }

    public ServletExchange header(String name, String value) {
        requestHeaders.put(name, value);
        return this;
    }

    public ServletExchange bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** The client's address ({@code getRemoteAddr()}). */
    public ServletExchange from(String address) {
        remoteAddress = address;
        return this;
    }

    /** The request body, UTF-8. */
    public ServletExchange body(String text) {
        requestBody = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Sends this request to {@code servlet}; returns this with the answer filled in. */
    public ServletExchange send(HttpServlet servlet) throws IOException {
        try {
            servlet.service(request(), response());
        } catch (ServletException e) {
            throw new IOException(e);
        }
        return this;
    }

    /** Through {@code filter} to {@code servlet}, as the whiteboard chains them. */
    public ServletExchange send(Filter filter, HttpServlet servlet) throws IOException {
        try {
            filter.doFilter(request(), response(), servlet::service);
        } catch (ServletException e) {
            throw new IOException(e);
        }
        return this;
    }

    /** A response header. */
    public String header(String name) {
        return headers.get(name);
    }

    public byte[] bytes() {
        return responseBody.toByteArray();
    }

    /** The body as text, un-gzip'd when it was sent gzip'd. */
    public String text() throws IOException {
        byte[] bytes = bytes();
        if ("gzip".equals(header("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The body, checked to be JSON, read by {@code parser}: calendarbot.json's JsonReader::parseObject, which this
     * test jar cannot name (calendarbot.json depends on calendarbot.api).
     */
    public <T> T json(Function<String, T> parser) throws IOException {
        assertContentType("application/json");
        return parser.apply(text());
    }

    public void assertContentType(String expected) {
        String type = header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(expected)) {
            throw new AssertionError("Content-Type " + type + ", expected " + expected);
        }
    }

    private HttpServletRequest request() {
        ByteArrayInputStream in = new ByteArrayInputStream(requestBody);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(ServletExchange.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getParameter" -> query.get((String) args[0]);
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getContentType" -> requestHeaders.get("Content-Type");
                    case "getContentLengthLong" -> (long) requestBody.length;
                    case "getInputStream" -> stream;
                    case "getRemoteAddr" -> remoteAddress;
                    case "toString" -> method + " " + path;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException("request." + m.getName());
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                responseBody.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                responseBody.write(b, off, len);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ServletExchange.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "getStatus" -> {
                            return status;
                        }
                        case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getHeader" -> {
                            return headers.get((String) args[0]);
                        }
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(p);
                        }
                        case "equals" -> {
                            return p == args[0];
                        }
                        default -> throw new UnsupportedOperationException("response." + m.getName());
                    }
                    return null;
                });
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
