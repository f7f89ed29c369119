package calendarbot.web.internal;

import calendarbot.api.model.SourceStatus;
import calendarbot.json.JsonWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of GET /api/health and whether it is healthy (200) or degraded (503). Degraded means someone
 * should look: a piece of the server is not running, an enabled source is failing, or no source has ever
 * delivered data. No source configured at all is not degraded: the kiosk correctly shows no meetings.
 *
 * @param serverTime "now" of the kiosk clock (fixed in demos)
 * @param realNow bookkeeping now, for ages (never the kiosk clock)
 * @param sources the refresher's report; empty while it is not running
 * @param missing names of required services that are not running ("event store", "refresher", ...)
 * @param warnings what someone should know that does not make the wall wrong (a data folder that cannot be written)
 * @param eventCount occurrences held
 * @param heartbeat the last browser heartbeat
 * @param uptimeSeconds process uptime
 * @param heapUsedBytes Java heap in use
 * @param heapMaxBytes Java heap limit
 * @param rssBytes resident memory, or null when unknown
 * @param pid process id
 */
record HealthJson(Instant serverTime, Instant realNow, List<SourceStatus> sources, List<String> missing,
        List<String> warnings, long eventCount, BrowserHeartbeat heartbeat, long uptimeSeconds, long heapUsedBytes, long heapMaxBytes,
        Long rssBytes, long pid) {

    /** What is wrong, in the words of the person who installed the kiosk; empty when healthy. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String m : missing) {
            problems.add("the " + m + " is not running");
        }
        int enabled = 0;
        int withData = 0;
        for (SourceStatus s : sources) {
            if (s.state() == SourceStatus.State.DISABLED) {
                continue;
            }
            enabled++;
            if (s.lastSuccess() != null || s.events() > 0) {
                withData++;
            }
            if (s.state() == SourceStatus.State.FAILING) {
                problems.add(s.name() + ": failing" + (s.error() == null ? "" : ": " + s.error()));
            }
        }
        if (enabled > 0 && withData == 0) {
            problems.add("no calendar has been loaded yet");
        }
        return problems;
    }

    boolean ok() {
        return problems().isEmpty();
    }

    String json() {
        List<String> problems = problems();
        Long age = Sources.dataAgeSeconds(sources, realNow);
        JsonWriter w = new JsonWriter(1024).beginObject()
                .field("status", problems.isEmpty() ? "ok" : "degraded")
                .field("problems", problems)
                .field("warnings", warnings)
                .field("server_time_iso", Iso.utc(serverTime))
                .field("uptime_seconds", uptimeSeconds);
        w.name("sources").beginArray();
        for (SourceStatus s : sources) {
            w.beginObject()
                    .field("id", s.id())
                    .field("name", s.name())
                    .field("colour", s.colour())
                    .field("state", s.state() == null ? null : s.state().name())
                    .field("enabled", s.state() != SourceStatus.State.DISABLED)
                    .field("last_attempt_iso", Iso.utc(s.lastAttempt()))
                    .field("last_success_iso", Iso.utc(s.lastSuccess()))
                    .field("error", s.error())
                    .field("events", s.events())
                    .field("bytes", s.bytes())
                    .field("parse_errors", s.parseErrors())
                    .field("next_attempt_iso", Iso.utc(s.nextAttempt()))
                    .endObject();
        }
        w.endArray();
        w.field("last_browser_heartbeat_iso", Iso.utc(heartbeat.at()))
                .field("last_browser_user_agent", heartbeat.userAgent())
                .field("event_count", eventCount);
        w.name("memory").beginObject()
                .field("heap_used_bytes", heapUsedBytes)
                .field("heap_max_bytes", heapMaxBytes)
                .field("rss_bytes", rssBytes)
                .endObject();
        // calendarbot_lite's own sections, for watchdogs written against it
        w.name("server_status").beginObject()
                .field("uptime_s", uptimeSeconds)
                .field("pid", pid)
                .endObject();
        w.name("data_status").beginObject()
                .field("event_count", eventCount)
                .field("last_refresh_success_age_s", age)
                .field("initial_refresh_complete", age != null)
                .field("event_window_initialized", eventCount > 0)
                .endObject();
        w.name("display_probe").beginObject()
                .field("last_render_probe_iso", Iso.utc(heartbeat.at()))
                .name("last_probe_ok");
        if (heartbeat.at() == null) {
            w.nullValue();
        } else {
            w.value(true);
        }
        w.field("last_probe_notes", heartbeat.at() == null ? null : "browser-heartbeat").endObject();
        return w.endObject().toString();
    }
}
