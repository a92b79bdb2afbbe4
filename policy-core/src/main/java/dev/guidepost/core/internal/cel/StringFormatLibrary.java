package dev.guidepost.core.internal.cel;

/** Placeholder. */
final class StringFormatLibrary extends FunctionLibrary {
}
