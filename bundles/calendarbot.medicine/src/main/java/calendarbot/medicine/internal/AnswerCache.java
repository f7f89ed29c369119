package calendarbot.medicine.internal;

import java.sql.SQLException;

/**
 * The last answer of one endpoint and what it was computed from (the database's generation, the second, the
 * settings). The wall panel polls /pending, several browsers may: between two writes the answer of a second is
 * the same for all of them, and the Pi computes it once. One entry: nothing to bound.
 */
final class AnswerCache {

    interface Answer {
        String compute() throws SQLException;
    }

    private record Entry(Object key, String json) {
    }

    private volatile Entry last;

    String get(Object key, Answer answer) throws SQLException {
        Entry e = last;
        if (e != null && e.key().equals(key)) {
            return e.json();
        }
        String json = answer.compute();
        last = new Entry(key, json);
        return json;
    }
}
