package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkTest {
    // wrk 4.1.0's output, as printed on this machine (socket and status lines added as wrk prints them)
    private static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:18080/api/whats-next
              1 threads and 100 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.09ms    1.96ms  47.07ms   89.08%
                Req/Sec    26.90k     1.94k   30.57k    86.00%
              Latency Distribution
                 50%  850.00us
                 75%    3.59ms
                 90%    4.31ms
                 99%    1.20s
              269111 requests in 10.06s, 264.06MB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 4
            Requests/sec:  26749.92
            Transfer/sec:     26.25MB
            """;

    @Test
    void readsPercentilesInTheirUnitsThroughputAndEveryKindOfError() throws IOException {
        Map<String, Object> m = Wrk.parse(OUTPUT, "/api/whats-next", 100);
        assertEquals(0.85, m.get("p50_ms"));
        assertEquals(4.31, m.get("p90_ms"));
        assertEquals(1200.0, m.get("p99_ms"));
        assertEquals(26750L, m.get("throughput_rps"));
        assertEquals(269111L, m.get("requests"));
        assertEquals(9L, m.get("errors"));
        assertEquals("wrk", m.get("client"));
    }

    @Test
    void outputWithoutTotalsIsAnError() {
        assertThrows(IOException.class, () -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused", "/", 1));
    }
}
