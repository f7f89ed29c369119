package calendarbot.web.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * On every answer of the kiosk's server, the plug-ins' pages included: the headers that keep a browser from
 * turning the kiosk's pages against it. Everything comes from the kiosk itself, scripts and styles are files
 * (never inline), and no other page may frame it. JSON and metrics answers are no documents: they get the short
 * form (nothing may load or frame them), since /api/whats-next is the request a kiosk makes most.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("calendarbot.security-headers")
public class SecurityHeadersFilter implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = ((HttpServletRequest) request).getRequestURI();
        boolean data = path.startsWith("/api/") || path.equals("/metrics");
        resp.setHeader("Content-Security-Policy", data ? DATA_POLICY : CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (!data) {
            resp.setHeader("Referrer-Policy", "no-referrer");
        }
        resp.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
