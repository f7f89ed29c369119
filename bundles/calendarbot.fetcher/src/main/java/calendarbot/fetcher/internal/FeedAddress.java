package calendarbot.fetcher.internal;

import calendarbot.api.model.SourceSpec;
import java.net.URI;
import java.util.Locale;

/** Which address a configured feed URL is fetched from, and where a redirect may lead. */
final class FeedAddress {

    private FeedAddress() {
    }

    /**
     * The URL to request for a configured feed URL: webcal:// and webcals:// are the "subscribe" spelling of an
     * https feed (Apple, Google and Outlook all publish them that way), http, https and file stay as they are.
     *
     * @throws IllegalArgumentException with a message for the kiosk owner when the URL cannot be fetched
     */
    static URI fetchUri(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("no URL is configured");
        }
        String scheme = url.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("the URL has no scheme: use https://, webcal:// or file:");
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "https":
                requireHost(url);
                return url;
            case "webcal", "webcals":
                URI https = withScheme(url, "https");
                requireHost(https);
                return https;
            case "file", DemoFeed.SCHEME:
                return url;
            default:
                throw new IllegalArgumentException(
                        "the URL scheme '" + scheme + "' is not supported: use https://, webcal:// or file:");
        }
    }

    /**
     * Where a redirect leads: {@code location} resolved against {@code current} (it may be relative). Only
     * http(s) and webcal targets are followed: a server must not be able to point the kiosk at a local file.
     *
     * @throws IllegalArgumentException when the Location is not a usable web address
     */
    static URI redirectTarget(URI current, String location) {
        URI ref;
        try {
            ref = new URI(location.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the server redirects to an unusable address", e);
        }
        // URI.resolve drops the slash of an empty base path ("http://h" + "x" gives "http://hx").
        URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
        URI target = base.resolve(ref);
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("webcal")
                && !scheme.equals("webcals")) {
            throw new IllegalArgumentException("the server redirects to " + SourceSpec.shown(target)
                    + ", which is not a web address");
        }
        return fetchUri(target);
    }

    static boolean isFile(URI url) {
        return "file".equalsIgnoreCase(url.getScheme());
    }

    static boolean isDemo(URI url) {
        return DemoFeed.SCHEME.equalsIgnoreCase(url.getScheme());
    }

    /**
     * Whether credentials configured for {@code configured} may be sent to {@code target}: same host, same port
     * (default ports of http and https count as the same, so an http to https upgrade keeps them) and no
     * downgrade from https to http, which would send them in clear text.
     */
    static boolean sameOrigin(URI configured, URI target) {
        if (configured.getHost() == null || !configured.getHost().equalsIgnoreCase(target.getHost())) {
            return false;
        }
        if (isHttps(configured) && !isHttps(target)) {
            return false;
        }
        return configured.getPort() == target.getPort() || (isDefaultPort(configured) && isDefaultPort(target));
    }

    private static boolean isHttps(URI url) {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    private static boolean isDefaultPort(URI url) {
        int port = url.getPort();
        return port == -1 || (port == 443 && isHttps(url)) || (port == 80 && "http".equalsIgnoreCase(url.getScheme()));
    }

    private static URI withScheme(URI url, String scheme) {
        String fragment = url.getRawFragment();
        return URI.create(scheme + ":" + url.getRawSchemeSpecificPart() + (fragment == null ? "" : "#" + fragment));
    }

    private static void requireHost(URI url) {
        if (url.getHost() == null) {
            throw new IllegalArgumentException("the URL " + SourceSpec.shown(url) + " has no host name");
        }
    }
}
