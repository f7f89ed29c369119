package calendarbot.web.internal;

/** What a request was for; the label of the request metrics, so their number stays fixed. */
enum Endpoint {
    WHATS_NEXT("whats_next"),
    SKIP("skip"),
    CLEAR_SKIPS("clear_skips"),
    DONE_FOR_DAY("done_for_day"),
    MORNING_SUMMARY("morning_summary"),
    BROWSER_HEARTBEAT("browser_heartbeat"),
    HEALTH("health"),
    EVENTS("events"),
    LAYOUTS("layouts"),
    STATUS("status"),
    REFRESH("refresh"),
    METRICS("metrics"),
    PAGE("page"),
    LAYOUT_RESOURCE("layout_resource"),
    STATIC("static"),
    NOT_FOUND("not_found");

    final String label;

    Endpoint(String label) {
        this.label = label;
    }
}
