package calendarbot.web.internal;

import calendarbot.api.model.RefreshPhases;
import calendarbot.api.model.SourceStatus;
import java.time.Instant;
import java.util.List;

/** GET /metrics in the Prometheus text format (version 0.0.4). */
final class MetricsText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsText() {
    }

    /**
     * @param rssBytes null when unknown
     * @param lastHeartbeat null when the browser never reported
     */
    static String render(List<SourceStatus> sources, RequestMetrics requests, long heapUsedBytes, Long rssBytes,
            long uptimeSeconds, long generation, int skipped, Instant lastHeartbeat, long eventCount) {
        StringBuilder out = new StringBuilder(4096);
        gaugeHeader(out, "calendarbot_refresh_events", "Occurrences held for a source.");
        for (SourceStatus s : sources) {
            sample(out, "calendarbot_refresh_events", s.id(), s.events());
        }
        gaugeHeader(out, "calendarbot_refresh_bytes", "Body bytes of a source's last successful fetch.");
        for (SourceStatus s : sources) {
            sample(out, "calendarbot_refresh_bytes", s.id(), s.bytes());
        }
        gaugeHeader(out, "calendarbot_refresh_parse_errors", "Malformed components skipped in the last parse.");
        for (SourceStatus s : sources) {
            sample(out, "calendarbot_refresh_parse_errors", s.id(), s.parseErrors());
        }
        gaugeHeader(out, "calendarbot_refresh_last_success_timestamp_seconds",
                "When a source last refreshed successfully (Unix time).");
        for (SourceStatus s : sources) {
            if (s.lastSuccess() != null) {
                sample(out, "calendarbot_refresh_last_success_timestamp_seconds", s.id(), s.lastSuccess().getEpochSecond());
            }
        }
        gaugeHeader(out, "calendarbot_refresh_last_attempt_timestamp_seconds",
                "When a source's last fetch started (Unix time).");
        for (SourceStatus s : sources) {
            if (s.lastAttempt() != null) {
                sample(out, "calendarbot_refresh_last_attempt_timestamp_seconds", s.id(), s.lastAttempt().getEpochSecond());
            }
        }
        // the phases of the last successful refresh, the same figures as its log line: nothing has to parse text
        gaugeHeader(out, "calendarbot_refresh_phase_seconds",
                "Time of each phase of a source's last successful refresh (fetch_parse, archive, expand, store).");
        for (SourceStatus s : sources) {
            RefreshPhases p = s.lastPhases();
            if (p != null) {
                phase(out, s.id(), "fetch_parse", p.fetchParseMillis());
                phase(out, s.id(), "archive", p.archiveMillis());
                phase(out, s.id(), "expand", p.expandMillis());
                phase(out, s.id(), "store", p.storeMillis());
            }
        }
        gaugeHeader(out, "calendarbot_refresh_duration_seconds", "Time of a source's last successful refresh.");
        for (SourceStatus s : sources) {
            if (s.lastPhases() != null) {
                out.append("calendarbot_refresh_duration_seconds{source=\"").append(label(s.id())).append("\"} ")
                        .append(s.lastPhases().totalMillis() / 1000.0).append('\n');
            }
        }
        gaugeHeader(out, "calendarbot_refresh_state", "1 for the state a source is in, 0 for the others.");
        for (SourceStatus s : sources) {
            for (SourceStatus.State state : SourceStatus.State.values()) {
                out.append("calendarbot_refresh_state{source=\"").append(label(s.id())).append("\",state=\"")
                        .append(state.name()).append("\"} ").append(s.state() == state ? 1 : 0).append('\n');
            }
        }
        requests.writeTo(out);
        gauge(out, "calendarbot_events", "Occurrences held over all sources.", eventCount);
        gauge(out, "calendarbot_events_generation", "Changes whenever any source's events change.", generation);
        gauge(out, "calendarbot_skipped_meetings", "Meetings skipped on the kiosk.", skipped);
        if (lastHeartbeat != null) {
            gauge(out, "calendarbot_browser_heartbeat_timestamp_seconds",
                    "When the kiosk browser last reported (Unix time).", lastHeartbeat.getEpochSecond());
        }
        gauge(out, "calendarbot_jvm_heap_used_bytes", "Java heap in use.", heapUsedBytes);
        gauge(out, "calendarbot_jvm_heap_committed_bytes", "Java heap reserved from the system (part of the RSS).",
                ProcessFigures.heapCommittedBytes());
        // counts and time per collector: what a refresh costs in pauses, and whether the heap is too small
        List<ProcessFigures.Collector> collectors = ProcessFigures.collectors();
        counterHeader(out, "calendarbot_jvm_gc_collections_total", "Garbage collections since start.");
        for (ProcessFigures.Collector c : collectors) {
            out.append("calendarbot_jvm_gc_collections_total{collector=\"").append(label(c.name())).append("\"} ")
                    .append(c.count()).append('\n');
        }
        counterHeader(out, "calendarbot_jvm_gc_seconds_total", "Time spent in garbage collection since start.");
        for (ProcessFigures.Collector c : collectors) {
            out.append("calendarbot_jvm_gc_seconds_total{collector=\"").append(label(c.name())).append("\"} ")
                    .append(c.millis() / 1000.0).append('\n');
        }
        if (rssBytes != null) {
            gauge(out, "calendarbot_process_resident_memory_bytes", "Resident memory of the process.", rssBytes);
        }
        gauge(out, "calendarbot_uptime_seconds", "Seconds since the process started.", uptimeSeconds);
        return out.toString();
    }

    private static void gaugeHeader(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void counterHeader(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        gaugeHeader(out, name, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void phase(StringBuilder out, String source, String phase, long millis) {
        out.append("calendarbot_refresh_phase_seconds{source=\"").append(label(source)).append("\",phase=\"")
                .append(phase).append("\"} ").append(millis / 1000.0).append('\n');
    }

    private static void sample(StringBuilder out, String name, String source, long value) {
        out.append(name).append("{source=\"").append(label(source)).append("\"} ").append(value).append('\n');
    }

    /** A label value escaped as the text format wants: backslash, quote and newline. */
    static String label(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
