package calendarbot.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls for the integration tests (the JDK's client only: it also runs inside the OSGi probe). */
public final class Http {
    private Http() {
    }

    /** Status and body of one exchange. */
    public record Response(int status, String body) {
    }

    public static Response get(URI uri) throws IOException {
        return exchange("GET", uri, null, null, null);
    }

    public static Response get(URI uri, String user, String password) throws IOException {
        return exchange("GET", uri, null, null, basic(user, password));
    }

    /** A GET with this {@code Authorization} header value ("Bearer ..."); null sends none. */
    public static Response getWithAuthorization(URI uri, String authorization) throws IOException {
        return exchange("GET", uri, null, null, authorization);
    }

    public static Response postForm(URI uri, String form, String user, String password) throws IOException {
        return exchange("POST", uri, form, "application/x-www-form-urlencoded", basic(user, password));
    }

    public static Response postJson(URI uri, String json) throws IOException {
        return exchange("POST", uri, json, "application/json", null);
    }

    public static Response delete(URI uri) throws IOException {
        return exchange("DELETE", uri, null, null, null);
    }

    public static Response postJson(URI uri, String json, String user, String password) throws IOException {
        return exchange("POST", uri, json, "application/json", basic(user, password));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Response exchange(String method, URI uri, String body, String type, String auth) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5000);
        c.setReadTimeout(20000);
        c.setRequestMethod(method);
        if (auth != null) {
            c.setRequestProperty("Authorization", auth);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", type);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        c.disconnect();
        return new Response(status, text);
    }
}
