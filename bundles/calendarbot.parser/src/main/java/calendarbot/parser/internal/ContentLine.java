package calendarbot.parser.internal;

/**
 * The parts of one unfolded content line, {@code NAME;PARAM=VALUE;PARAM="quoted,value":value}, as
 * offsets into the line's bytes. Parameters are only scanned for properties that are kept.
 */
final class ContentLine {

    static final byte[] TZID = PropertyName.ascii("TZID");
    static final byte[] VALUE = PropertyName.ascii("VALUE");
    static final byte[] RANGE = PropertyName.ascii("RANGE");
    static final byte[] PARTSTAT = PropertyName.ascii("PARTSTAT");
    static final byte[] EMAIL = PropertyName.ascii("EMAIL");

    private static final int MAX_PARAMS = 24;

    byte[] b;
    int length;
    int nameStart;
    int nameEnd;
    /** First byte of the value, after the ':'; equals {@link #length} when the line has none. */
    int valueStart;
    int paramCount;
    final int[] paramNameStart = new int[MAX_PARAMS];
    final int[] paramNameEnd = new int[MAX_PARAMS];
    final int[] paramValueStart = new int[MAX_PARAMS];
    final int[] paramValueEnd = new int[MAX_PARAMS];

    /** Finds the name of the line; false for a blank line. */
    boolean scanName(byte[] line, int len) {
        b = line;
        length = len;
        int i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        nameStart = i;
        while (i < len) {
            byte c = line[i];
            if (c == ';' || c == ':') {
                break;
            }
            i++;
        }
        int end = i;
        while (end > nameStart && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        nameEnd = end;
        paramCount = 0;
        valueStart = i < len && line[i] == ':' ? i + 1 : -1;
        return nameEnd > nameStart;
    }

    int name() {
        return PropertyName.of(b, nameStart, nameEnd);
    }

    /**
     * Scans the parameters and finds the value. For date-valued properties a ':' in an unquoted
     * parameter value that is not followed by a date is kept in the parameter: Outlook writes
     * {@code TZID=(UTC+01:00) Amsterdam, Berlin, ...} without the quotes RFC 5545 3.2 asks for.
     */
    void scanParameters(boolean dateValued) {
        byte[] line = b;
        int len = length;
        int i = nameEnd;
        while (i < len && line[i] != ';' && line[i] != ':') {
            i++;
        }
        paramCount = 0;
        while (i < len) {
            if (line[i] == ':') {
                valueStart = i + 1;
                return;
            }
            i++; // the ';'
            int ns = i;
            while (i < len && line[i] != '=' && line[i] != ';' && line[i] != ':') {
                i++;
            }
            int ne = i;
            if (i >= len || line[i] != '=') {
                continue; // a parameter without a value: ignored
            }
            i++;
            int vs;
            int ve;
            if (i < len && line[i] == '"') {
                vs = i + 1;
                int q = indexOf(line, '"', vs, len);
                ve = q < 0 ? len : q;
                i = q < 0 ? len : q + 1;
                // further values of a list: MEMBER="a","b"
                while (i < len && line[i] != ';' && line[i] != ':') {
                    if (line[i] == '"') {
                        q = indexOf(line, '"', i + 1, len);
                        i = q < 0 ? len : q + 1;
                    } else {
                        i++;
                    }
                }
            } else {
                vs = i;
                while (i < len && line[i] != ';' && line[i] != ':') {
                    i++;
                }
                while (dateValued && i < len && line[i] == ':' && !startsWithYear(line, i + 1, len)
                        && indexOf(line, ':', i + 1, len) > 0) {
                    i++;
                    while (i < len && line[i] != ';' && line[i] != ':') {
                        i++;
                    }
                }
                ve = i;
            }
            if (paramCount < MAX_PARAMS) {
                paramNameStart[paramCount] = ns;
                paramNameEnd[paramCount] = ne;
                paramValueStart[paramCount] = vs;
                paramValueEnd[paramCount] = ve;
                paramCount++;
            }
        }
        valueStart = len;
    }

    /** Index of the parameter named {@code upperName}, or -1. */
    int param(byte[] upperName) {
        for (int k = 0; k < paramCount; k++) {
            if (PropertyName.equalsUpper(b, paramNameStart[k], paramNameEnd[k], upperName)) {
                return k;
            }
        }
        return -1;
    }

    /** True when parameter {@code k} exists and its value equals {@code upperValue}, ignoring case. */
    boolean paramIs(int k, byte[] upperValue) {
        return k >= 0 && PropertyName.equalsUpper(b, paramValueStart[k], trimEnd(paramValueStart[k], paramValueEnd[k]),
                upperValue);
    }

    /** True when the value equals {@code upperValue}, ignoring case and surrounding blanks. */
    boolean valueIs(byte[] upperValue) {
        int s = valueStart;
        int e = trimEnd(s, length);
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        return PropertyName.equalsUpper(b, s, e, upperValue);
    }

    /** The component code of a BEGIN/END line's value. */
    int valueName() {
        int s = valueStart;
        int e = trimEnd(s, length);
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        return PropertyName.of(b, s, e);
    }

    int trimEnd(int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithYear(byte[] b, int from, int to) {
        if (from + 4 > to) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
