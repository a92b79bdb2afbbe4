package dev.guidepost.core.internal.cel;

import java.time.Duration;
import java.time.Instant;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * The {@code string()} conversions of doubles, durations and timestamps with cel-go's text (see
 * {@link CelGoText}); cel-java's own would print {@code 3.0} where Kyverno prints {@code 3}. The environment
 * leaves out cel-java's versions of these three overloads.
 */
final class StringConversionLibrary implements CelRuntimeLibrary {

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtimeBuilder) {
        runtimeBuilder.addFunctionBindings(CelFunctionBinding.fromOverloads("string",
                CelFunctionBinding.from("double_to_string", Double.class, GoValues::formatG),
                CelFunctionBinding.from("duration_to_string", Duration.class, CelGoText::formatDuration),
                CelFunctionBinding.from("timestamp_to_string", Instant.class, CelGoText::formatTimestamp)));
    }
}
