package calendarbot.web.internal;

import calendarbot.api.model.SourceStatus;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of GET /api/health and whether it is healthy (200) or degraded (503). 503 means the wall would show wrong
 * data, which is what a watchdog restarts for: a piece of the server is not running, no source has ever delivered
 * data, or none has refreshed successfully for {@code staleAfter} (the process's own start counts as fresh: a restart
 * gets that long to reach the feeds). One failing feed among others that work is a warning with a 200: restarting
 * the kiosk would not mend it. No source configured at all is not degraded: the kiosk correctly shows no meetings.
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
 * @param staleAfter how long without any successful refresh makes the wall wrong
 */
record HealthJson(Instant serverTime, Instant realNow, List<SourceStatus> sources, List<String> missing,
        List<String> warnings, long eventCount, BrowserHeartbeat heartbeat, long uptimeSeconds, long heapUsedBytes,
        long heapMaxBytes, Long rssBytes, long pid, Duration staleAfter) {

    /** Why the wall would be wrong, in the words of the person who installed the kiosk; empty when it is right. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String m : missing) {
            problems.add("the " + m + " is not running");
        }
        int enabled = 0;
        int withData = 0;
        boolean anyOk = false;
        for (SourceStatus s : sources) {
            if (s.state() == SourceStatus.State.DISABLED) {
                continue;
            }
            enabled++;
            if (s.lastSuccess() != null || s.events() > 0) {
                withData++;
            }
            anyOk |= s.state() == SourceStatus.State.OK;
        }
        if (enabled > 0 && withData == 0) {
            problems.add("no calendar has been loaded yet");
        } else if (enabled > 0 && !anyOk) {
            Instant newest = newestSuccess();
            Instant started = realNow.minusSeconds(uptimeSeconds);
            Instant fresh = newest == null || started.isAfter(newest) ? started : newest;
            long minutes = Duration.between(fresh, realNow).toMinutes();
            if (minutes >= staleAfter.toMinutes()) {
                problems.add("no calendar has refreshed for " + minutes + " min; the wall may show old meetings");
            }
        }
        return problems;
    }

    /**
     * What someone should know that does not make the wall wrong: failing feeds among working ones, what a feed's
     * events had to be guessed with (an unknown time zone), storage.
     */
    List<String> allWarnings() {
        List<String> all = new ArrayList<>(warnings);
        for (SourceStatus s : sources) {
            String warning = warning(s);
            if (warning != null) {
                all.add(warning);
            }
            if (s.state() != SourceStatus.State.DISABLED) {
                for (String guess : s.warnings()) {
                    all.add((s.name() == null ? s.id() : s.name()) + ": " + guess);
                }
            }
        }
        return all;
    }

    private static String warning(SourceStatus s) {
        if (s.state() != SourceStatus.State.FAILING) {
            return null;
        }
        return (s.name() == null ? s.id() : s.name()) + ": failing" + (s.error() == null ? "" : ": " + s.error());
    }

    private Instant newestSuccess() {
        Instant newest = null;
        for (SourceStatus s : sources) {
            if (s.state() != SourceStatus.State.DISABLED && s.lastSuccess() != null
                    && (newest == null || s.lastSuccess().isAfter(newest))) {
                newest = s.lastSuccess();
            }
        }
        return newest;
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
                .field("warnings", allWarnings())
                .field("server_time_iso", IsoTimes.utc(serverTime))
                .field("uptime_seconds", uptimeSeconds);
        w.name("sources").beginArray();
        for (SourceStatus s : sources) {
            w.beginObject()
                    .field("id", s.id())
                    .field("name", s.name())
                    .field("colour", s.colour())
                    .field("state", s.state() == null ? null : s.state().name())
                    .field("enabled", s.state() != SourceStatus.State.DISABLED)
                    .field("last_attempt_iso", IsoTimes.utc(s.lastAttempt()))
                    .field("last_success_iso", IsoTimes.utc(s.lastSuccess()))
                    .field("error", s.error())
                    .field("warning", warning(s))
                    .field("warnings", s.warnings())
                    .field("events", s.events())
                    .field("bytes", s.bytes())
                    .field("parse_errors", s.parseErrors())
                    .field("next_attempt_iso", IsoTimes.utc(s.nextAttempt()))
                    .endObject();
        }
        w.endArray();
        w.field("last_browser_heartbeat_iso", IsoTimes.utc(heartbeat.at()))
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
        // what the launcher renews systemd's watchdog on (with an HTTP answer at all)
        List<String> stuck = RefreshLiveness.stuck(sources, realNow);
        boolean refresher = !missing.contains("refresher");
        w.name("refresh_scheduler").beginObject()
                .field("alive", refresher && stuck.isEmpty())
                .field("stuck", refresher ? stuck : List.of("the refresher is not running"))
                .endObject();
        // calendarbot_lite's watchdog reads the newest success's age here
        w.name("last_refresh").beginObject()
                .field("last_success_iso", IsoTimes.utc(newestSuccess()))
                .field("last_success_delta_s", age)
                .field("stale_after_s", staleAfter.toSeconds())
                .endObject();
        w.name("data_status").beginObject()
                .field("event_count", eventCount)
                .field("last_refresh_success_age_s", age)
                .field("initial_refresh_complete", age != null)
                .field("event_window_initialized", eventCount > 0)
                .endObject();
        w.name("display_probe").beginObject()
                .field("last_render_probe_iso", IsoTimes.utc(heartbeat.at()))
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
