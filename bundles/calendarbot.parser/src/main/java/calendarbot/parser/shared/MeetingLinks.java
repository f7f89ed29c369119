package calendarbot.parser.shared;

import java.nio.charset.StandardCharsets;

/**
 * Finds a Teams, Zoom, Google Meet or Webex join URL in a property value, on the raw bytes so that a
 * 30 KB Outlook description is scanned once and nothing but the URL is decoded.
 */
public final class MeetingLinks {

    private MeetingLinks() {
    }

    /** The first meeting join URL in {@code b[from..to)}, or null. */
    public static String find(byte[] b, int from, int to) {
        int i = from;
        while (i + 10 < to) {
            byte c = b[i];
            if ((c == 'h' || c == 'H') && startsWithIgnoreCase(b, i + 1, to, "ttp")) {
                int p = i + 4;
                if (p < to && (b[p] == 's' || b[p] == 'S')) {
                    p++;
                }
                if (p + 3 < to && b[p] == ':' && b[p + 1] == '/' && b[p + 2] == '/') {
                    int host = p + 3;
                    int end = host;
                    while (end < to && !endsUrl(b[end])) {
                        end++;
                    }
                    while (end > host && (b[end - 1] == '.' || b[end - 1] == ',' || b[end - 1] == ';')) {
                        end--;
                    }
                    if (isMeeting(b, host, end)) {
                        return new String(b, i, end - i, StandardCharsets.UTF_8);
                    }
                    i = Math.max(end, i + 1);
                    continue;
                }
            }
            i++;
        }
        return null;
    }

    private static boolean endsUrl(byte c) {
        return (c >= 0 && c <= ' ') || c == '<' || c == '>' || c == '"' || c == '\'' || c == '\\' || c == ')'
                || c == ']' || c == '}' || c == '|' || c == '^' || c == '`';
    }

    private static boolean isMeeting(byte[] b, int host, int end) {
        int hostEnd = host;
        while (hostEnd < end && b[hostEnd] != '/' && b[hostEnd] != '?' && b[hostEnd] != '#' && b[hostEnd] != ':') {
            hostEnd++;
        }
        int path = hostEnd;
        while (path < end && b[path] == ':') { // a port
            path++;
            while (path < end && b[path] >= '0' && b[path] <= '9') {
                path++;
            }
        }
        if (hostIs(b, host, hostEnd, "teams.microsoft.com")) {
            return startsWithIgnoreCase(b, path, end, "/l/meetup-join/") || startsWithIgnoreCase(b, path, end, "/meet/");
        }
        if (hostIs(b, host, hostEnd, "teams.live.com")) {
            return startsWithIgnoreCase(b, path, end, "/meet/");
        }
        if (hostIs(b, host, hostEnd, "zoom.us") || hostIs(b, host, hostEnd, "zoomgov.com")) {
            return startsWithIgnoreCase(b, path, end, "/j/") || startsWithIgnoreCase(b, path, end, "/w/")
                    || startsWithIgnoreCase(b, path, end, "/my/");
        }
        if (hostIs(b, host, hostEnd, "meet.google.com")) {
            return isMeetCode(b, path, end);
        }
        if (hostIs(b, host, hostEnd, "webex.com")) {
            return end - path > 1 && hostEnd - host > "webex.com".length();
        }
        return false;
    }

    /** True when the host is {@code domain} or a subdomain of it. */
    private static boolean hostIs(byte[] b, int host, int hostEnd, String domain) {
        int n = domain.length();
        int len = hostEnd - host;
        if (len < n || !startsWithIgnoreCase(b, hostEnd - n, hostEnd, domain)) {
            return false;
        }
        return len == n || b[hostEnd - n - 1] == '.';
    }

    /** "/abc-defg-hij": Google Meet's meeting code. */
    private static boolean isMeetCode(byte[] b, int path, int end) {
        if (end - path < 13 || b[path] != '/') {
            return false;
        }
        for (int k = 0; k < 12; k++) {
            byte c = b[path + 1 + k];
            boolean dash = k == 3 || k == 8;
            if (dash ? c != '-' : !(c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return path + 13 == end || b[path + 13] == '?' || b[path + 13] == '/' || b[path + 13] == '#';
    }

    private static boolean startsWithIgnoreCase(byte[] b, int from, int to, String prefix) {
        int n = prefix.length();
        if (to - from < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            byte c = b[from + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
