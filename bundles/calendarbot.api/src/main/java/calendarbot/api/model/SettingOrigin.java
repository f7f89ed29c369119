package calendarbot.api.model;

/**
 * One setting that an environment variable can set, its effective value and where that value came from.
 *
 * @param variable the variable that sets it ("CALENDARBOT_REFRESH_INTERVAL")
 * @param pid the configuration it belongs to ("calendarbot.refresh"), or null for the launcher's host and port
 * @param property the configuration property ("intervalSeconds")
 * @param value the effective value, or null when the component's default applies
 * @param origin "environment", ".env &lt;file&gt;", "file &lt;file&gt;", "console", "command line" or "default"
 */
public record SettingOrigin(String variable, String pid, String property, Object value, String origin) {
}
