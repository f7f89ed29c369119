package calendarbot.refresh.internal;

import calendarbot.api.model.FetchException;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.SourceSpec;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/** One readable line per failure, for the health page and the log: what broke and where to look. */
final class FailureText {

    private FailureText() {
    }

    static String of(FetchException e, SourceSpec source) {
        String detail = e.getMessage() == null ? "" : e.getMessage().trim();
        int status = e.httpStatus();
        switch (e.kind()) {
            case AUTHENTICATION:
                return (status > 0 ? statusLine(status) : orDefault(detail, "access denied")) + " — "
                        + (source.auth().type() == SourceSpec.Auth.Type.NONE
                                ? "check the calendar URL's secret"
                                : "check the user and password or token");
            case HTTP_STATUS:
                if (status <= 0) {
                    return orDefault(detail, "the server refused the request");
                }
                return statusLine(status) + statusHint(status);
            case TIMEOUT:
                return prefixed("timeout", detail);
            case NETWORK:
                return prefixed("network problem", detail);
            case TOO_LARGE:
                return prefixed("feed too large", detail);
            case BAD_URL:
                return prefixed("bad URL", detail);
            case NOT_A_CALENDAR:
                return prefixed("not a calendar", detail);
            case CANCELLED:
                return "cancelled";
            default:
                return orDefault(detail, e.kind().toString());
        }
    }

    /** A body that could not be read or parsed; {@code whileReading} when the stream itself failed. */
    static String ofBody(IOException e, boolean whileReading) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
        if (e instanceof NotACalendarException) {
            return prefixed("not a calendar", detail);
        }
        return (whileReading ? "reading the feed failed: " : "parsing the feed failed: ") + detail;
    }

    /** "Not a directory", "No space left on device", "access denied: /data/feeds/work.ics.tmp". */
    static String ofArchive(IOException e, Path dir) {
        if (e instanceof FileSystemException fse) {
            // NIO puts the path in the message and the cause in the reason, or only in the class name
            String reason = fse.getReason() != null ? fse.getReason()
                    : fse.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                            .toLowerCase(Locale.ROOT);
            String file = fse.getFile();
            return file == null || file.equals(dir.toString()) ? reason : reason + ": " + file;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String statusLine(int status) {
        String reason = switch (status) {
            case 200 -> "OK";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return reason == null ? "HTTP " + status : status + " " + reason;
    }

    private static String statusHint(int status) {
        if (status == 404 || status == 410) {
            return " — the calendar URL is wrong or the calendar is no longer published";
        }
        if (status == 429) {
            return " — the server asks to fetch less often";
        }
        if (status >= 500) {
            return " — the calendar server has a problem";
        }
        return "";
    }

    private static String prefixed(String prefix, String detail) {
        if (detail.isEmpty()) {
            return prefix;
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.startsWith(prefix.toLowerCase(Locale.ROOT)) || (prefix.equals("timeout")
                && (lower.contains("timeout") || lower.contains("timed out")))) {
            return detail;
        }
        return prefix + ": " + detail;
    }

    private static String orDefault(String detail, String fallback) {
        return detail.isEmpty() ? fallback : detail;
    }
}
