package calendarbot.refresh.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which feed URL validators belong to, without the URL: a published calendar's URL is its secret (a key in the path,
 * credentials before the host), so the archive's metadata keeps only its SHA-256.
 */
final class FeedKey {

    private FeedKey() {
    }

    static String of(URI url) {
        if (url == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
