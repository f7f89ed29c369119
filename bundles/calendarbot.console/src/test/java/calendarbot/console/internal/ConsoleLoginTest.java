package calendarbot.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.ManualTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class ConsoleLoginTest {
    private final ManualTime time = new ManualTime("2026-03-01T10:00:00Z");

    /** What the console's context sends back for one request. */
    private static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
        Object user;
    }

    @Test
    void theRightPasswordOpensAndWrongOnesSlowDownTheirAddress(@TempDir Path data) throws Exception {
        ConsoleLogin login = new ConsoleLogin(time, null, context(data), ConfigProxy.of(ConsoleLogin.Config.class,
                Map.of("username", "keeper", "passwordHash", ConsolePassword.hash("correct horse"))));

        Answer ok = ask(login, "10.0.0.5", basic("keeper", "correct horse"));
        assertEquals("keeper", ok.user);
        assertEquals(0, ok.status);

        for (int i = 0; i < 5; i++) {
            Answer wrong = ask(login, "10.0.0.5", basic("keeper", "guess " + i));
            assertNull(wrong.user);
            assertEquals(401, wrong.status);
            assertTrue(wrong.headers.get("WWW-Authenticate").startsWith("Basic realm="));
        }
        Answer sixth = ask(login, "10.0.0.5", basic("admin", "admin"));
        assertEquals(401, sixth.status);
        assertEquals("1", sixth.headers.get("Retry-After"));

        // while it waits even the right password is not tried; another address is not held up
        Answer early = ask(login, "10.0.0.5", basic("keeper", "correct horse"));
        assertEquals(429, early.status);
        assertNull(early.user);
        assertEquals("keeper", ask(login, "10.0.0.6", basic("keeper", "correct horse")).user);

        time.advance(Duration.ofSeconds(1));
        assertEquals("keeper", ask(login, "10.0.0.5", basic("keeper", "correct horse")).user);
        assertEquals(401, ask(login, "10.0.0.5", basic("keeper", "wrong")).status);
        assertEquals(null, ask(login, "10.0.0.5", basic("keeper", "wrong")).headers.get("Retry-After"),
                "a success gave the address its free failures back");
    }

    @Test
    void aRightPasswordForAnotherUserAndNoCredentialsAreRefused(@TempDir Path data) throws Exception {
        ConsoleLogin login = new ConsoleLogin(time, null, context(data), ConfigProxy.of(ConsoleLogin.Config.class,
                Map.of("username", "keeper", "passwordHash", ConsolePassword.hash("pw"))));
        assertEquals(401, ask(login, "10.0.0.5", basic("admin", "pw")).status);
        assertEquals(401, ask(login, "10.0.0.5", null).status);
        assertEquals(401, ask(login, "10.0.0.5", "Bearer pw").status);
        assertEquals(401, ask(login, "10.0.0.5", "Basic !!notbase64").status);
    }

    @Test
    void basicCredentialsKeepColonsInThePassword() {
        assertArrayEquals(new String[] {"admin", "a:b:c"}, ConsoleLogin.basicCredentials(basic("admin", "a:b:c")));
        assertArrayEquals(new String[] {"admin", "x"},
                ConsoleLogin.basicCredentials("basic " + b64("admin:x")), "the scheme is case-insensitive");
        assertNull(ConsoleLogin.basicCredentials("Basic " + b64("no colon")));
    }

    @Test
    void hashesAreTheWebConsolesFormatAndGeneratedPasswordsDiffer() {
        // the web console's own default for "admin" (OsgiManager's built-in password)
        assertEquals("{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=", ConsolePassword.hash("admin"));
        String a = ConsolePassword.generate();
        assertEquals(20, a.length());
        assertTrue(!a.equals(ConsolePassword.generate()));
    }

    @Test
    void thePasswordFileIsTheOwnersOnly(@TempDir Path data) throws Exception {
        Path file = ConsolePassword.write(data.resolve("nested"), "s3cret");
        assertEquals("s3cret\n", Files.readString(file));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
    }

    private static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static BundleContext context(Path data) {
        return (BundleContext) Proxy.newProxyInstance(ConsoleLoginTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, args) -> "getProperty".equals(m.getName())
                        && "calendarbot.data".equals(args[0]) ? data.toString() : null);
    }

    private static Answer ask(ConsoleLogin login, String address, String authorization) {
        Answer answer = new Answer();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                ConsoleLoginTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getRemoteAddr" -> address;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                ConsoleLoginTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "sendError" -> answer.status = (Integer) args[0];
                        default -> {
                        }
                    }
                    return null;
                });
        answer.user = login.authenticate(request, response);
        return answer;
    }
}
