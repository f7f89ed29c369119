package calendarbot.parser.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The kiosk owner's address, looked for among a VEVENT's ATTENDEEs so that the kiosk knows the owner's own
 * PARTSTAT (a declined meeting is not shown as next). Compared on the line's bytes, without "mailto:" and
 * ignoring ASCII case, so the hundreds of attendees of a large feed cost no Strings.
 */
final class OwnerAddress {

    private static final byte[] MAILTO = PropertyName.ascii("MAILTO:");

    private final byte[] me;

    private OwnerAddress(byte[] me) {
        this.me = me;
    }

    /** The owner's address (with or without mailto:), or null when none is configured. */
    static OwnerAddress of(String meAddress) {
        String address = meAddress == null ? "" : stripMailto(meAddress.trim());
        return address.isEmpty() ? null
                : new OwnerAddress(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** True when the ATTENDEE line {@code cl} (parameters scanned) names the owner. */
    boolean isAttendee(ContentLine cl) {
        byte[] b = cl.b;
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        s = afterMailto(b, s, end);
        if (sameAddress(b, s, end)) {
            return true;
        }
        // Google writes ATTENDEE;EMAIL=a@b:invalid:nomail for guests without an address
        int k = cl.param(ContentLine.EMAIL);
        return k >= 0 && sameAddress(b, cl.paramValueStart[k], cl.trimEnd(cl.paramValueStart[k], cl.paramValueEnd[k]));
    }

    /** Where an address starts: after "mailto:" (any case) if the value has it. */
    static int afterMailto(byte[] b, int s, int end) {
        return end - s >= 7 && PropertyName.equalsUpper(b, s, s + 7, MAILTO) ? s + 7 : s;
    }

    private boolean sameAddress(byte[] b, int s, int end) {
        if (end - s != me.length) {
            return false;
        }
        for (int i = 0; i < me.length; i++) {
            byte c = b[s + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != me[i]) {
                return false;
            }
        }
        return true;
    }

    private static String stripMailto(String address) {
        return address.regionMatches(true, 0, "mailto:", 0, 7) ? address.substring(7).trim() : address;
    }
}
