package calendarbot.web.internal;

import java.time.Instant;

/**
 * The last sign of life of the kiosk browser (POST /api/browser-heartbeat), so a watchdog can tell a frozen
 * or blank page from a working one.
 *
 * @param at when it arrived (bookkeeping time)
 * @param userAgent the browser's User-Agent, cut to 200 characters
 * @param count heartbeats since start
 */
record BrowserHeartbeat(Instant at, String userAgent, long count) {

    static final BrowserHeartbeat NONE = new BrowserHeartbeat(null, null, 0);

    BrowserHeartbeat next(Instant now, String agent) {
        String ua = agent == null ? null : agent.length() > 200 ? agent.substring(0, 200) : agent;
        return new BrowserHeartbeat(now, ua, count + 1);
    }
}
