package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;

class KeptClassLoadersTest {

    /** A class the test bundle carries and defines with its own class loader. */
    public static final class Marker {
    }

    @TempDir
    Path dir;

    @Test
    void aStoppedFrameworkLetsGoOfItsClassLoaders() throws Exception {
        WeakReference<ClassLoader> loader = loadThenStop(null);

        // patient: a framework thread that has not yet ended may hold the loader for a moment
        assertNull(afterCollections(loader, 200), "without a keeper a collection unloads the bundle's classes");
    }

    @Test
    void keptClassLoadersOutliveTheStopAndACollection() throws Exception {
        KeptClassLoaders kept = new KeptClassLoaders();
        WeakReference<ClassLoader> loader = loadThenStop(kept);

        assertNotNull(afterCollections(loader, 10), "the bundle's classes must stay loaded until the archive is written");
    }

    /** Starts a framework with a bundle, loads its class, stops it (keeping the loaders first when asked). */
    private WeakReference<ClassLoader> loadThenStop(KeptClassLoaders kept) throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("storage").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        Bundle bundle = framework.getBundleContext().installBundle("test:marker", Files.newInputStream(markerBundle()));
        bundle.start();
        Class<?> marker = bundle.loadClass(Marker.class.getName());
        ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
        assertSame(loader, marker.getClassLoader(), "the bundle defines the class itself");
        if (kept != null) {
            kept.keep(framework.getBundleContext());
        }
        framework.stop();
        framework.waitForStop(10_000);
        return new WeakReference<>(loader);
    }

    /** The loader after up to {@code collections} full collections, 20 ms apart; null once it was collected. */
    private static ClassLoader afterCollections(WeakReference<ClassLoader> loader, int collections)
            throws InterruptedException {
        for (int i = 0; i < collections && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return loader.get();
    }

    private Path markerBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "test.marker");
        String entry = Marker.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("marker.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = Marker.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
