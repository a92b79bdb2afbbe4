package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void resultsKeepTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();

        assertThat(Parallel.map(items, i -> i * 2)).isEqualTo(items.stream().map(i -> i * 2).toList());
        assertThat(Parallel.map(List.<Integer>of(), i -> i)).isEmpty();
    }

    @Test
    void theFirstFailureInItemOrderIsRethrown() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();

        assertThatThrownBy(() -> Parallel.map(items, i -> {
            if (i == 30 || i == 40) {
                throw new IllegalStateException("item " + i);
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 30");
    }

    @Test
    void workersSeeTheCallersContextClassLoader() {
        ClassLoader mine = new ClassLoader(getClass().getClassLoader()) {
        };
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Set<ClassLoader> seen = ConcurrentHashMap.newKeySet();
        Thread.currentThread().setContextClassLoader(mine);
        try {
            Parallel.map(IntStream.range(0, 20).boxed().toList(), i -> {
                seen.add(Thread.currentThread().getContextClassLoader());
                return i;
            });
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(seen).containsExactly(mine);
    }
}
