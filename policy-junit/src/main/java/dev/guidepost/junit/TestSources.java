package dev.guidepost.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Properties;

import dev.guidepost.core.SourceLocation;

/**
 * The source a dynamic test points at, so that an IDE opens the manifest at its line. Not under Maven Surefire or
 * Failsafe 3.5.3: that version drops every dynamic test that has a file as its source, failing ones included, and
 * would report a build with violations as green (SUREFIRE-2299, fixed in 3.5.4).
 */
final class TestSources {

    private static final String BOOTER = "META-INF/maven/org.apache.maven.surefire/surefire-booter/pom.properties";
    private static final boolean OMIT = dropsFileSources(runningSurefireVersion());

    private TestSources() {
    }

    /** The file URI with the line as a query, as JUnit's {@code FileSource} reads it; null where it would harm. */
    static URI of(SourceLocation location) {
        if (OMIT) {
            return null;
        }
        URI file = Path.of(location.file()).toUri();
        return location.line() > 0 ? URI.create(file + "?line=" + location.line()) : file;
    }

    /** True for the Surefire versions that lose dynamic tests with a file source. */
    static boolean dropsFileSources(String surefireVersion) {
        return surefireVersion.equals("3.5.3");
    }

    /** The version of the Surefire booter that runs the tests, or "" outside Surefire and Failsafe. */
    static String runningSurefireVersion() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                TestSources.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
            URL url = loader == null ? null : loader.getResource(BOOTER);
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return properties.getProperty("version", "").strip();
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return "";
    }
}
