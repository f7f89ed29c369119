package calendarbot.launcher;

import calendarbot.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kiosk asked over its own HTTP port, as a browser would: proof that the connector answers, and /api/health's
 * word on the calendars and the refresh scheduler.
 *
 * @param answered the connector answered (any status)
 * @param schedulerAlive /api/health's refresh_scheduler.alive
 * @param why what is wrong when the watchdog must not be renewed, else null
 * @param calendarsLoaded no source is still PENDING (each has shown its archive, or its feed answered)
 * @param status one line for systemctl status: the health and each calendar that fails
 */
record KioskProbe(boolean answered, boolean schedulerAlive, String why, boolean calendarsLoaded, String status) {

    static final int MAX_STATUS = 200;

    /** Asks /api/health once; never throws. */
    static KioskProbe ask(URI health) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) health.toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                byte[] body = in == null ? new byte[0] : in.readNBytes(1 << 20);
                return of(JsonReader.parseObject(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new KioskProbe(false, false, "no answer from " + health + " (" + e.getMessage() + ")", false,
                    "no HTTP answer");
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    /** What an answer of /api/health says. */
    static KioskProbe of(Map<String, Object> health) {
        boolean alive = Boolean.TRUE.equals(JsonReader.at(health, "refresh_scheduler", "alive"));
        Object stuck = JsonReader.at(health, "refresh_scheduler", "stuck");
        String why = alive ? null : "the refresh scheduler is stuck: " + stuck;
        boolean loaded = true;
        int ok = 0;
        List<String> failing = new ArrayList<>();
        Object sources = health.get("sources");
        for (Object s : sources instanceof List<?> l ? l : List.of()) {
            Map<?, ?> source = (Map<?, ?>) s;
            String state = String.valueOf(source.get("state"));
            loaded &= !"PENDING".equals(state);
            if ("FAILING".equals(state)) {
                failing.add(source.get("name") + " failing: " + source.get("error"));
            } else if (!"DISABLED".equals(state)) {
                ok++;
            }
        }
        StringBuilder status = new StringBuilder(String.valueOf(health.get("status")));
        Object problems = health.get("problems");
        if (problems instanceof List<?> p && !p.isEmpty()) {
            status.append(": ").append(String.join("; ", p.stream().map(String::valueOf).toList()));
        } else {
            status.append(": ").append(ok).append(ok == 1 ? " calendar, " : " calendars, ")
                    .append(health.get("event_count")).append(" events");
        }
        failing.forEach(f -> status.append("; ").append(f));
        String text = status.length() <= MAX_STATUS ? status.toString() : status.substring(0, MAX_STATUS - 1) + "…";
        return new KioskProbe(true, alive, why, loaded, text);
    }
}
