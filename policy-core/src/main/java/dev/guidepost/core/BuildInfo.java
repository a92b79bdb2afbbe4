package dev.guidepost.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Facts about this Guidepost build: its name, version and home page. (Not called {@code Guidepost}, so that it never
 * clashes with the JUnit entry point {@code dev.guidepost.junit.Guidepost}.)
 */
public final class BuildInfo {

    /** The tool's name, as reports show it. */
    public static final String NAME = "Guidepost";

    /** Where to read about the tool (SARIF's {@code informationUri}). */
    public static final String INFORMATION_URI = "https://guidepost.dev";

    private static final String VERSION = readVersion();

    private BuildInfo() {
    }

    /** The version of policy-core, or {@code "dev"} when it is not known (running from an IDE). */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.isBlank() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
