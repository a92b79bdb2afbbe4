package dev.guidepost.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding libraries' loggers show only errors in a normal build, as the user set them, or all with -X. */
class EmbeddingLibraryLogsTest {

    private String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY);
        System.clearProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY);
        } else {
            System.setProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY, before);
        }
    }

    @Test
    void djlLoggersShowOnlyErrorsInANormalBuild() {
        EmbeddingLibraryLogs.quiet(new SystemStreamLog());

        assertThat(System.getProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY)).isEqualTo("error");
    }

    @Test
    void aLevelTheUserSetIsKept() {
        System.setProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY, "info");

        EmbeddingLibraryLogs.quiet(new SystemStreamLog());

        assertThat(System.getProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY)).isEqualTo("info");
    }

    @Test
    void debugBuildsKeepEveryMessage() {
        EmbeddingLibraryLogs.quiet(new SystemStreamLog() {
            @Override
            public boolean isDebugEnabled() {
                return true;
            }
        });

        assertThat(System.getProperty(EmbeddingLibraryLogs.DJL_LEVEL_PROPERTY)).isNull();
    }
}
