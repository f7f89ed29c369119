package calendarbot.web.internal;

import calendarbot.json.JsonReader;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
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
import java.util.zip.GZIPInputStream;

/** Just enough of a servlet request and response, made with java.lang.reflect.Proxy, to drive the servlets. */
final class Http {

    private Http() {
    }

    static Request get(String uri) {
        return new Request("GET", uri);
    }

    /** A POST as the kiosk page sends it: a JSON body, no Origin (a same-origin fetch may omit it). */
    static Request post(String uri, String body) {
        Request r = new Request("POST", uri).body(body);
        return body.isEmpty() ? r : r.header("Content-Type", "application/json");
    }

    static Request delete(String uri) {
        return new Request("DELETE", uri);
    }

    static final class Request {
        final String method;
        final String path;
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byte[] body = new byte[0];

        Request(String method, String uri) {
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

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request body(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        HttpServletRequest build() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
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
            return (HttpServletRequest) Proxy.newProxyInstance(Http.class.getClassLoader(),
                    new Class<?>[] { HttpServletRequest.class }, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> path;
                        case "getContextPath" -> "";
                        case "getParameter" -> query.get((String) args[0]);
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getContentType" -> headers.get("Content-Type");
                        case "getContentLengthLong" -> (long) body.length;
                        case "getInputStream" -> stream;
                        case "toString" -> method + " " + path;
                        default -> throw new UnsupportedOperationException("request." + m.getName());
                    });
        }

        /** Through {@code filter} to {@code servlet}, as the whiteboard chains them. */
        Response send(jakarta.servlet.Filter filter, jakarta.servlet.http.HttpServlet servlet) throws IOException {
            Response response = new Response();
            try {
                filter.doFilter(build(), response.build(), servlet::service);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            return response;
        }

        Response send(jakarta.servlet.http.HttpServlet servlet) throws IOException {
            Response response = new Response();
            HttpServletRequest req = build();
            try {
                servlet.service((jakarta.servlet.ServletRequest) req, response.build());
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            return response;
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    static final class Response {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse build() {
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
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(Http.class.getClassLoader(),
                    new Class<?>[] { HttpServletResponse.class }, (proxy, m, args) -> {
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
                            default -> throw new UnsupportedOperationException("response." + m.getName());
                        }
                        return null;
                    });
        }

        String header(String name) {
            return headers.get(name);
        }

        /** The body as text, un-gzip'd when it was sent gzip'd. */
        String text() throws IOException {
            byte[] bytes = body.toByteArray();
            if ("gzip".equals(header("Content-Encoding"))) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws IOException {
            assertContentType("application/json");
            return (Map<String, Object>) JsonReader.parse(text());
        }

        void assertContentType(String expected) {
            String type = header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(expected)) {
                throw new AssertionError("Content-Type " + type + ", expected " + expected);
            }
        }
    }
}
