package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a pi with the medicine tracker while batches of doses are being recorded: after a restart every batch
 * is there whole or not at all, every batch that was answered is there, and every stock matches its doses.
 */
class MedicineCrashIT {
    static final int MEDICINES = 20;
    static final int STOCK = 10_000;
    static final int CLIENTS = 3;

    @TempDir
    Path work;

    @Test
    void aKillDuringBatchTakesLeavesEachBatchWholeOrAbsent() throws Exception {
        Path home = Distribution.withPlugins("pi", work);
        try (Distribution kiosk = Distribution.start(home, work.resolve("configs"), work.resolve("data"), Map.of())) {
            awaitTracker(kiosk);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < MEDICINES; i++) {
                Http.Response r = Http.postJson(kiosk.baseUri().resolve("/api/medicines"),
                        "{\"name\": \"Drops " + i + "\", \"stock\": " + STOCK + "}");
                assertEquals(201, r.status(), r.body());
                ids.add((Long) JsonReader.parseObject(r.body()).get("id"));
            }
            String idList = ids.toString();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    // bounded: the kill below ends it long before
                    for (int n = 0; n < 5000; n++) {
                        String tag = "batch-" + client + "-" + n;
                        sent.incrementAndGet();
                        try {
                            Http.Response r = Http.postJson(kiosk.baseUri().resolve("/api/medicines/batch-take"),
                                    "{\"medicine_ids\": " + idList + ", \"taken_by\": \"" + tag + "\"}");
                            if (r.status() == 200) {
                                answered.add(tag);
                            }
                        } catch (IOException killed) {
                            return;
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            Poll.until("30 batches recorded", answered::size, n -> n >= 30);
            kiosk.kill();
            for (Thread t : clients) {
                t.join(30_000);
            }

            kiosk.start();
            awaitTracker(kiosk);
            Map<String, Object> export = JsonReader.parseObject(
                    Http.get(kiosk.baseUri().resolve("/api/medicines/export")).body());
            Map<String, Integer> perBatch = new HashMap<>();
            Map<Long, Integer> perMedicine = new HashMap<>();
            for (Object d : (List<?>) export.get("doses")) {
                Map<?, ?> dose = (Map<?, ?>) d;
                perBatch.merge((String) dose.get("taken_by"), 1, Integer::sum);
                perMedicine.merge((Long) dose.get("medicine_id"), 1, Integer::sum);
            }
            perBatch.forEach((tag, n) -> assertEquals(MEDICINES, n, tag + " is recorded in part"));
            for (String tag : answered) {
                assertTrue(perBatch.containsKey(tag), tag + " was answered 200 and is lost");
            }
            for (Object m : (List<?>) export.get("medicines")) {
                Map<?, ?> medicine = (Map<?, ?>) m;
                long id = (Long) medicine.get("id");
                assertEquals((long) STOCK - perMedicine.getOrDefault(id, 0), medicine.get("stock"),
                        "the stock of " + id + " and its doses disagree");
            }
            System.out.printf("MedicineCrashIT: %d batches sent, %d answered before the kill, %d recorded%n",
                    sent.get(), answered.size(), perBatch.size());
        }
    }

    private static void awaitTracker(Distribution kiosk) {
        Poll.until("/api/medicines to answer 200", () -> Http.get(kiosk.baseUri().resolve("/api/medicines")).status(),
                s -> s == 200);
    }
}
