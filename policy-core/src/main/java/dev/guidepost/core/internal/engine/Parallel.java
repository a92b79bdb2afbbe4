package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import dev.guidepost.core.internal.cel.CelDialect;
import dev.guidepost.core.internal.cel.CelEnvironment;

/**
 * Work spread over a few short-lived threads, for the cold start of a check: a fresh JVM spends most of its first
 * second loading and initialising classes (the CEL compiler, the YAML reader), and two cores can do that side by
 * side. Results keep their input order, so output stays deterministic. Threads inherit the caller's context class
 * loader (a Maven plugin realm), are daemons, and end with the call.
 */
public final class Parallel {

    /** Beyond this many threads, compiling policies gains nothing (they share the CEL environment). */
    private static final int MAX_THREADS = 4;

    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private Parallel() {
    }

    /**
     * Applies {@code work} to every item, on up to {@code min(cores, 4)} threads including the caller's, and
     * returns the results in the items' order. An unchecked exception or error from {@code work} is rethrown (the
     * first in item order).
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work) {
        return map(items, true, work);
    }

    /** As {@link #map(List, Function)}, on the caller's thread alone when {@code spread} is false. */
    public static <T, R> List<R> map(List<T> items, boolean spread, Function<? super T, ? extends R> work) {
        int threads = !spread ? 1
                : Math.min(Math.min(items.size(), MAX_THREADS), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(work.apply(item));
            }
            return out;
        }
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(items.size());
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(items.size());
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    results.set(i, work.apply(items.get(i)));
                } catch (RuntimeException | Error e) {
                    failures.set(i, e);
                }
            }
        };
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Thread> started = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread thread = new Thread(worker, "guidepost-worker-" + t);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            thread.start();
            started.add(thread);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<R> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Throwable failure = failures.get(i);
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            R result = (R) results.get(i);
            out.add(result);
        }
        return out;
    }

    /**
     * Starts building the CEL environment (and compiling one expression, which loads the parser and checker) on a
     * daemon thread, once per JVM; returns at once. Failures are ignored here: the real compile reports them.
     */
    public static void warmUpCel() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                CelEnvironment.of(CelDialect.VALIDATING_POLICY)
                        .compile("has(object.metadata) && object.metadata.name.startsWith('a')");
            } catch (Exception | LinkageError e) {
                // reported by the compile that needs it
            }
        }, "guidepost-cel-warm-up");
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
    }
}
