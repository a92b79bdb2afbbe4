package dev.guidepost.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a {@link dev.guidepost.core.Manifests} test parameter is read from: files or folders, relative to the
 * project folder (or {@link GuidepostTest#baseDir()}).
 *
 * <pre>{@code
 * @Test
 * void everyServiceHasAnOwner(@ManifestsFrom("src/main/k8s") Manifests manifests) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ManifestsFrom {

    /** The files or folders to read. */
    String[] value();
}
