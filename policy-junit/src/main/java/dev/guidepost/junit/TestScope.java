package dev.guidepost.junit;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import dev.guidepost.core.KnowledgeBase;
import dev.guidepost.core.PolicyEngine;

/**
 * The pack of the {@link GuidepostTest} class whose code is running on this thread. The extension binds it around
 * every invocation of the class's code (constructor, lifecycle methods, test methods, test factories and each
 * dynamic test), and from before each test to after it (so that a factory's lazy stream, read after the factory
 * returned, and a {@code @MethodSource}, read after {@code @BeforeAll}, see it too), on the thread that runs it,
 * and restores what was bound before: so it is right under
 * JUnit's parallel execution, where tests of one class run on different threads, and for dynamic tests, which may
 * run on another thread than their factory. Threads a test starts itself see nothing: pass the engine or knowledge
 * base explicitly there.
 */
record TestScope(Settings settings, SharedPack shared, ExtensionContext context) {

    private static final ThreadLocal<TestScope> CURRENT = new ThreadLocal<>();

    /** The scope bound to this thread, if any. */
    static Optional<TestScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The settings of the bound scope, or the defaults outside a {@link GuidepostTest} class. */
    static Settings currentSettings() {
        return current().map(TestScope::settings).orElseGet(Settings::defaults);
    }

    /** The bound scope, or a message saying how to get one. */
    static TestScope require(String operation) {
        return current().orElseThrow(() -> new GuidepostConfigurationException(operation
                + " needs a policy pack, and none is bound to this thread. Annotate the test class with"
                + " @GuidepostTest(pack = \"path/to/pack\"), or pass the pack explicitly: assertThatManifests(...)"
                + ".using(PolicyEngine.of(PolicyPack.load(\"path/to/pack\"))), assertThatSearch(knowledgeBase, query),"
                + " Guidepost.dynamicTests(engine, paths...). In a thread the test started itself the class's pack is"
                + " not bound: pass the engine or knowledge base explicitly there."));
    }

    /** Binds this scope to the current thread until {@link #restore}; returns what was bound before. */
    Optional<TestScope> bind() {
        TestScope previous = CURRENT.get();
        CURRENT.set(this);
        return Optional.ofNullable(previous);
    }

    /** Binds again what {@link #bind()} returned (nothing, when it returned empty). */
    static void restore(Optional<TestScope> previous) {
        previous.ifPresentOrElse(CURRENT::set, CURRENT::remove);
    }

    /** Runs an invocation with this scope bound to the current thread. */
    <T> T run(Invocation<T> invocation) throws Throwable {
        TestScope previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return invocation.proceed();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Publishes a report entry for the running test (JUnit's {@code publishReportEntry}: IDEs and build reports
     * show it beside the test), when a test is running on this thread.
     */
    static void report(String key, String value) {
        current().ifPresent(scope -> scope.context().publishReportEntry(key, value));
    }

    /** The compiled pack. */
    PolicyEngine engine() {
        return shared.engine(settings);
    }

    /** The knowledge base, built on first use. */
    KnowledgeBase knowledgeBase() {
        return shared.knowledgeBase(settings);
    }
}
