package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.SearchModel;

/**
 * Two class loaders of one JVM each load the embedding model, as two Maven plugin realms with different
 * dependencies do in one build: the JVM binds a native library file to one class loader, so the second must not
 * get "already loaded in another classloader" and fall back to words.
 */
class SharedModelsClassLoadersTest {

    @Test
    void eachIsolatedClassLoaderLoadsTheModelAndEmbeds() throws Exception {
        assertThat(SharedModels.get(SearchModel.QUANTIZED).failure()).isEmpty();
        for (int i = 0; i < 2; i++) {
            try (URLClassLoader realm = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
                assertThat(loadAndEmbed(realm)).as("class loader %d", i).isEqualTo(384);
            }
        }
    }

    @Test
    void aModelLoadingInTheBackgroundIsTheOneEveryCallerGets() throws Exception {
        try (URLClassLoader realm = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> models = Class.forName(SharedModels.class.getName(), true, realm);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object choice = Enum.valueOf((Class) Class.forName(SearchModel.class.getName(), true, realm), "QUANTIZED");
            models.getMethod("preload", choice.getClass()).invoke(null, choice);
            Object first = models.getMethod("get", choice.getClass()).invoke(null, choice);
            models.getMethod("preload", choice.getClass()).invoke(null, choice);
            Object second = models.getMethod("get", choice.getClass()).invoke(null, choice);

            assertThat(first.getClass().getMethod("failure").invoke(first)).isEqualTo("");
            assertThat(first.getClass().getMethod("model").invoke(first))
                    .isSameAs(second.getClass().getMethod("model").invoke(second));
        }
    }

    /** Loads the shared model through the class loader's own classes and embeds one text; the vector's size. */
    private static int loadAndEmbed(ClassLoader realm) throws Exception {
        Class<?> models = Class.forName(SharedModels.class.getName(), true, realm);
        assertThat(models).isNotSameAs(SharedModels.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object choice = Enum.valueOf((Class) Class.forName(SearchModel.class.getName(), true, realm), "QUANTIZED");
        Object loaded = models.getMethod("get", choice.getClass()).invoke(null, choice);
        String failure = (String) loaded.getClass().getMethod("failure").invoke(loaded);
        assertThat(failure).isEmpty();
        Object model = ((Optional<?>) loaded.getClass().getMethod("model").invoke(loaded)).orElseThrow();
        Method embed = Class.forName("dev.langchain4j.model.embedding.EmbeddingModel", true, realm)
                .getMethod("embed", String.class);
        Object response = embed.invoke(model, "can my container run as root?");
        Object embedding = response.getClass().getMethod("content").invoke(response);
        return ((float[]) embedding.getClass().getMethod("vector").invoke(embedding)).length;
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
