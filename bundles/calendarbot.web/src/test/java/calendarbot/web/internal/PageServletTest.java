package calendarbot.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ServletExchange;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageServletTest {

    final LayoutRegistry layouts = new LayoutRegistry();
    final FixedKioskSettings settings = new FixedKioskSettings(Fixtures.LOS_ANGELES);
    final PageServlet page = new PageServlet();
    final Fixtures.MemoryLayout whatsnext = new Fixtures.MemoryLayout("whatsnext",
            "index.html", "<!DOCTYPE html><title>next</title><script src=\"/static/calendarbot.js\"></script>",
            "app.js", "CalendarBot.start({layout: 'whatsnext'});",
            "style.css", "body { color: white; }\n".repeat(100),
            "img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    final Fixtures.MemoryLayout week = new Fixtures.MemoryLayout("week", "index.html", "<title>week</title>");

    @BeforeEach
    void wire() {
        page.layouts = layouts;
        page.metrics = new RequestMetrics();
        page.settings = settings;
        page.useStatics(new StaticResources(Map.of("calendarbot.js",
                "var CalendarBot = {};\n".repeat(80).getBytes(StandardCharsets.UTF_8))));
        layouts.addLayout(whatsnext);
        layouts.addLayout(week);
    }

    @Test
    void theRootIsTheConfiguredLayoutsPage() throws Exception {
        settings.layout = "week";
        var res = ServletExchange.get("/").send(page);
        assertEquals(200, res.status);
        assertEquals(ReadyMarker.META + "\n<title>week</title>", res.text());
        res.assertContentType("text/html; charset=utf-8");
        // Which page / is depends on configuration: a kiosk must revalidate it, or a layout change waits a minute.
        assertEquals("no-cache", res.header("Cache-Control"));
        assertTrue(res.header("ETag") != null);
    }

    @Test
    void everyLayoutsPageCarriesTheMarkerCalendarbotLitesWatchdogLooksFor() throws Exception {
        layouts.addLayout(new Fixtures.MemoryLayout("neon", "index.html",
                "<!doctype html>\n<html><HEAD lang=\"en\"><title>neon</title></head><body><header>x</header></body>"));
        String page = ServletExchange.get("/?layout=neon").send(this.page).text();
        assertEquals("<!doctype html>\n<html><HEAD lang=\"en\">\n<meta name=\"calendarbot-ready\" content=\"true\">"
                + "<title>neon</title></head><body><header>x</header></body>", page);
        assertTrue(ServletExchange.get("/").send(this.page).text().contains("name=\"calendarbot-ready\""));
        byte[] marked = ReadyMarker.add("<head></head>".getBytes(StandardCharsets.UTF_8));
        assertEquals(new String(marked, StandardCharsets.UTF_8),
                new String(ReadyMarker.add(marked), StandardCharsets.UTF_8), "once");
    }

    @Test
    void everyAnswerForbidsForeignScriptsFramesAndSniffingAndDataAnswersLoadNothing() throws Exception {
        for (String path : new String[] { "/", "/layouts/whatsnext/app.js", "/static/calendarbot.js", "/nowhere" }) {
            var res = ServletExchange.get(path).send(new SecurityHeadersFilter(), page);
            String csp = res.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", res.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", res.header("Referrer-Policy"), path);
            assertEquals("DENY", res.header("X-Frame-Options"), path);
        }
        for (String path : new String[] { "/api/whats-next", "/metrics" }) {
            var res = ServletExchange.get(path).send(new SecurityHeadersFilter(), page);
            assertEquals("default-src 'none'; frame-ancestors 'none'", res.header("Content-Security-Policy"), path);
            assertEquals("nosniff", res.header("X-Content-Type-Options"), path);
            assertEquals("DENY", res.header("X-Frame-Options"), path);
        }
        assertFalse(PageServlet.NO_LAYOUT.body().length == 0 || new String(PageServlet.NO_LAYOUT.body(),
                StandardCharsets.UTF_8).contains("style="), "the built-in page needs no inline style");
    }

    @Test
    void theLayoutParameterChoosesForThisPageOnly() throws Exception {
        assertTrue(ServletExchange.get("/?layout=week").send(page).text().endsWith("<title>week</title>"));
        assertTrue(ServletExchange.get("/").send(page).text().contains("<title>next</title>"));
    }

    @Test
    void anUnknownOrRemovedLayoutFallsBackToWhatsNext() throws Exception {
        settings.layout = "week";
        layouts.removeLayout(week);
        assertTrue(ServletExchange.get("/").send(page).text().contains("<title>next</title>"));
        assertTrue(ServletExchange.get("/?layout=nonsense").send(page).text().contains("<title>next</title>"));
        assertEquals(404, ServletExchange.get("/layouts/week/index.html").send(page).status);
    }

    @Test
    void withoutWhatsNextAnyInstalledLayoutIsShown() throws Exception {
        layouts.removeLayout(whatsnext);
        settings.layout = "compact";
        assertTrue(ServletExchange.get("/").send(page).text().endsWith("<title>week</title>"));
    }

    @Test
    void withoutAnyLayoutABuiltInPageSaysSo() throws Exception {
        layouts.removeLayout(whatsnext);
        layouts.removeLayout(week);
        var res = ServletExchange.get("/").send(page);
        assertEquals(200, res.status);
        assertTrue(res.text().contains("No layout installed"));
    }

    @Test
    void layoutFilesAreServedFromMemoryWithTheirTypes() throws Exception {
        int readsAtBind = whatsnext.reads;
        var js = ServletExchange.get("/layouts/whatsnext/app.js").send(page);
        js.assertContentType("text/javascript");
        assertEquals("CalendarBot.start({layout: 'whatsnext'});", js.text());
        ServletExchange.get("/layouts/whatsnext/img/logo.svg").send(page).assertContentType("image/svg+xml");
        ServletExchange.get("/layouts/whatsnext/style.css").send(page).assertContentType("text/css");
        ServletExchange.get("/layouts/whatsnext/").send(page).assertContentType("text/html");
        assertEquals(readsAtBind, whatsnext.reads, "serving must not read the layout's bundle");
        assertEquals(404, ServletExchange.get("/layouts/whatsnext/missing.js").send(page).status);
        assertEquals(404, ServletExchange.get("/layouts/whatsnext/../week/index.html").send(page).status);
    }

    @Test
    void layoutFilesAreGzippedAndRevalidated() throws Exception {
        var css = ServletExchange.get("/layouts/whatsnext/style.css").header("Accept-Encoding", "gzip").send(page);
        assertEquals("gzip", css.header("Content-Encoding"));
        assertEquals("body { color: white; }\n".repeat(100), css.text());
        var again = ServletExchange.get("/layouts/whatsnext/style.css").header("Accept-Encoding", "gzip")
                .header("If-None-Match", css.header("ETag")).send(page);
        assertEquals(304, again.status);
        assertEquals(0, again.bytes().length);
    }

    @Test
    void theSharedScriptIsServedUnderStatic() throws Exception {
        var res = ServletExchange.get("/static/calendarbot.js").send(page);
        assertEquals(200, res.status);
        res.assertContentType("text/javascript; charset=utf-8");
        assertTrue(res.text().startsWith("var CalendarBot"));
        assertEquals(404, ServletExchange.get("/static/nothing.js").send(page).status);
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        var post = ServletExchange.post("/", "x").send(page);
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals(404, ServletExchange.get("/wp-admin").send(page).status);
        var api = ServletExchange.get("/api/whats-next").send(page);
        assertEquals(503, api.status, "the API servlet is not registered yet");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        var res = ServletExchange.request("HEAD", "/static/calendarbot.js").send(page);
        assertEquals(200, res.status);
        assertEquals(0, res.bytes().length);
        assertTrue(Integer.parseInt(res.header("Content-Length")) > 0);
        assertNull(res.header("Content-Encoding"));
    }
}
