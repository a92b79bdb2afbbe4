package dev.guidepost.junit;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.Manifests;
import dev.guidepost.core.PolicyEngine;
import dev.guidepost.core.PolicyPack;

/**
 * The Jupiter extension behind {@link GuidepostTest}; use the annotation rather than this class. It loads the pack
 * before the class's tests (so a wrong path or an invalid policy fails the class with the file and line), resolves
 * {@link PolicyPack}, {@link PolicyEngine}, {@link KnowledgeBase} and {@link Manifests} parameters, and makes the
 * class's pack available to {@link GuidepostAssertions} and {@link Guidepost} on the thread running each test.
 */
public final class GuidepostExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            GuidepostExtension.class);
    /** Where a container or test keeps the scope that was bound before it bound its own. */
    private static final String PREVIOUS_SCOPE = "previousScope";

    @Override
    public void beforeAll(ExtensionContext context) {
        TestScope scope = scope(context);
        scope.engine();
        bind(scope, context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        bind(scope(context), context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context);
    }

    /** Binds the scope to this thread until {@link #restore}, as lazily read streams need. */
    private static void bind(TestScope scope, ExtensionContext context) {
        context.getStore(NAMESPACE).put(PREVIOUS_SCOPE, scope.bind());
    }

    @SuppressWarnings("unchecked")
    private static void restore(ExtensionContext context) {
        Optional<TestScope> previous = context.getStore(NAMESPACE).remove(PREVIOUS_SCOPE, Optional.class);
        if (previous != null) {
            TestScope.restore(previous);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Manifests.class) {
            // a parameterized test's arguments may supply Manifests; only @ManifestsFrom says they are read here
            return parameter.isAnnotated(ManifestsFrom.class) || !parameterized(parameter);
        }
        return type == PolicyPack.class || type == PolicyEngine.class || type == KnowledgeBase.class;
    }

    /** True for a parameter of a {@code @ParameterizedTest} (named, so that junit-jupiter-params stays optional). */
    private static boolean parameterized(ParameterContext parameter) {
        return java.util.Arrays.stream(parameter.getDeclaringExecutable().getAnnotations())
                .anyMatch(a -> a.annotationType().getName().equals("org.junit.jupiter.params.ParameterizedTest"));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestScope scope = scope(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == PolicyPack.class) {
            return scope.engine().pack();
        }
        if (type == PolicyEngine.class) {
            return scope.engine();
        }
        if (type == KnowledgeBase.class) {
            return scope.knowledgeBase();
        }
        Optional<ManifestsFrom> from = parameter.findAnnotation(ManifestsFrom.class);
        if (from.isEmpty() || from.get().value().length == 0) {
            throw new ParameterResolutionException("say where the Manifests parameter of "
                    + parameter.getDeclaringExecutable().getName() + "(...) is read from: annotate it with"
                    + " @ManifestsFrom(\"src/main/k8s\")");
        }
        return ManifestFiles.load(Arrays.asList(from.get().value()), scope.settings()).manifests();
    }

    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation,
            ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext context) throws Throwable {
        return scope(context).run(invocation);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        return scope(context).run(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        scope(context).run(invocation);
    }

    /** The settings of the test class (or an enclosing one) and the run-wide shared pack they name. */
    private static TestScope scope(ExtensionContext context) {
        ExtensionContext withClass = context;
        while (withClass.getTestClass().isEmpty() && withClass.getParent().isPresent()) {
            withClass = withClass.getParent().get(); // a dynamic test's context names no class; its factory's does
        }
        Class<?> testClass = withClass.getRequiredTestClass();
        Settings settings = null;
        for (Class<?> c = testClass; c != null && settings == null; c = c.getEnclosingClass()) {
            Class<?> declaring = c;
            settings = AnnotationSupport.findAnnotation(c, GuidepostTest.class)
                    .map(a -> Settings.of(a, declaring)).orElse(null);
        }
        if (settings == null) {
            throw GuidepostConfigurationException.withoutTrace(testClass.getSimpleName()
                    + " uses the Guidepost extension without saying which pack to check: annotate it with"
                    + " @GuidepostTest(pack = \"path/to/pack\") instead of @ExtendWith(GuidepostExtension.class)");
        }
        SharedPack shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(settings.packKey(), key -> new SharedPack(), SharedPack.class);
        return new TestScope(settings, shared, context);
    }
}
