package calendarbot.launcher;

import calendarbot.api.EventStore;
import calendarbot.api.SourceDefinition;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.SourceSpec;
import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code calendarbot check-feed} without a feed: each calendar the kiosk is configured with (CALENDARBOT_ICS_URL,
 * the calendarbot.source-*.cfg files of the profile's folder and the user's), checked as one feed is, with its own
 * credentials and headers. A calendar's URL is shown as everywhere else: scheme and host only.
 */
final class ConfiguredCalendars {

    private ConfiguredCalendars() {
    }

    /** 0 when every calendar switched on was checked; 1 when one failed or there is none to check. */
    static int check(CheckFeedCommand.Request r, CheckFeedFramework kiosk, PrintStream out, PrintStream err)
            throws IOException {
        List<SourceDefinition> sources = kiosk.sources();
        boolean json = r.format().equals("json");
        JsonWriter w = json ? new JsonWriter(4096).beginObject().name("calendars").beginArray() : null;
        int checked = 0;
        int failed = 0;
        for (SourceDefinition source : sources) {
            SourceSpec spec = source.spec();
            String why = !spec.enabled() ? "switched off (enabled = false)" : source.problem();
            String failure = null;
            CheckFeedReport report = null;
            if (why == null) {
                try {
                    report = CheckFeedCommand.report(r, spec, kiosk, err);
                    checked++;
                } catch (IOException | FetchException e) {
                    failure = CheckFeedCommand.failure(e);
                    failed++;
                }
            }
            if (json) {
                w.beginObject().field("id", spec.id()).field("name", spec.name())
                        .field("feed", SourceSpec.shown(spec.url())).field("enabled", spec.enabled())
                        .field("not_checked", why).field("error", failure);
                if (report != null) {
                    report.json(w.name("report"));
                }
                w.endObject();
            } else {
                out.printf("Calendar \"%s\" (%s): %s%n", spec.name(), source.configName(),
                        SourceSpec.shown(spec.url()));
                if (report != null) {
                    report.writeText(out);
                } else {
                    out.println(why != null ? "Not checked: " + why : "Failed:      " + failure);
                }
                out.println();
            }
            if (report != null) {
                // alone in the store: the next calendar's "next meeting" is its own
                kiosk.service(EventStore.class).remove(spec.id());
            }
        }
        if (json) {
            out.println(w.endArray().endObject());
        }
        if (checked + failed == 0) {
            err.println("check-feed: no calendar to check: " + (sources.isEmpty() ? "none is configured"
                    : "every configured one is switched off") + "; set CALENDARBOT_ICS_URL or add a "
                    + "calendarbot.source-<name>.cfg with url= to " + r.config() + ", or give a file or a URL");
            return 1;
        }
        return failed == 0 ? 0 : 1;
    }
}
