package calendarbot.refresh.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The copy of a body being received, written to a temp file beside the archive. A write error (disk full, SD
 * card gone read-only) stops the copy and is remembered; it never disturbs the parse that feeds it.
 */
final class ArchiveWriter {

    private final Path temp;
    private final Path target;
    private FileChannel channel;
    private OutputStream out;
    private IOException problem;
    private long bytes;

    ArchiveWriter(Path temp, Path target) throws IOException {
        this.temp = temp;
        this.target = target;
        this.channel = PrivateFiles.create(temp);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
    }

    void write(byte[] b, int off, int len) {
        if (out == null || len <= 0) {
            return;
        }
        try {
            out.write(b, off, len);
            bytes += len;
        } catch (IOException e) {
            fail(e);
        }
    }

    void write(int b) {
        if (out == null) {
            return;
        }
        try {
            out.write(b);
            bytes++;
        } catch (IOException e) {
            fail(e);
        }
    }

    long bytes() {
        return bytes;
    }

    /** Makes the copy the archived body (fsync, atomic rename); null on success, else what went wrong. */
    IOException commit() {
        if (problem != null) {
            discard();
            return problem;
        }
        if (out == null) {
            return new IOException("the archive copy was already closed");
        }
        try {
            out.flush();
            channel.force(true);
            out.close();
            out = null;
            channel = null;
            FeedArchive.replace(temp, target);
            return null;
        } catch (IOException e) {
            discard();
            return e;
        }
    }

    /** Drops the copy; the archived body stays as it was. */
    void discard() {
        closeQuietly();
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // removed at the next start (FeedArchive.removeLeftovers)
        }
    }

    private void fail(IOException e) {
        problem = e;
        discard();
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            } else if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to save
        } finally {
            out = null;
            channel = null;
        }
    }
}
