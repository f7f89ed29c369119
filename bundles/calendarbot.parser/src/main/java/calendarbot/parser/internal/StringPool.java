package calendarbot.parser.internal;

/**
 * One String per distinct short raw value within a parse: UIDs shared by a master and its overrides,
 * organizers, rooms, TZIDs and RRULEs repeat thousands of times in a large feed. Direct-mapped, so a
 * collision just replaces the slot: bounded and cheap.
 */
final class StringPool {

    private static final int SLOTS = 2048;
    static final int MAX_KEY = 160;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int slot;

    /** The String kept for the bytes {@code b[from..to)}, or null; remembers the slot for {@link #put}. */
    String get(byte[] b, int from, int to) {
        int n = to - from;
        if (n > MAX_KEY) {
            slot = -1;
            return null;
        }
        int h = n;
        for (int i = from; i < to; i++) {
            h = h * 31 + b[i];
        }
        h ^= h >>> 11;
        slot = h & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key == null || key.length != n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (key[i] != b[from + i]) {
                return null;
            }
        }
        return values[slot];
    }

    /** Keeps {@code value} for the bytes last asked for with {@link #get}; returns it. */
    String put(byte[] b, int from, int to, String value) {
        if (slot >= 0) {
            byte[] key = new byte[to - from];
            System.arraycopy(b, from, key, 0, key.length);
            keys[slot] = key;
            values[slot] = value;
        }
        return value;
    }
}
